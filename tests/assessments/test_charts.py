"""The SVG charts of a child's profile: valid, accessible, faithful to the data, escaped."""

import base64
import io
import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from svglib.svglib import svg2rlg

from vsend_plugin.assessments.charts import (
    SERIES_STYLES,
    area_levels_svg,
    area_profile_svg,
    svg_data_uri,
)
from vsend_plugin.scoring import AREAS, LEVELS, score

SVG = "{http://www.w3.org/2000/svg}"
AREA_CODES = [area.code for area in AREAS]
AREA_NAMES = {area.code: area.name for area in AREAS}


def needs(levels: dict) -> dict:
    """Ratings for all 18 indicators: each area's first indicator at its level, the rest lower."""
    ratings = {}
    for area in AREAS:
        level = levels.get(area.code)
        for position, indicator in enumerate(area.indicators):
            ratings[indicator.code] = None if level is None else max(0, level - position % 2)
    return ratings


def profile(levels, provision=None):
    return score(needs(levels), provision=provision).as_dict()


HISTORY = [
    (date(2025, 3, 4), profile({"CI": 1, "CL": 2, "SEMH": 1, "SP": 0, "IND": 1})),
    (date(2025, 10, 1), profile({"CI": 2, "CL": 2, "SEMH": None, "SP": 0, "IND": 1})),
    (date(2026, 3, 10), profile({"CI": 2, "CL": 3, "SEMH": 2, "SP": 1, "IND": None})),
    (
        date(2026, 10, 2),
        profile(
            {"CI": 3, "CL": 2, "SEMH": 2, "SP": 1, "IND": 2},
            provision={"CI": 2, "CL": 2, "SEMH": 1, "IND": 2},
        ),
    ),
]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def series(root):
    return {
        group.get("data-area"): group
        for group in root.iter(f"{SVG}g")
        if group.get("class") == "series"
    }


def markers(group):
    return [element for element in group.iter() if element.get("class") == "marker"]


def lines(group):
    return [element for element in group.iter(f"{SVG}polyline")]


def polyline_points(element):
    return [tuple(map(float, pair.split(","))) for pair in element.get("points").split()]


def contrast_on_white(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


# The line chart of levels over time.


def test_levels_chart_is_standalone_accessible_svg():
    svg = area_levels_svg(HISTORY)
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("width") == "640" and root.get("height") == "280"
    assert root.get("viewBox") == "0 0 640 280"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and title.text
    assert desc is not None
    # aria-labelledby points at the title and the description.
    assert root.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]
    assert "Mar 2025" in desc.text and "Oct 2026" in desc.text
    latest = HISTORY[-1][1]["areas"]
    for code, name in AREA_NAMES.items():
        level = latest[code]["level"]
        assert f"{name}: latest level {level}, {LEVELS[level].name}" in desc.text


def test_levels_chart_labels_dates_by_month_and_levels_by_name():
    root = parse(area_levels_svg(HISTORY))
    texts = [element.text for element in root.iter(f"{SVG}text")]
    for label in ("Mar 2025", "Oct 2025", "Mar 2026", "Oct 2026"):
        assert label in texts
    for label in ("0 None", "1 Low", "2 Moderate", "3 Significant", "4 Profound"):
        assert label in texts
    for name in AREA_NAMES.values():  # the legend
        assert name in texts


def test_each_area_has_one_point_per_assessment_where_it_has_a_level():
    root = parse(area_levels_svg(HISTORY))
    groups = series(root)
    assert list(groups) == AREA_CODES
    for code, group in groups.items():
        levels = [p["areas"][code]["level"] for _, p in HISTORY]
        rated = [level for level in levels if level is not None]
        assert len(markers(group)) == len(rated), code
        # Lines join the rated points next to each other; a point with no rated
        # neighbour stands on its own.
        padded = [None, *levels, None]
        alone = sum(
            1
            for before, level, after in zip(padded, padded[1:], padded[2:], strict=False)
            if level is not None and before is None and after is None
        )
        joined = sum(len(polyline_points(line)) for line in lines(group))
        assert joined == len(rated) - alone, code


def test_an_unrated_area_leaves_a_gap_in_its_line():
    groups = series(parse(area_levels_svg(HISTORY)))
    # Rated at every assessment: one unbroken line through four points.
    assert [len(polyline_points(line)) for line in lines(groups["CI"])] == [4]
    # SEMH is not rated at the second assessment: a point on its own, then a line of three.
    assert len(markers(groups["SEMH"])) == 3
    assert [len(polyline_points(line)) for line in lines(groups["SEMH"])] == [2]
    # IND is not rated at the third: a line of two, a gap, and a point on its own.
    assert [len(polyline_points(line)) for line in lines(groups["IND"])] == [2]
    assert len(markers(groups["IND"])) == 3


def test_points_sit_at_their_levels():
    root = parse(area_levels_svg(HISTORY))
    gridlines = {
        element.text.split()[0]: float(element.get("y")) - 4
        for element in root.iter(f"{SVG}text")
        if re.fullmatch(r"\d [A-Za-z]+", element.text or "")
    }
    line = lines(series(root)["CI"])[0]
    ys = [y for _, y in polyline_points(line)]
    expected = [gridlines[str(p["areas"]["CI"]["level"])] for _, p in HISTORY]
    # Series are nudged a few pixels apart so that coinciding lines stay visible.
    assert ys == pytest.approx(expected, abs=8)
    assert ys[0] > ys[1] > ys[-1]  # higher levels are higher up


def test_one_assessment_shows_points_only():
    root = parse(area_levels_svg(HISTORY[-1:]))
    for code, group in series(root).items():
        assert lines(group) == [], code
        assert len(markers(group)) == 1, code
    desc = root.find(f"{SVG}desc").text
    assert "one assessment, Oct 2026" in desc


def test_no_history_is_still_a_valid_chart():
    root = parse(area_levels_svg([]))
    assert root.get("role") == "img"
    assert "No assessments" in root.find(f"{SVG}desc").text
    assert all(not markers(group) for group in series(root).values())


def test_dates_in_one_month_are_told_apart_by_day():
    history = [(date(2026, 3, 2), HISTORY[0][1]), (date(2026, 3, 30), HISTORY[1][1])]
    texts = [element.text for element in parse(area_levels_svg(history)).iter(f"{SVG}text")]
    assert "2 Mar 2026" in texts and "30 Mar 2026" in texts


def test_five_series_differ_in_colour_marker_and_dash():
    groups = series(parse(area_levels_svg(HISTORY)))
    assert len(groups) == 5
    colours = {group.get("data-colour") for group in groups.values()}
    shapes = {group.get("data-marker") for group in groups.values()}
    dashes = {group.get("data-dash") for group in groups.values()}
    assert len(colours) == len(shapes) == len(dashes) == 5
    for code, group in groups.items():
        style = SERIES_STYLES[code]
        for marker in markers(group):
            assert marker.get("fill") == style.colour
            assert marker.get("data-shape") == style.marker
        for line in lines(group):
            assert line.get("stroke") == style.colour
            assert line.get("stroke-dasharray") == style.dash
    # The drawn dash patterns themselves differ, not just their names.
    assert len({style.dash for style in SERIES_STYLES.values()}) == 5
    # The marker shapes are drawn differently too.
    drawn = set()
    for group in groups.values():
        marker = markers(group)[0]
        if marker.tag == f"{SVG}circle":
            drawn.add("circle")
        else:
            drawn.add(len(marker.get("d").split("L")))
    assert len(drawn) >= 3


@pytest.mark.parametrize("code", AREA_CODES)
def test_colours_meet_wcag_contrast_on_white(code):
    assert contrast_on_white(SERIES_STYLES[code].colour) >= 4.5


# The bar chart of the current profile.

CURRENT = HISTORY[-1][1]


def area_groups(root):
    return {
        group.get("data-area"): group
        for group in root.iter(f"{SVG}g")
        if group.get("class") == "area"
    }


def test_profile_chart_is_accessible_and_describes_each_area():
    root = parse(area_profile_svg(CURRENT))
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text
    desc = root.find(f"{SVG}desc").text
    for code, name in AREA_NAMES.items():
        level = CURRENT["areas"][code]["level"]
        assert f"{name}: need level {level}, {LEVELS[level].name}" in desc
    assert (
        "Communication and interaction: need level 3, Significant; provision in place "
        "meets level 2; gap of 1 level." in desc
    )
    assert "Sensory and/or physical: need level 1, Low; provision not known." in desc


def test_profile_chart_marks_provision_and_hatches_gaps():
    groups = area_groups(parse(area_profile_svg(CURRENT)))
    assert list(groups) == AREA_CODES
    for code, group in groups.items():
        area = CURRENT["areas"][code]
        classes = [element.get("class") for element in group.iter()]
        assert ("provision" in classes) == (area["provision"] is not None), code
        assert ("gap" in classes) == bool(area["gap"]), code
        assert group.get("data-colour") == SERIES_STYLES[code].colour
    texts = [element.text for element in groups["CI"].iter(f"{SVG}text")]
    assert "level 3, gap 1" in texts
    sp_texts = [element.text for element in groups["SP"].iter(f"{SVG}text")]
    assert "provision not known" in sp_texts


def test_bars_are_as_long_as_the_levels():
    groups = area_groups(parse(area_profile_svg(CURRENT)))

    def bar_length(code):
        group = groups[code]
        solid = [
            float(r.get("width")) for r in group.iter(f"{SVG}rect") if r.get("class") == "need-met"
        ]
        hatched = [
            float(r.get("width"))
            for g in group.iter(f"{SVG}g")
            if g.get("class") == "gap"
            for r in g.findall(f"{SVG}rect")[:1]
        ]
        return sum(solid) + sum(hatched)

    unit = bar_length("SP")  # level 1
    assert bar_length("CL") == pytest.approx(2 * unit)
    assert bar_length("CI") == pytest.approx(3 * unit)
    assert bar_length("SEMH") == pytest.approx(2 * unit)


def test_profile_chart_says_when_an_area_is_not_rated():
    incomplete = profile({"CI": 2, "CL": 1, "SEMH": None, "SP": 0, "IND": None})
    root = parse(area_profile_svg(incomplete))
    groups = area_groups(root)
    for code in ("SEMH", "IND"):
        texts = [element.text for element in groups[code].iter(f"{SVG}text")]
        assert "Not rated" in texts and "not rated" in texts
        assert not [r for r in groups[code].iter(f"{SVG}rect")]
    assert "Independence: not rated; provision not known." in root.find(f"{SVG}desc").text


# Escaping, rendering and data URIs.

PT_PER_PX = 0.75

HOSTILE = 'Amara & <script>alert("x")</script> "quoted"'


@pytest.mark.parametrize("draw", [area_levels_svg, area_profile_svg])
def test_text_is_escaped_and_stays_inert(draw):
    data = HISTORY if draw is area_levels_svg else CURRENT
    svg = draw(data, title=HOSTILE, area_names={"CI": "Talk & <b>listen</b>"})
    assert "<script" not in svg and "<b>" not in svg
    assert "&lt;script&gt;" in svg and "&amp;" in svg
    root = parse(svg)
    assert not [element for element in root.iter() if element.tag.endswith("script")]
    assert root.find(f"{SVG}title").text == HOSTILE
    texts = [element.text for element in root.iter(f"{SVG}text")]
    assert "Talk & <b>listen</b>" in texts
    assert "Talk & <b>listen</b>" in root.find(f"{SVG}desc").text


@pytest.mark.parametrize(
    "svg",
    [
        area_levels_svg(HISTORY),
        area_levels_svg(HISTORY[:1]),
        area_levels_svg([]),
        area_profile_svg(CURRENT),
        area_profile_svg(
            profile(
                {"CI": 4, "CL": 0, "SEMH": None, "SP": 4, "IND": 1},
                provision={"CI": 0, "CL": 4, "SP": 4, "IND": 0},
            )
        ),
        area_levels_svg(HISTORY, title=HOSTILE),
    ],
    ids=["history", "single", "empty", "profile", "extremes", "escaped"],
)
def test_svglib_renders_the_charts(svg):
    drawing = svg2rlg(io.BytesIO(svg.encode("utf-8")))
    assert drawing is not None
    root = parse(svg)
    # svglib reads unitless SVG lengths as CSS pixels, 0.75 of a point each.
    assert drawing.width == pytest.approx(float(root.get("width")) * PT_PER_PX)
    assert drawing.height == pytest.approx(float(root.get("height")) * PT_PER_PX)
    # xhtml2pdf sizes an SVG image by what is drawn: the background covers it all.
    x0, y0, x1, y1 = drawing.getBounds()
    assert (x0, y0) == pytest.approx((0, 0), abs=0.5)
    assert (x1, y1) == pytest.approx((drawing.width, drawing.height), abs=0.5)


def test_custom_size():
    root = parse(area_levels_svg(HISTORY, width=900, height=400))
    assert root.get("viewBox") == "0 0 900 400"
    drawing = svg2rlg(io.BytesIO(area_profile_svg(CURRENT, width=800).encode()))
    assert drawing.width == 800 * PT_PER_PX


def test_svg_data_uri_round_trips():
    svg = area_profile_svg(CURRENT)
    uri = svg_data_uri(svg)
    prefix = "data:image/svg+xml;base64,"
    assert uri.startswith(prefix)
    assert base64.b64decode(uri[len(prefix) :]).decode("utf-8") == svg
    assert svg_data_uri("<svg>é</svg>").endswith(base64.b64encode("<svg>é</svg>".encode()).decode())


def test_accepts_profile_objects_and_iso_dates():
    scored = score(needs({"CI": 2, "CL": 2, "SEMH": 2, "SP": 2, "IND": 2}))
    svg = area_levels_svg([("2026-03-02", scored), (date(2026, 9, 1), scored.as_dict())])
    assert "Mar 2026" in svg and "Sep 2026" in svg
    assert area_profile_svg(scored) == area_profile_svg(scored.as_dict())
