"""A small horizontal bar chart of a self-assessment, drawn as inline SVG.

Same approach as the children's charts (:mod:`vsend_plugin.assessments.charts`):
``role="img"`` with a ``<title>`` and a ``<desc>`` that say the figures in
words, GOV.UK colours with at least 4.5:1 contrast on white, every bar
labelled with its value so nothing depends on colour, and all text escaped.
A table with the same figures goes beside the chart on the page.
"""

from xml.sax.saxutils import escape, quoteattr

FONT_FAMILY = "Helvetica, Arial, sans-serif"
TEXT = "#0b0c0c"
AXIS = "#505a5f"
GRID = "#cecece"
BAR = "#1d70b8"

LABEL_WIDTH = 260
SCALE_WIDTH = 320
ROW_HEIGHT = 40
TOP = 30
MARGIN = 16


def ratings_bar_chart_svg(rows, *, title, maximum=4, chart_id="self-assessment-chart"):
    """``rows`` is a list of ``(label, value)``, values from 0 to ``maximum``."""
    width = LABEL_WIDTH + SCALE_WIDTH + 3 * MARGIN
    height = TOP + ROW_HEIGHT * len(rows) + 30
    unit = SCALE_WIDTH / maximum
    x0 = LABEL_WIDTH + MARGIN
    description = "; ".join(f"{label}: {value} out of {maximum}" for label, value in rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="100%" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f"font-family={quoteattr(FONT_FAMILY)}>",
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}.</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    bottom = TOP + ROW_HEIGHT * len(rows)
    for tick in range(maximum + 1):
        x = x0 + tick * unit
        parts.append(
            f'<line x1="{x:.1f}" y1="{TOP - 6}" x2="{x:.1f}" y2="{bottom}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{x:.1f}" y="{bottom + 20}" font-size="14" fill="{AXIS}" '
            f'text-anchor="middle">{tick}</text>'
        )
    for index, (label, value) in enumerate(rows):
        y = TOP + index * ROW_HEIGHT
        bar = max(value, 0) * unit
        parts.append(
            f'<text x="{LABEL_WIDTH}" y="{y + ROW_HEIGHT / 2 + 5:.1f}" font-size="15" '
            f'fill="{TEXT}" text-anchor="end">{escape(label)}</text>'
        )
        parts.append(
            f'<rect x="{x0}" y="{y + 8}" width="{bar:.1f}" height="{ROW_HEIGHT - 16}" '
            f'fill="{BAR}"/>'
        )
        parts.append(
            f'<text x="{x0 + bar + 6:.1f}" y="{y + ROW_HEIGHT / 2 + 5:.1f}" font-size="15" '
            f'font-weight="bold" fill="{TEXT}">{value}</text>'
        )
    parts.append(
        f'<line x1="{x0}" y1="{TOP - 6}" x2="{x0}" y2="{bottom}" stroke="{AXIS}" stroke-width="2"/>'
    )
    parts.append("</svg>")
    return "".join(parts)
