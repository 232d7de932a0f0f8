"""A small horizontal bar chart of a self-assessment, drawn as inline SVG.

Drawn with :mod:`vsend_plugin.charts`, as the children's charts are:
``role="img"`` with a ``<title>`` and a ``<desc>`` that say the figures in
words, a colour from the shared palette, every bar labelled with its value so
nothing depends on colour, and all text escaped. A table with the same
figures goes beside the chart on the page.
"""

from vsend_plugin.charts import AXIS, BLUE, GRID, Canvas

LABEL_WIDTH = 260
SCALE_WIDTH = 320
ROW_HEIGHT = 40
TOP = 30
MARGIN = 16


def ratings_bar_chart_svg(rows, *, title, maximum=4, chart_id="self-assessment-chart"):
    """``rows`` is a list of ``(label, value)``, values from 0 to ``maximum``.

    The chart is as wide as the page column; ``chart_id`` starts the ids of
    its title and description.
    """
    width = LABEL_WIDTH + SCALE_WIDTH + 3 * MARGIN
    height = TOP + ROW_HEIGHT * len(rows) + 30
    unit = SCALE_WIDTH / maximum
    x0 = LABEL_WIDTH + MARGIN
    bottom = TOP + ROW_HEIGHT * len(rows)
    description = "; ".join(f"{label}: {value} out of {maximum}" for label, value in rows) + "."
    svg = Canvas(width, height, title, description, kind="ratings", id_prefix=chart_id, fluid=True)
    for tick in range(maximum + 1):
        x = x0 + tick * unit
        svg.line(x, TOP - 6, x, bottom, stroke=GRID, width=1)
        svg.text(x, bottom + 20, tick, size=14, fill=AXIS, anchor="middle")
    for index, (label, value) in enumerate(rows):
        y = TOP + index * ROW_HEIGHT
        bar = max(value, 0) * unit
        svg.text(LABEL_WIDTH, y + ROW_HEIGHT / 2 + 5, label, size=15, anchor="end")
        svg.rect(x0, y + 8, bar, ROW_HEIGHT - 16, fill=BLUE)
        svg.text(x0 + bar + 6, y + ROW_HEIGHT / 2 + 5, value, size=15, bold=True)
    svg.line(x0, TOP - 6, x0, bottom, stroke=AXIS, width=2)
    return svg.render()
