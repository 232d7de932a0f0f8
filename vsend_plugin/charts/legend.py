"""Legends: what each series' colour, marker and dash stand for, laid out in rows.

Every legend is a ``<g class="legend">`` of samples, each followed by its
label in text, so a legend is read as well as seen. Rows are filled left to
right and wrap when the next item would not fit.
"""

from collections.abc import Mapping, Sequence

from .palette import SeriesStyle
from .text import text_width

__all__ = [
    "LEGEND_FONT_SIZE",
    "LEGEND_ROW_HEIGHT",
    "draw_line_legend",
    "draw_marker_legend",
    "draw_swatch_legend",
    "legend_rows",
]

LEGEND_FONT_SIZE = 12
LEGEND_ROW_HEIGHT = 20
ITEM_GAP = 22  # between one item's label and the next item's sample


def legend_rows(items: Sequence[tuple[str, str]], available: float, *, sample_width=34):
    """``items``, ``(key, label)`` pairs, split into rows no wider than ``available``."""
    rows, row, used = [], [], 0.0
    for key, label in items:
        item_width = sample_width + text_width(label, LEGEND_FONT_SIZE) + ITEM_GAP
        if row and used + item_width > available:
            rows.append(row)
            row, used = [], 0.0
        row.append((key, label))
        used += item_width
    if row:
        rows.append(row)
    return rows


def _draw_rows(canvas, rows, x0, y0, sample_width, draw_sample):
    canvas.open_group({"class": "legend"})
    for number, row in enumerate(rows):
        x, y = x0, y0 + number * LEGEND_ROW_HEIGHT
        for key, label in row:
            draw_sample(key, x, y)
            canvas.text(x + sample_width, y + 4, label, size=LEGEND_FONT_SIZE)
            x += sample_width + text_width(label, LEGEND_FONT_SIZE) + ITEM_GAP
    canvas.close_group()


def draw_line_legend(canvas, rows, styles: Mapping[str, SeriesStyle], x, y):
    """A legend for a line chart: a short dashed line with its marker, per series key."""

    def sample(key, x, y):
        style = styles[key]
        canvas.line(x, y, x + 28, y, stroke=style.colour, width=2.5, dash=style.dash)
        canvas.marker(style.marker, x + 14, y, style.colour)

    _draw_rows(canvas, rows, x, y, 34, sample)


def draw_marker_legend(canvas, rows, styles: Mapping[str, SeriesStyle], x, y):
    """A legend for a dot plot: each series' marker alone."""

    def sample(key, x, y):
        canvas.marker(styles[key].marker, x + 7, y, styles[key].colour)

    _draw_rows(canvas, rows, x, y, 18, sample)


def draw_swatch_legend(canvas, items: Sequence[tuple[str, str]], x, y):
    """A legend for bars, in one row: a swatch of each ``(label, colour)``."""
    colours = dict(items)

    def sample(label, x, y):
        canvas.rect(x, y - 6, 18, 12, fill=colours[label])

    _draw_rows(canvas, [[(label, label) for label, _ in items]], x, y, 24, sample)
