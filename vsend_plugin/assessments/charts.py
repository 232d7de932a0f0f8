"""Charts of a child's needs profile, drawn as plain SVG text.

Two charts people would rather see than read:

- :func:`area_levels_svg`: a line chart of each area's need level over the
  child's assessments, oldest first;
- :func:`area_profile_svg`: horizontal bars of the current need level per
  area, with a marker for the provision the setting has in place, so that the
  gap between the two shows.

Both return standalone SVG documents that work inline in an HTML page and as
images in PDFs made by xhtml2pdf (which draws SVG with svglib, as vectors):
only elements and attributes svglib understands are used, every chart has a
white background covering its whole canvas (xhtml2pdf sizes an SVG image by
the bounds of what is drawn), and nothing depends on CSS or scripts.

Accessibility: each chart has ``role="img"`` with a ``<title>`` and a
``<desc>`` that say in words what the chart shows, so a screen reader user
gets the same facts. Series never rely on colour alone: every area has its
own marker shape and line dash pattern as well as a colour, and the colours
(from the GOV.UK palette) have a contrast ratio of at least 4.5:1 on white.

This module imports nothing from Django, so it can be used anywhere. Any
text put into the SVG is escaped.
"""

import base64
import hashlib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from xml.sax.saxutils import escape, quoteattr

from vsend_plugin.scoring import AREAS, LEVELS

__all__ = [
    "SERIES_STYLES",
    "SeriesStyle",
    "area_levels_svg",
    "area_profile_svg",
    "svg_data_uri",
]

FONT_FAMILY = "Helvetica, Arial, sans-serif"
TEXT = "#0b0c0c"  # GOV.UK text colour
SECONDARY_TEXT = "#505a5f"  # GOV.UK secondary text, 7:1 on white
GRID = "#cecece"
AXIS = "#505a5f"


@dataclass(frozen=True, slots=True)
class SeriesStyle:
    """How one area is drawn: a colour, a marker shape and a line dash pattern."""

    colour: str
    marker: str
    dash: str | None  # an SVG stroke-dasharray, or None for a solid line
    dash_name: str


# One style per area, in canonical order. GOV.UK colours; GOV.UK orange
# (#f47738) is only 2.8:1 on white, so a darker orange (5:1) stands in for it.
SERIES_STYLES: Mapping[str, SeriesStyle] = {
    "CI": SeriesStyle("#1d70b8", "circle", None, "solid"),
    "CL": SeriesStyle("#d4351c", "square", "10 5", "dashed"),
    "SEMH": SeriesStyle("#00703c", "triangle", "2 3", "dotted"),
    "SP": SeriesStyle("#b65200", "diamond", "10 3 2 3", "dash-dot"),
    "IND": SeriesStyle("#4c2c92", "triangle-down", "6 3 2 3 2 3", "dash-dot-dot"),
}

# Short names for the axis; the full meanings are in LEVELS.
SHORT_LEVEL_NAMES = {0: "None", 1: "Low", 2: "Moderate", 3: "Significant", 4: "Profound"}

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

MAX_LEVEL = len(LEVELS) - 1


def svg_data_uri(svg: str) -> str:
    """The SVG as a base64 ``data:`` URI, for an ``<img src>`` in HTML or a PDF."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


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
    legend_rows = _legend_rows(legend_items, width - 32, font_size=12)
    legend_height = len(legend_rows) * 20

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
    svg = _Svg(width, height, title, desc, kind="levels")

    # Gridlines and level labels.
    for level in range(MAX_LEVEL + 1):
        y = y_of(level)
        colour, dash = (AXIS, None) if level == 0 else (GRID, None)
        svg.line(left, y, left + plot_width, y, stroke=colour, width=1, dash=dash)
        svg.text(left - 8, y + 4, f"{level} {SHORT_LEVEL_NAMES[level]}", size=12, anchor="end")
    svg.line(left, top, left, bottom, stroke=AXIS, width=1)

    # Date labels: thinned out when they would run into each other.
    every = (
        max(1, math.ceil(max(_text_width(label, 12) for label in labels) / spacing + 0.15))
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

    _draw_legend(svg, legend_rows, 16, height - legend_height + 2, line_sample=True)
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

    legend_rows = [
        [
            ("solid", "Need level"),
            ("gap", "Need above provision (gap)"),
            ("provision", "Provision in place"),
        ]
    ]
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

    svg = _Svg(width, height, title, _profile_description(areas, names), kind="profile")

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
        lines = _wrap(name, label_width - 8, 12)
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
            svg.provision_marker(x_of(provision), y0 - 5, y0 + bar_height + 5)
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

    _draw_legend(
        svg,
        legend_rows,
        left - 130 if left > 130 else 16,
        height - legend_height + 4,
        line_sample=False,
        colour="#1d70b8",
    )
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


# Rough Helvetica advance widths (em) for laying out labels; exact metrics are
# not needed, only enough to keep labels from running into each other.
_NARROW = set("iljtfI.,:;'!|() ")
_WIDE = set("mwMW@")


def _text_width(text: str, size: float) -> float:
    total = 0.0
    for char in text:
        if char in _NARROW:
            total += 0.3
        elif char in _WIDE:
            total += 0.85
        elif char.isupper() or char.isdigit():
            total += 0.64 if char.isupper() else 0.556
        else:
            total += 0.52
    return total * size


def _wrap(text: str, width: float, size: float) -> list[str]:
    words = text.split()
    lines, current = [], ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if current and _text_width(candidate, size) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines or [""]


def _legend_rows(items, available, font_size):
    rows, row, used = [], [], 0.0
    for key, label in items:
        item_width = 34 + _text_width(label, font_size) + 22
        if row and used + item_width > available:
            rows.append(row)
            row, used = [], 0.0
        row.append((key, label))
        used += item_width
    if row:
        rows.append(row)
    return rows


def _draw_legend(svg, rows, x0, y0, *, line_sample, colour=None):
    svg.open_group({"class": "legend"})
    for row_number, row in enumerate(rows):
        x = x0
        y = y0 + row_number * 20
        for key, label in row:
            if line_sample:
                style = SERIES_STYLES[key]
                svg.line(x, y, x + 28, y, stroke=style.colour, width=2.5, dash=style.dash)
                svg.marker(style.marker, x + 14, y, style.colour)
                sample = 34
            elif key == "solid":
                svg.rect(x, y - 6, 22, 12, fill=colour)
                sample = 28
            elif key == "gap":
                svg.hatched_rect(x, y - 6, 22, 12, colour)
                sample = 28
            else:
                svg.provision_marker(x + 6, y - 9, y + 8)
                sample = 14
            svg.text(x + sample, y + 4, label, size=12)
            x += sample + _text_width(label, 12) + 22
    svg.close_group()


def _number(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


class _Svg:
    """A small SVG writer that escapes every text and attribute value."""

    def __init__(self, width, height, title, desc, *, kind):
        self.width, self.height = width, height
        self.title, self.desc = title, desc
        digest = hashlib.sha1(f"{kind}\n{title}\n{desc}".encode()).hexdigest()[:10]
        self.prefix = f"vsend-{kind}-{digest}"
        self.parts: list[str] = []

    def _attrs(self, attrs: Mapping) -> str:
        return "".join(
            f" {key}={quoteattr(str(value))}" for key, value in attrs.items() if value is not None
        )

    def element(self, name, attrs):
        self.parts.append(f"<{name}{self._attrs(attrs)}/>")

    def open_group(self, attrs):
        self.parts.append(f"<g{self._attrs(attrs)}>")

    def close_group(self):
        self.parts.append("</g>")

    def line(self, x1, y1, x2, y2, *, stroke, width, dash=None):
        self.element(
            "line",
            {
                "x1": _number(x1),
                "y1": _number(y1),
                "x2": _number(x2),
                "y2": _number(y2),
                "stroke": stroke,
                "stroke-width": _number(width),
                "stroke-dasharray": dash,
            },
        )

    def polyline(self, points, *, stroke, width, dash=None):
        self.element(
            "polyline",
            {
                "class": "line",
                "points": " ".join(f"{_number(x)},{_number(y)}" for x, y in points),
                "fill": "none",
                "stroke": stroke,
                "stroke-width": _number(width),
                "stroke-dasharray": dash,
                "stroke-linejoin": "round",
                "stroke-linecap": "round" if dash == "2 3" else "butt",
            },
        )

    def rect(self, x, y, w, h, *, fill, stroke=None, cls=None):
        self.element(
            "rect",
            {
                "class": cls,
                "x": _number(x),
                "y": _number(y),
                "width": _number(w),
                "height": _number(h),
                "fill": fill,
                "stroke": stroke,
                "stroke-width": "1.5" if stroke else None,
            },
        )

    def hatched_rect(self, x, y, w, h, colour):
        """An outlined box with diagonal stripes: the gap, told apart without colour."""
        self.open_group({"class": "gap"})
        self.rect(x, y, w, h, fill="#ffffff")
        spacing = 5.0
        # Lines x + t = c for a sweep of c, clipped to the box by hand (svglib
        # has no clip paths on plain shapes, and no patterns).
        strokes = []
        c = x - h
        while c < x + w:
            x_start, y_start = max(x, c), y + h - max(0.0, x - c)
            x_end = min(x + w, c + h)
            y_end = y + h - (x_end - c)
            if x_end > x_start:
                strokes.append(
                    f"M {_number(x_start)} {_number(y_start)} L {_number(x_end)} {_number(y_end)}"
                )
            c += spacing
        if strokes:
            # One path for all the stripes: far quicker for svglib than many lines.
            self.element(
                "path",
                {"d": " ".join(strokes), "fill": "none", "stroke": colour, "stroke-width": "1.5"},
            )
        self.rect(x + 0.75, y + 0.75, max(w - 1.5, 0), h - 1.5, fill="none", stroke=colour)
        self.close_group()

    def provision_marker(self, x, y_top, y_bottom):
        self.open_group({"class": "provision"})
        self.line(x, y_top, x, y_bottom, stroke=TEXT, width=3)
        self.element(
            "path",
            {
                "d": f"M {_number(x - 5)} {_number(y_top - 5)} L {_number(x + 5)} "
                f"{_number(y_top - 5)} L {_number(x)} {_number(y_top + 1)} Z",
                "fill": TEXT,
            },
        )
        self.close_group()

    def marker(self, shape, x, y, colour, size=5.5):
        attrs = {
            "class": "marker",
            "data-shape": shape,
            "fill": colour,
            "stroke": "#ffffff",
            "stroke-width": "1",
        }
        s = size
        if shape == "circle":
            self.element("circle", {**attrs, "cx": _number(x), "cy": _number(y), "r": _number(s)})
            return
        if shape == "square":
            corners = [
                (x - s * 0.9, y - s * 0.9),
                (x + s * 0.9, y - s * 0.9),
                (x + s * 0.9, y + s * 0.9),
                (x - s * 0.9, y + s * 0.9),
            ]
        elif shape == "triangle":
            corners = [(x, y - s * 1.2), (x + s * 1.1, y + s * 0.8), (x - s * 1.1, y + s * 0.8)]
        elif shape == "triangle-down":
            corners = [(x, y + s * 1.2), (x + s * 1.1, y - s * 0.8), (x - s * 1.1, y - s * 0.8)]
        else:  # diamond
            corners = [(x, y - s * 1.3), (x + s * 1.1, y), (x, y + s * 1.3), (x - s * 1.1, y)]
        path = "M " + " L ".join(f"{_number(cx)} {_number(cy)}" for cx, cy in corners) + " Z"
        self.element("path", {**attrs, "d": path})

    def text(self, x, y, content, *, size, anchor=None, fill=TEXT, bold=False, italic=False):
        attrs = {
            "x": _number(x),
            "y": _number(y),
            "font-size": _number(size),
            "fill": fill,
            "text-anchor": anchor,
            "font-weight": "bold" if bold else None,
            "font-style": "italic" if italic else None,
        }
        self.parts.append(f"<text{self._attrs(attrs)}>{escape(str(content))}</text>")

    def render(self) -> str:
        title_id, desc_id = f"{self.prefix}-title", f"{self.prefix}-desc"
        root = {
            "xmlns": "http://www.w3.org/2000/svg",
            "width": str(self.width),
            "height": str(self.height),
            "viewBox": f"0 0 {self.width} {self.height}",
            "role": "img",
            "aria-labelledby": f"{title_id} {desc_id}",
            "font-family": FONT_FAMILY,
        }
        return "".join(
            [
                f"<svg{self._attrs(root)}>",
                f"<title id={quoteattr(title_id)}>{escape(str(self.title))}</title>",
                f"<desc id={quoteattr(desc_id)}>{escape(str(self.desc))}</desc>",
                f'<rect x="0" y="0" width="{self.width}" height="{self.height}" fill="#ffffff"/>',
                *self.parts,
                "</svg>\n",
            ]
        )
