"""Legends: rows that wrap to the chart's width, a sample and its label per series."""

import xml.etree.ElementTree as ET

from vsend_plugin.charts import (
    SERIES_STYLES,
    Canvas,
    draw_line_legend,
    draw_marker_legend,
    draw_swatch_legend,
    legend_rows,
    text_width,
)

SVG = "{http://www.w3.org/2000/svg}"
ITEMS = [
    ("CI", "Communication and interaction"),
    ("CL", "Cognition and learning"),
    ("SEMH", "Social, emotional and mental health"),
    ("SP", "Sensory and physical"),
    ("IND", "Independence and self-care"),
]
STYLES = dict(zip([key for key, _ in ITEMS], SERIES_STYLES, strict=True))


def test_rows_wrap_to_the_room_there_is_and_keep_the_order():
    rows = legend_rows(ITEMS, 400)
    assert len(rows) > 1
    assert [item for row in rows for item in row] == ITEMS
    for row in rows[:-1]:
        assert sum(34 + text_width(label, 12) + 22 for _, label in row) <= 400 or len(row) == 1
    assert legend_rows(ITEMS, 10_000) == [ITEMS]
    assert legend_rows([], 400) == []


def legend_of(draw):
    canvas = Canvas(640, 100, "t", "d", kind="test")
    draw(canvas)
    root = ET.fromstring(canvas.render())
    (group,) = [g for g in root.iter(f"{SVG}g") if g.get("class") == "legend"]
    return group


def test_a_line_legend_shows_each_series_dash_and_marker_beside_its_name():
    group = legend_of(
        lambda canvas: draw_line_legend(canvas, legend_rows(ITEMS, 600), STYLES, 16, 20)
    )
    assert [text.text for text in group.iter(f"{SVG}text")] == [label for _, label in ITEMS]
    dashes = [line.get("stroke-dasharray") for line in group.iter(f"{SVG}line")]
    assert dashes == [style.dash for style in SERIES_STYLES]
    shapes = [
        marker.get("data-shape") for marker in group.iter() if marker.get("class") == "marker"
    ]
    assert shapes == [style.marker for style in SERIES_STYLES]


def test_a_marker_legend_and_a_swatch_legend_name_every_series():
    markers = legend_of(
        lambda canvas: draw_marker_legend(canvas, legend_rows(ITEMS, 600), STYLES, 16, 20)
    )
    assert [text.text for text in markers.iter(f"{SVG}text")] == [label for _, label in ITEMS]
    swatches = legend_of(
        lambda canvas: draw_swatch_legend(
            canvas, [("level", "#1d70b8"), ("intensity", "#003078")], 16, 20
        )
    )
    assert [text.text for text in swatches.iter(f"{SVG}text")] == ["level", "intensity"]
    assert [rect.get("fill") for rect in swatches.iter(f"{SVG}rect")] == ["#1d70b8", "#003078"]
