"""Charts of benchmark figures for the SEND officers' dashboard, drawn as plain SVG text.

Four kinds, each chosen for a question officers ask:

- :func:`bar_chart_svg`: horizontal bars, one or a few per category (children
  per band, mean need per area, trends per quarter);
- :func:`heat_map_svg`: a grid of groups by area, the value written in each
  cell (unmet need by setting and by locality);
- :func:`dot_plot_svg`: one row per group along a common scale (need-provision
  alignment by group, this council against the others);
- :func:`line_chart_svg`: values over quarters (mean need, bands D and E).

They are drawn with :mod:`vsend_plugin.charts`, as the children's charts
are, with the same area styles (:data:`vsend_plugin.assessments.charts.SERIES_STYLES`),
so that both look and read alike: ``role="img"`` with a ``<title>`` and a
``<desc>`` that give the figures in words, colours from the shared palette,
every value written beside its mark so nothing depends on colour, and all text
escaped.

Benchmark figures are disclosure-controlled, so a value is either a number or
a :class:`~vsend_plugin.benchmarking.missing.Missing` reason. A missing value
is never drawn as an empty bar (which reads as zero): a suppressed group is a
grey box with the word "suppressed" in it, a hidden count an outlined box with
the word "hidden", so both stand out from real zeros in any colour scheme.

This module imports nothing from Django. A council's own dashboard section
(see :mod:`.sections`) can draw its charts with the same functions.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from vsend_plugin.assessments.charts import SERIES_STYLES
from vsend_plugin.charts import (
    AXIS,
    BLUE,
    EMPHASIS_FILL,
    GRID,
    SECONDARY_TEXT,
    SUPPRESSED_FILL,
    WHITE,
    Canvas,
    SeriesStyle,
    draw_line_legend,
    draw_marker_legend,
    draw_swatch_legend,
    format_number,
    ink_on,
    legend_rows,
    shade,
    text_width,
    wrap,
)

from ..missing import Missing

__all__ = [
    "SINGLE_LINE",
    "Bar",
    "DotRow",
    "DotSeries",
    "HeatRow",
    "LineSeries",
    "area_series",
    "bar_chart_svg",
    "dot_plot_svg",
    "heat_map_svg",
    "line_chart_svg",
    "nice_scale",
]

ValueFormat = Callable[[float], str]


def _plain(value) -> str:
    return format_number(value)


def _is_missing(value) -> bool:
    return isinstance(value, Missing)


def _words(value, value_format: ValueFormat) -> str:
    return str(value) if _is_missing(value) else value_format(value)


def _label_column(labels, size, limit=230, floor=90):
    """A width for the label column, and each label wrapped to it."""
    widest = max((text_width(label, size) for label in labels), default=0)
    width = max(floor, min(limit, widest + 4))
    return width, [wrap(label, width, size) for label in labels]


def _missing_box(svg, x, y, w, h, reason: Missing, *, size=12, text=None):
    """A box that says why there is no value: grey for a suppressed group, outlined otherwise."""
    suppressed = reason is Missing.SUPPRESSED
    svg.open_group({"class": "missing", "data-missing": reason.value})
    svg.rect(
        x,
        y,
        max(w, 1),
        h,
        fill=SUPPRESSED_FILL if suppressed else WHITE,
        stroke=AXIS,
        stroke_width="1",
        dash=None if suppressed else "4 3",
    )
    svg.text(
        x + 6,
        y + h / 2 + size * 0.35,
        text or str(reason),
        size=size,
        fill=SECONDARY_TEXT,
        italic=True,
    )
    svg.close_group()


def nice_scale(largest, *, steps=(1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)):
    """A round maximum and tick marks that cover ``largest``: ``(maximum, ticks)``."""
    largest = max(float(largest or 0), 1.0)
    for step in steps:
        if largest / step <= 6:
            top = step * -(-largest // step)
            return top, [step * index for index in range(int(top // step) + 1)]
    step = 10 ** len(str(int(largest // 5)))
    top = step * -(-largest // step)
    return top, [step * index for index in range(int(top // step) + 1)]


def _scale_axis(svg, x_of, ticks, top, bottom, tick_labels=None, *, zero=None):
    """Vertical gridlines with their values under the plot."""
    for index, tick in enumerate(ticks):
        x = x_of(tick)
        colour = AXIS if tick == (zero if zero is not None else ticks[0]) else GRID
        svg.line(x, top, x, bottom, stroke=colour, width=1)
        label = tick_labels[index] if tick_labels else format_number(tick)
        svg.text(x, bottom + 16, label, size=12, anchor="middle")


# Horizontal bars.


@dataclass(frozen=True, slots=True)
class Bar:
    """One series of bars: its name (written beside each bar when there are several) and colour."""

    name: str
    colour: str = BLUE


def bar_chart_svg(
    categories: Sequence[str],
    series: Sequence[Bar],
    values: Sequence[Sequence],
    *,
    title: str,
    maximum: float,
    ticks: Sequence[float],
    value_format: ValueFormat = _plain,
    axis_label: str = "",
    width: int = 680,
) -> str:
    """Horizontal bars: ``values[i][j]`` is series ``j`` of category ``i``, a number or ``Missing``.

    A category whose values are all :attr:`Missing.SUPPRESSED` (a suppressed
    group) gets one grey box across its bars.
    """
    several = len(series) > 1
    bar_height, bar_gap, group_gap = 20, 4, 14 if several else 8
    label_width, label_lines = _label_column(categories, 13)
    left = 16 + label_width + 10
    value_room = max(
        [
            text_width(_bar_text(s, v, several, value_format), 12) + 12
            for row in values
            for s, v in zip(series, row, strict=True)
        ]
        + [60]
    )
    plot_width = max(160, width - left - value_room - 16)
    top = 12
    group_heights = [
        max(len(series) * (bar_height + bar_gap) - bar_gap, len(lines) * 15)
        for lines in label_lines
    ]
    bottom = top + sum(group_heights) + group_gap * len(categories)
    legend_height = 24 if several else 0
    height = bottom + 24 + (18 if axis_label else 0) + legend_height + 8

    def x_of(value):
        return left + plot_width * min(max(float(value), 0), maximum) / maximum

    svg = Canvas(
        width,
        height,
        title,
        _bars_description(title, categories, series, values, value_format, axis_label),
        kind="bars",
    )
    _scale_axis(svg, x_of, ticks, top - 4, bottom)
    if axis_label:
        svg.text(
            left + plot_width / 2,
            bottom + 34,
            axis_label,
            size=12,
            anchor="middle",
            fill=SECONDARY_TEXT,
        )

    y = top + group_gap / 2
    for category, lines, group_height, row in zip(
        categories, label_lines, group_heights, values, strict=True
    ):
        svg.open_group({"class": "category", "data-label": category})
        label_top = y + group_height / 2 - (len(lines) * 15) / 2 + 11
        for number, line in enumerate(lines):
            svg.text(left - 10, label_top + number * 15, line, size=13, anchor="end")
        if row and all(value is Missing.SUPPRESSED for value in row):
            _missing_box(svg, left, y, plot_width, group_height, Missing.SUPPRESSED)
        else:
            bar_y = y + (group_height - (len(series) * (bar_height + bar_gap) - bar_gap)) / 2
            for one, value in zip(series, row, strict=True):
                svg.open_group(
                    {
                        "class": "bar",
                        "data-series": one.name,
                        "data-value": _words(value, value_format),
                    }
                )
                if _is_missing(value):
                    text = _bar_text(one, value, several, value_format)
                    _missing_box(
                        svg,
                        left,
                        bar_y,
                        min(plot_width, text_width(text, 12) + 24),
                        bar_height,
                        value,
                        text=text,
                    )
                else:
                    end = x_of(value)
                    svg.rect(left, bar_y, max(end - left, 0), bar_height, fill=one.colour)
                    if value == 0:
                        svg.rect(left, bar_y, 2, bar_height, fill=one.colour)
                    svg.text(
                        end + 6,
                        bar_y + bar_height / 2 + 4,
                        _bar_text(one, value, several, value_format),
                        size=12,
                        bold=True,
                    )
                svg.close_group()
                bar_y += bar_height + bar_gap
        svg.close_group()
        y += group_height + group_gap
    svg.line(left, top - 4, left, bottom, stroke=AXIS, width=1.5)

    if several:
        draw_swatch_legend(
            svg, [(one.name, one.colour) for one in series], 16, height - legend_height + 2
        )
    return svg.render()


def _bar_text(one, value, several, value_format):
    text = _words(value, value_format)
    return f"{one.name} {text}" if several else text


def _bars_description(title, categories, series, values, value_format, axis_label):
    parts = []
    for category, row in zip(categories, values, strict=True):
        if row and all(value is Missing.SUPPRESSED for value in row):
            parts.append(f"{category}: suppressed")
        elif len(series) == 1:
            parts.append(f"{category}: {_words(row[0], value_format)}")
        else:
            parts.append(
                f"{category}: "
                + ", ".join(
                    f"{one.name} {_words(value, value_format)}"
                    for one, value in zip(series, row, strict=True)
                )
            )
    unit = f" ({axis_label})" if axis_label else ""
    return f"{title}{unit}. " + "; ".join(parts) + "."


# Heat map.


@dataclass(frozen=True, slots=True)
class HeatRow:
    """One group: its label and a value per column, or a ``Missing`` for the whole row."""

    label: str
    values: Sequence | Missing


def heat_map_svg(
    rows: Sequence[HeatRow],
    columns: Sequence[tuple[str, str]],
    *,
    title: str,
    maximum: float,
    value_format: ValueFormat = _plain,
    scale_label: str = "",
    width: int = 680,
) -> str:
    """A grid of groups (rows) by columns ``(code, name)``, darker for larger values.

    Every cell has its value written in it, in black or white, whichever
    contrasts more with the cell's shade.
    """
    label_width, label_lines = _label_column([row.label for row in rows], 13, limit=220)
    left = 16 + label_width + 10
    cell_width = max(64, min(110, (width - left - 16) / max(len(columns), 1)))
    header_lines = [wrap(name, cell_width - 8, 11) for _, name in columns]
    header_height = 16 * max((len(lines) for lines in header_lines), default=1) + 8
    top = 10 + header_height
    row_heights = [max(30, len(lines) * 15 + 8) for lines in label_lines]
    bottom = top + sum(row_heights)
    height = bottom + 44 + (18 if scale_label else 0)

    svg = Canvas(
        width,
        height,
        title,
        _heat_description(title, rows, columns, value_format, scale_label),
        kind="heat",
    )
    for index, lines in enumerate(header_lines):
        x = left + index * cell_width + cell_width / 2
        for number, line in enumerate(lines):
            svg.text(x, 20 + number * 16, line, size=11, anchor="middle", bold=True)

    y = top
    for row, lines, row_height in zip(rows, label_lines, row_heights, strict=True):
        svg.open_group({"class": "group", "data-label": row.label})
        label_top = y + row_height / 2 - len(lines) * 15 / 2 + 11
        for number, line in enumerate(lines):
            svg.text(left - 10, label_top + number * 15, line, size=13, anchor="end")
        if _is_missing(row.values):
            _missing_box(
                svg, left + 1, y + 1, cell_width * len(columns) - 2, row_height - 2, row.values
            )
        else:
            for index, value in enumerate(row.values):
                x = left + index * cell_width
                svg.open_group(
                    {
                        "class": "cell",
                        "data-column": columns[index][0],
                        "data-value": _words(value, value_format),
                    }
                )
                if _is_missing(value):
                    _missing_box(svg, x + 1, y + 1, cell_width - 2, row_height - 2, value, size=11)
                else:
                    fill = shade(float(value) / maximum if maximum else 0)
                    svg.rect(x, y, cell_width, row_height, fill=fill, stroke=WHITE)
                    svg.text(
                        x + cell_width / 2,
                        y + row_height / 2 + 5,
                        value_format(value),
                        size=13,
                        anchor="middle",
                        fill=ink_on(fill),
                        bold=True,
                    )
                svg.close_group()
        svg.close_group()
        y += row_height

    # The scale: five shades and what they mean.
    x = left
    steps = 5
    for step in range(steps + 1):
        share = step / steps
        svg.rect(x, bottom + 16, 26, 14, fill=shade(share), stroke=AXIS)
        label = value_format(maximum * share)
        svg.text(x + 30, bottom + 27, label, size=11)
        x += 36 + text_width(label, 11) + 6
    if scale_label:
        svg.text(left, bottom + 48, scale_label, size=12, fill=SECONDARY_TEXT)
    return svg.render()


def _heat_description(title, rows, columns, value_format, scale_label):
    parts = []
    for row in rows:
        if _is_missing(row.values):
            parts.append(f"{row.label}: {row.values}")
        else:
            parts.append(
                f"{row.label}: "
                + ", ".join(
                    f"{name} {_words(value, value_format)}"
                    for (_, name), value in zip(columns, row.values, strict=True)
                )
            )
    unit = f" ({scale_label})" if scale_label else ""
    return f"{title}{unit}. " + "; ".join(parts) + "."


# Dot plot.


@dataclass(frozen=True, slots=True)
class DotRow:
    """One group: ``points`` maps a series key to its value, or the row is ``Missing`` whole."""

    label: str
    points: Mapping[str, float | None] | Missing
    emphasis: bool = False
    note: str = ""


@dataclass(frozen=True, slots=True)
class DotSeries:
    key: str
    name: str
    style: SeriesStyle


@dataclass
class _Scale:
    minimum: float
    maximum: float
    left: float
    width: float

    def x_of(self, value):
        value = min(max(float(value), self.minimum), self.maximum)
        return self.left + self.width * (value - self.minimum) / (self.maximum - self.minimum)


def dot_plot_svg(
    rows: Sequence[DotRow],
    series: Sequence[DotSeries],
    *,
    title: str,
    minimum: float,
    maximum: float,
    ticks: Sequence[float],
    value_format: ValueFormat = _plain,
    scale_captions: Sequence[tuple[float, str, str]] = (),
    zero: float | None = None,
    width: int = 680,
) -> str:
    """Rows along one scale, a marker per series; a missing row is a box that says why.

    ``scale_captions`` are ``(value, anchor, text)`` written under the axis,
    e.g. what the two ends of a correlation mean. With one series its value is
    written at the right of each row.
    """
    single = len(series) == 1
    labels = [row.label + (f" ({row.note})" if row.note else "") for row in rows]
    label_width, label_lines = _label_column(labels, 13, limit=240)
    left = 16 + label_width + 14
    value_room = 70 if single else 16
    scale = _Scale(minimum, maximum, left, width - left - value_room - 16)
    top = 10
    row_heights = [max(28, len(lines) * 15 + 10) for lines in label_lines]
    bottom = top + sum(row_heights)
    legend_items = [(one.key, one.name) for one in series] if not single else []
    legend = legend_rows(legend_items, width - 32)
    height = bottom + 26 + (18 if scale_captions else 0) + len(legend) * 20 + 8

    svg = Canvas(
        width, height, title, _dots_description(title, rows, series, value_format), kind="dots"
    )
    y = top
    for row, row_height in zip(rows, row_heights, strict=True):
        if row.emphasis:
            svg.rect(16, y + 1, width - 32, row_height - 2, fill=EMPHASIS_FILL)
        y += row_height
    _scale_axis(svg, scale.x_of, ticks, top, bottom, zero=zero)
    for value, anchor, text in scale_captions:
        svg.text(
            scale.x_of(value),
            bottom + 34,
            text,
            size=12,
            anchor=anchor,
            fill=SECONDARY_TEXT,
            italic=True,
        )

    y = top
    for row, lines, row_height in zip(rows, label_lines, row_heights, strict=True):
        svg.open_group(
            {
                "class": "group",
                "data-label": row.label,
                "data-emphasis": "true" if row.emphasis else None,
            }
        )
        label_top = y + row_height / 2 - len(lines) * 15 / 2 + 11
        for number, line in enumerate(lines):
            svg.text(
                left - 12, label_top + number * 15, line, size=13, anchor="end", bold=row.emphasis
            )
        centre = y + row_height / 2
        if _is_missing(row.points):
            _missing_box(svg, scale.left, y + 4, min(scale.width, 150), row_height - 8, row.points)
        else:
            svg.line(scale.left, centre, scale.left + scale.width, centre, stroke=GRID, width=1)
            for one in series:
                value = row.points.get(one.key)
                if value is None or _is_missing(value):
                    continue
                svg.open_group(
                    {"class": "point", "data-series": one.key, "data-value": value_format(value)}
                )
                svg.marker(
                    one.style.marker,
                    scale.x_of(value),
                    centre,
                    one.style.colour,
                    size=7 if row.emphasis else 6,
                )
                svg.close_group()
            if single:
                value = row.points.get(series[0].key)
                svg.text(
                    scale.left + scale.width + 12,
                    centre + 4,
                    _words(value if value is not None else Missing.NOT_KNOWN, value_format),
                    size=12,
                    bold=True,
                )
        svg.close_group()
        y += row_height

    if legend:
        styles = {one.key: one.style for one in series}
        draw_marker_legend(svg, legend, styles, 16, height - len(legend) * 20 + 2)
    return svg.render()


def _dots_description(title, rows, series, value_format):
    parts = []
    for row in rows:
        label = row.label + (f" ({row.note})" if row.note else "")
        if _is_missing(row.points):
            parts.append(f"{label}: {row.points}")
            continue
        values = [(one.name, row.points.get(one.key)) for one in series]
        if len(series) == 1:
            value = values[0][1]
            value = Missing.NOT_KNOWN if value is None else value
            parts.append(f"{label}: {_words(value, value_format)}")
        else:
            parts.append(
                f"{label}: "
                + ", ".join(
                    f"{name} {_words(Missing.NOT_KNOWN if value is None else value, value_format)}"
                    for name, value in values
                )
            )
    return f"{title}. " + "; ".join(parts) + "."


def area_series(names: Mapping[str, str]) -> list[DotSeries]:
    """One series per area, styled as in the children's charts."""
    return [DotSeries(code, name, SERIES_STYLES[code]) for code, name in names.items()]


# Lines over quarters.


@dataclass(frozen=True, slots=True)
class LineSeries:
    key: str
    name: str
    style: SeriesStyle
    values: Sequence = field(default_factory=tuple)


SINGLE_LINE = SeriesStyle(BLUE, "circle", None, "solid")


def line_chart_svg(
    quarters: Sequence[str],
    series: Sequence[LineSeries],
    *,
    title: str,
    minimum: float,
    maximum: float,
    ticks: Sequence[float],
    tick_labels: Sequence[str] | None = None,
    value_format: ValueFormat = _plain,
    width: int = 680,
    height: int = 300,
) -> str:
    """Values per quarter, oldest first; a missing value breaks the line and is named under it.

    When every series is missing in a quarter for the same reason (the whole
    council was suppressed), that reason is written under the quarter;
    otherwise each missing series is listed there.
    """
    several = len(series) > 1
    legend = legend_rows([(one.key, one.name) for one in series] if several else [], width - 32)
    legend_height = len(legend) * 20
    left, right, top = 64, 24, 14
    bottom = height - legend_height - 58
    plot_width = width - left - right
    count = len(quarters)
    inset = min(40, plot_width / 6)
    spacing = (plot_width - 2 * inset) / (count - 1) if count > 1 else 0
    xs = (
        [left + inset + index * spacing for index in range(count)]
        if count > 1
        else [left + plot_width / 2] * count
    )

    def y_of(value):
        value = min(max(float(value), minimum), maximum)
        return bottom - (bottom - top) * (value - minimum) / (maximum - minimum)

    svg = Canvas(
        width,
        height,
        title,
        _lines_description(title, quarters, series, value_format),
        kind="lines",
    )
    for index, tick in enumerate(ticks):
        y = y_of(tick)
        svg.line(left, y, left + plot_width, y, stroke=AXIS if tick == minimum else GRID, width=1)
        label = tick_labels[index] if tick_labels else format_number(tick)
        svg.text(left - 8, y + 4, label, size=12, anchor="end")
    svg.line(left, top, left, bottom, stroke=AXIS, width=1)

    for index, (x, quarter) in enumerate(zip(xs, quarters, strict=True)):
        svg.line(x, bottom, x, bottom + 4, stroke=AXIS, width=1)
        svg.text(x, bottom + 18, quarter, size=12, anchor="middle")
        missing = [(one, one.values[index]) for one in series if _is_missing(one.values[index])]
        if not missing:
            continue
        reasons = {value for _, value in missing}
        if len(missing) == len(series) and len(reasons) == 1:
            reason = reasons.pop()
            note = str(reason)
        else:
            reason = None
            note = ", ".join(f"{one.key} {value}" for one, value in missing)
        if reason is Missing.SUPPRESSED:
            svg.rect(x - 14, top, 28, bottom - top, fill=SUPPRESSED_FILL, cls="missing-quarter")
        svg.open_group({"class": "missing", "data-missing": note})
        for number, line in enumerate(wrap(note, max(spacing, 90) - 6, 11)[:2]):
            svg.text(
                x,
                bottom + 32 + number * 13,
                line,
                size=11,
                anchor="middle",
                fill=SECONDARY_TEXT,
                italic=True,
            )
        svg.close_group()

    for one in series:
        if one.values and all(_is_missing(value) for value in one.values):
            reasons = {value for value in one.values}
            words = reasons.pop() if len(reasons) == 1 else "not shown"
            svg.text(
                left + plot_width / 2,
                (top + bottom) / 2,
                f"{one.name}: {words} in every quarter"
                if several
                else f"{str(words).capitalize()} in every quarter",
                size=13,
                anchor="middle",
                fill=SECONDARY_TEXT,
                italic=True,
            )
        svg.open_group({"class": "series", "data-series": one.key, "data-name": one.name})
        runs, run = [], []
        for x, value in zip(xs, one.values, strict=True):
            if value is None or _is_missing(value):
                if run:
                    runs.append(run)
                run = []
            else:
                run.append((x, y_of(value)))
        if run:
            runs.append(run)
        for points in runs:
            if len(points) > 1:
                svg.polyline(points, stroke=one.style.colour, width=2.5, dash=one.style.dash)
        for points in runs:
            for x, y in points:
                svg.marker(one.style.marker, x, y, one.style.colour)
        if not several:
            for x, value in zip(xs, one.values, strict=True):
                if value is not None and not _is_missing(value):
                    svg.text(
                        x,
                        y_of(value) - 10,
                        value_format(value),
                        size=12,
                        anchor="middle",
                        bold=True,
                    )
        svg.close_group()

    if legend:
        styles = {one.key: one.style for one in series}
        draw_line_legend(svg, legend, styles, 16, height - legend_height + 4)
    return svg.render()


def _lines_description(title, quarters, series, value_format):
    parts = []
    for one in series:
        values = ", ".join(
            f"{quarter} {_words(Missing.NOT_KNOWN if value is None else value, value_format)}"
            for quarter, value in zip(quarters, one.values, strict=True)
        )
        parts.append(f"{one.name}: {values}" if len(series) > 1 else values)
    return f"{title}. " + "; ".join(parts) + "."
