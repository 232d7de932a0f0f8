"""Charts of a child's needs profile, drawn as plain SVG text.

Two charts people would rather see than read:

- :func:`area_levels_svg`: a line chart of each area's need level over the
  child's assessments, oldest first;
- :func:`area_profile_svg`: horizontal bars of the current need level per
  area, with a marker for the provision the setting has in place, so that the
  gap between the two shows.

Both are drawn on a :class:`vsend_plugin.charts.Canvas`, so they work inline
in an HTML page and as images in PDFs made by xhtml2pdf, and each has
``role="img"`` with a ``<title>`` and a ``<desc>`` that say in words what the
chart shows, so a screen reader user gets the same facts. Series never rely
on colour alone: every area has its own marker shape and line dash pattern
as well as a colour from the shared palette (:mod:`vsend_plugin.charts.palette`).

This module imports nothing from Django, so it can be used anywhere.
"""

import math
from collections.abc import Mapping, Sequence
from datetime import date, datetime

from vsend_plugin.charts import (
    AXIS,
    BLUE,
    GRID,
    SECONDARY_TEXT,
    TEXT,
    Canvas,
    SeriesStyle,
    draw_line_legend,
    legend_rows,
    svg_data_uri,
    text_width,
    wrap,
)
from vsend_plugin.charts import SERIES_STYLES as PALETTE_STYLES
from vsend_plugin.scoring import AREAS, LEVELS

__all__ = [
    "SERIES_STYLES",
    "SeriesStyle",
    "area_levels_svg",
    "area_profile_svg",
    "svg_data_uri",
]

#: One style per area, in canonical order, from the shared palette.
SERIES_STYLES: Mapping[str, SeriesStyle] = dict(
    zip(("CI", "CL", "SEMH", "SP", "IND"), PALETTE_STYLES, strict=True)
)

# Short names for the axis; the full meanings are in LEVELS.
SHORT_LEVEL_NAMES = {0: "None", 1: "Low", 2: "Moderate", 3: "Significant", 4: "Profound"}

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

MAX_LEVEL = len(LEVELS) - 1


# The line chart.


def area_levels_svg(
    history: Sequence,
    *,
    width: int = 640,
    height: int = 280,
    title: str = "Need level in each area over time",
    area_names: Mapping[str, str] | None = None,
) -> str:
    """A line chart of each area's need level (0 to 4) over the child's assessments.

    ``history`` is a list of ``(date, profile_dict)`` pairs, oldest first, where
    ``profile_dict`` is :meth:`vsend_plugin.scoring.Profile.as_dict` output (a
    ``Profile`` works too). Assessments are spaced evenly along the x axis and
    labelled by month (``Mar 2026``; with the day when two fall in one month).
    An area not rated at an assessment leaves a gap in its line; with a single
    assessment only the points are drawn. ``area_names`` can replace the
    scheme's area names (for example with a council's own wording).
    """
    names = _area_names(area_names)
    points = [(_as_date(when), _areas_of(profile)) for when, profile in history]
    labels = _date_labels([when for when, _ in points])

    legend_items = [(code, names[code]) for code in names]
    legend = legend_rows(legend_items, width - 32)
    legend_height = len(legend) * 20

    left, right, top = 96, 18, 14
    bottom = height - legend_height - 34
    plot_width = width - left - right
    step = (bottom - top) / MAX_LEVEL

    def y_of(level):
        return bottom - level * step

    count = len(points)
    inset = min(36, plot_width / 6)
    if count > 1:
        spacing = (plot_width - 2 * inset) / (count - 1)
        xs = [left + inset + i * spacing for i in range(count)]
    else:
        spacing = plot_width
        xs = [left + plot_width / 2] * count

    desc = _levels_description(points, labels, names)
    svg = Canvas(width, height, title, desc, kind="levels")

    # Gridlines and level labels.
    for level in range(MAX_LEVEL + 1):
        y = y_of(level)
        colour, dash = (AXIS, None) if level == 0 else (GRID, None)
        svg.line(left, y, left + plot_width, y, stroke=colour, width=1, dash=dash)
        svg.text(left - 8, y + 4, f"{level} {SHORT_LEVEL_NAMES[level]}", size=12, anchor="end")
    svg.line(left, top, left, bottom, stroke=AXIS, width=1)

    # Date labels: thinned out when they would run into each other.
    every = (
        max(1, math.ceil(max(text_width(label, 12) for label in labels) / spacing + 0.15))
        if count > 1
        else 1
    )
    shown = {index for index in range(0, count, every) if count - 1 - index >= every}
    shown.add(count - 1)  # the latest assessment is always labelled
    for index, (x, label) in enumerate(zip(xs, labels, strict=True)):
        svg.line(x, bottom, x, bottom + 4, stroke=AXIS, width=1)
        if index in shown:
            svg.text(x, bottom + 18, label, size=12, anchor="middle")

    if not points:
        svg.text(
            left + plot_width / 2,
            (top + bottom) / 2,
            "No assessments yet",
            size=13,
            anchor="middle",
            fill=SECONDARY_TEXT,
        )

    # Series. Levels are whole numbers, so areas often share a point: markers
    # that share one are set side by side, and each line is nudged a little up
    # or down, so that all five stay visible where they coincide.
    nudge = min(3.0, step / 12) if count > 1 else 0.0
    dodge = min(13.0, spacing / 8)
    shifts = []
    for _, areas in points:
        sharing: dict = {}
        for code in names:
            sharing.setdefault(_level(areas, code), []).append(code)
        shift = {}
        for codes in sharing.values():
            for position, code in enumerate(codes):
                shift[code] = (position - (len(codes) - 1) / 2) * dodge
        shifts.append(shift)
    for index, (code, name) in enumerate(names.items()):
        style = SERIES_STYLES[code]
        offset = (index - (len(names) - 1) / 2) * nudge
        svg.open_group(
            {
                "class": "series",
                "data-area": code,
                "data-name": name,
                "data-colour": style.colour,
                "data-marker": style.marker,
                "data-dash": style.dash_name,
            }
        )
        run = []
        runs = []
        for x, (_, areas), shift in zip(xs, points, shifts, strict=True):
            level = _level(areas, code)
            if level is None:
                if run:
                    runs.append(run)
                run = []
            else:
                run.append((x + shift[code], y_of(level) - offset))
        if run:
            runs.append(run)
        for run in runs:
            if len(run) > 1:
                svg.polyline(run, stroke=style.colour, width=2.5, dash=style.dash)
        for run in runs:
            for x, y in run:
                svg.marker(style.marker, x, y, style.colour)
        svg.close_group()

    draw_line_legend(svg, legend, SERIES_STYLES, 16, height - legend_height + 2)
    return svg.render()


def _levels_description(points, labels, names) -> str:
    if not points:
        return "No assessments have been recorded yet, so there are no levels to show."
    count = len(points)
    if count == 1:
        opening = f"Need level in each area at one assessment, {labels[0]}."
    else:
        opening = (
            f"Need level in each area at {count} assessments, from {labels[0]} to {labels[-1]}."
        )
    sentences = [opening, "Levels run from 0, no additional need, to 4, profound or complex."]
    for code, name in names.items():
        values = [_level(areas, code) for _, areas in points]
        latest = values[-1]
        if count > 1:
            series = ", ".join(
                f"{label} {_level_words(value, short=True)}"
                for label, value in zip(labels, values, strict=True)
            )
            detail = f" ({series})"
        else:
            detail = ""
        if latest is None:
            now = "not rated at the latest assessment"
        else:
            now = f"latest level {latest}, {LEVELS[latest].name}"
        sentences.append(f"{name}: {now}{detail}.")
    return " ".join(sentences)


# The bar chart.


def area_profile_svg(
    profile_dict,
    *,
    width: int = 640,
    height: int = 270,
    title: str = "Need level and provision in each area",
    area_names: Mapping[str, str] | None = None,
) -> str:
    """Horizontal bars of each area's need level, with the setting's provision marked.

    ``profile_dict`` is :meth:`vsend_plugin.scoring.Profile.as_dict` output (a
    ``Profile`` works too). Each area's bar runs to its need level (0 to 4).
    Where the provision in place is known, a black marker shows the level of
    need the setting can meet, and the part of the bar above it (the gap, the
    unmet need) is hatched rather than solid. Areas not rated say so in words.
    """
    names = _area_names(area_names)
    areas = _areas_of(profile_dict)

    legend_height = 22

    label_width = 218
    value_width = 114
    left = label_width + 8
    right = width - value_width
    top = 30
    bottom = height - legend_height - 12
    track = right - left
    row_height = (bottom - top) / len(names)
    bar_height = min(20, row_height * 0.55)

    def x_of(level):
        return left + track * level / MAX_LEVEL

    svg = Canvas(width, height, title, _profile_description(areas, names), kind="profile")

    # Level scale across the top, with gridlines down through the rows.
    for level in range(MAX_LEVEL + 1):
        x = x_of(level)
        svg.line(x, top - 4, x, bottom, stroke=AXIS if level == 0 else GRID, width=1)
        svg.text(x, top - 10, f"{level} {SHORT_LEVEL_NAMES[level]}", size=11, anchor="middle")

    for index, (code, name) in enumerate(names.items()):
        style = SERIES_STYLES[code]
        area = areas.get(code) or {}
        level = area.get("level")
        provision = area.get("provision")
        gap = area.get("gap")
        centre = top + row_height * (index + 0.5)
        y0 = centre - bar_height / 2
        svg.open_group(
            {
                "class": "area",
                "data-area": code,
                "data-level": "" if level is None else str(level),
                "data-provision": "" if provision is None else str(provision),
                "data-colour": style.colour,
            }
        )
        lines = wrap(name, label_width - 8, 12)
        for line_number, line in enumerate(lines):
            svg.text(8, centre + 4 + (line_number - (len(lines) - 1) / 2) * 14, line, size=12)
        if level is None:
            svg.text(left + 6, centre + 4, "Not rated", size=12, fill=SECONDARY_TEXT, italic=True)
            value_text = "not rated"
        else:
            met = level if provision is None else min(level, provision)
            if met > 0:
                svg.rect(left, y0, x_of(met) - left, bar_height, fill=style.colour, cls="need-met")
            if provision is not None and level > provision:
                svg.hatched_rect(
                    x_of(provision), y0, x_of(level) - x_of(provision), bar_height, style.colour
                )
            if level == 0:
                svg.rect(left, y0, 2, bar_height, fill=style.colour, cls="need-met")
            value_text = f"level {level}"
            if gap:
                value_text += f", gap {gap}"
        if provision is not None:
            _provision_marker(svg, x_of(provision), y0 - 5, y0 + bar_height + 5)
        if level is not None and provision is None:
            svg.text(right + 12, centre - 2, value_text, size=12)
            svg.text(
                right + 12,
                centre + 11,
                "provision not known",
                size=10,
                fill=SECONDARY_TEXT,
                italic=True,
            )
        else:
            svg.text(right + 12, centre + 4, value_text, size=12, bold=bool(gap))
        svg.close_group()

    _draw_profile_legend(svg, left - 130 if left > 130 else 16, height - legend_height + 4)
    return svg.render()


def _profile_description(areas, names) -> str:
    sentences = [
        "Need level in each area at this assessment, from 0, no additional need, to 4, "
        "profound or complex, with the level of need the setting's provision can meet."
    ]
    for code, name in names.items():
        area = areas.get(code) or {}
        level, provision, gap = area.get("level"), area.get("provision"), area.get("gap")
        if level is None:
            text = f"{name}: not rated"
        else:
            text = f"{name}: need level {level}, {LEVELS[level].name}"
        if provision is None:
            text += "; provision not known"
        else:
            text += f"; provision in place meets level {provision}"
        if gap:
            text += f"; gap of {gap} {'level' if gap == 1 else 'levels'}"
        elif gap == 0:
            text += "; no gap"
        sentences.append(text + ".")
    return " ".join(sentences)


# Shared helpers.


def _area_names(overrides) -> dict[str, str]:
    names = {area.code: area.name for area in AREAS}
    if overrides:
        names.update({code: str(overrides[code]) for code in names if code in overrides})
    return names


def _areas_of(profile) -> Mapping:
    if profile is None:
        return {}
    if hasattr(profile, "as_dict"):
        profile = profile.as_dict()
    return profile.get("areas") or {}


def _level(areas, code):
    area = areas.get(code)
    return None if not area else area.get("level")


def _level_words(level, short=False) -> str:
    if level is None:
        return "not rated"
    return str(level) if short else f"{level} {LEVELS[level].name}"


def _as_date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _date_labels(dates: list[date]) -> list[str]:
    months = [f"{MONTHS[d.month - 1]} {d.year}" for d in dates]
    if len(set(months)) == len(months):
        return months
    return [f"{d.day} {MONTHS[d.month - 1]} {d.year}" for d in dates]


def _provision_marker(svg, x, y_top, y_bottom):
    """A black bar with a pointer: the level of need the setting's provision can meet."""
    svg.open_group({"class": "provision"})
    svg.line(x, y_top, x, y_bottom, stroke=TEXT, width=3)
    svg.path([(x - 5, y_top - 5), (x + 5, y_top - 5), (x, y_top + 1)], fill=TEXT)
    svg.close_group()


def _draw_profile_legend(svg, x, y):
    """What the solid bar, the hatched gap and the provision marker stand for."""
    svg.open_group({"class": "legend"})
    for sample, label in (
        ("solid", "Need level"),
        ("gap", "Need above provision (gap)"),
        ("provision", "Provision in place"),
    ):
        if sample == "solid":
            svg.rect(x, y - 6, 22, 12, fill=BLUE)
            width = 28
        elif sample == "gap":
            svg.hatched_rect(x, y - 6, 22, 12, BLUE)
            width = 28
        else:
            _provision_marker(svg, x + 6, y - 9, y + 8)
            width = 14
        svg.text(x + width, y + 4, label, size=12)
        x += width + text_width(label, 12) + 22
    svg.close_group()
