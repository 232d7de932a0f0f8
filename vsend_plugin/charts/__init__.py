"""Accessible SVG charts, written by hand, for pages and PDFs alike.

The parts every vsend chart is made of:

- :mod:`.canvas`: :class:`Canvas`, a small SVG writer with ``role="img"``,
  ``<title>`` and ``<desc>``, that xhtml2pdf (svglib) can draw;
- :mod:`.text`: width estimates, wrapping and number formatting for labels;
- :mod:`.legend`: legends laid out in rows;
- :mod:`.palette`: one GOV.UK palette, every meaningful colour at least
  4.5:1 on white, and series styles that differ in shape and dash as well.

Each app keeps its own charts (a child's profile, the benchmarking
dashboard, a toolkit self-assessment) and builds them from these names.
This package is plain Python: it imports nothing from Django or from the
rest of vsend, so any layer may use it.
"""

from .canvas import FONT_FAMILY, MARKER_SHAPES, Canvas, svg_data_uri
from .legend import (
    LEGEND_FONT_SIZE,
    LEGEND_ROW_HEIGHT,
    draw_line_legend,
    draw_marker_legend,
    draw_swatch_legend,
    legend_rows,
)
from .palette import (
    AXIS,
    BLUE,
    DARK_BLUE,
    DATA_COLOURS,
    EMPHASIS_FILL,
    GREEN,
    GRID,
    ORANGE,
    PURPLE,
    RED,
    SECONDARY_TEXT,
    SERIES_STYLES,
    SUPPRESSED_FILL,
    TEXT,
    WHITE,
    SeriesStyle,
    contrast_ratio,
    ink_on,
    relative_luminance,
    shade,
)
from .text import format_number, text_width, wrap

__all__ = [
    "AXIS",
    "BLUE",
    "DARK_BLUE",
    "DATA_COLOURS",
    "EMPHASIS_FILL",
    "FONT_FAMILY",
    "GREEN",
    "GRID",
    "LEGEND_FONT_SIZE",
    "LEGEND_ROW_HEIGHT",
    "MARKER_SHAPES",
    "ORANGE",
    "PURPLE",
    "RED",
    "SECONDARY_TEXT",
    "SERIES_STYLES",
    "SUPPRESSED_FILL",
    "TEXT",
    "WHITE",
    "Canvas",
    "SeriesStyle",
    "contrast_ratio",
    "draw_line_legend",
    "draw_marker_legend",
    "draw_swatch_legend",
    "format_number",
    "ink_on",
    "legend_rows",
    "relative_luminance",
    "shade",
    "svg_data_uri",
    "text_width",
    "wrap",
]
