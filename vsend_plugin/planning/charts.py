"""The road to adulthood as a chart: planned provision in each area, now to 18.

A line per area across the trajectory's four points (now, the next phase,
16 and 18), on the scoring scheme's 0 to 4 provision scale, with the same
marker shapes, dashes and colours per area as the child's need charts
(:data:`vsend_plugin.assessments.charts.SERIES_STYLES`), so an area looks
the same wherever it is drawn. Drawn on :class:`vsend_plugin.charts.Canvas`:
inline in a page, and as an image in the PDF summary. The ``<desc>`` says
every planned level in words; the page shows the same figures as a table.

Plain Python: it takes the rows :func:`vsend_plugin.planning.road.road_to_adulthood`
makes (or any list of dicts with ``code``, ``name`` and ``points``).
"""

from vsend_plugin.assessments.charts import SERIES_STYLES
from vsend_plugin.charts import (
    AXIS,
    GRID,
    SECONDARY_TEXT,
    Canvas,
    draw_line_legend,
    legend_rows,
)

from . import scheme

#: The provision scale in short words, for the axis.
SHORT_PROVISION = {0: "0 Universal", 1: "1", 2: "2", 3: "3", 4: "4 Profound"}


def trajectory_svg(areas, *, width=640, height=300, title="Planned provision from now to 18"):
    """A line chart of each area's planned provision level at now, next phase, 16 and 18.

    ``areas``: ``[{"code", "name", "points": [(point, label, level or None), ...]}]``.
    A point not planned leaves a gap in its area's line.
    """
    labels = [scheme.TRAJECTORY_LABELS[point] for point in scheme.TRAJECTORY_POINTS]
    legend = legend_rows([(area["code"], area["name"]) for area in areas], width - 32)
    legend_height = len(legend) * 20
    left, right, top = 92, 24, 14
    bottom = height - legend_height - 34
    plot_width = width - left - right
    step = (bottom - top) / 4
    inset = plot_width / 8
    spacing = (plot_width - 2 * inset) / (len(labels) - 1)
    xs = [left + inset + index * spacing for index in range(len(labels))]

    svg = Canvas(width, height, title, _description(areas), kind="trajectory")
    for level in range(5):
        y = bottom - level * step
        svg.line(left, y, left + plot_width, y, stroke=AXIS if level == 0 else GRID, width=1)
        svg.text(left - 8, y + 4, SHORT_PROVISION[level], size=12, anchor="end")
    svg.line(left, top, left, bottom, stroke=AXIS, width=1)
    for x, label in zip(xs, labels, strict=True):
        svg.line(x, bottom, x, bottom + 4, stroke=AXIS, width=1)
        svg.text(x, bottom + 18, label, size=12, anchor="middle")

    planned = [area for area in areas if any(level is not None for *_, level in area["points"])]
    if not planned:
        svg.text(
            left + plot_width / 2,
            (top + bottom) / 2,
            "No provision planned yet",
            size=13,
            anchor="middle",
            fill=SECONDARY_TEXT,
        )

    # Areas often plan the same level: each line is nudged a little, as in the need charts.
    nudge = min(3.0, step / 12)
    dodge = min(6.0, spacing / 12)
    for index, area in enumerate(areas):
        style = SERIES_STYLES[area["code"]]
        position = index - (len(areas) - 1) / 2
        offset = position * nudge
        svg.open_group({"class": "series", "data-area": area["code"], "data-colour": style.colour})
        runs, run = [], []
        for x, (*_, level) in zip(xs, area["points"], strict=True):
            if level is None:
                if run:
                    runs.append(run)
                run = []
            else:
                run.append((x + position * dodge, bottom - level * step - offset))
        if run:
            runs.append(run)
        for line in runs:
            if len(line) > 1:
                svg.polyline(line, stroke=style.colour, width=2.5, dash=style.dash)
        for line in runs:
            for x, y in line:
                svg.marker(style.marker, x, y, style.colour)
        svg.close_group()
    draw_line_legend(svg, legend, SERIES_STYLES, 16, height - legend_height + 2)
    return svg.render()


def _description(areas):
    sentences = [
        "Planned provision level in each area, on the scale from 0, universal provision "
        "only, to 4, provision that can meet profound need, at four points: now, the "
        "next phase, at 16 and at 18."
    ]
    for area in areas:
        planned = [
            f"{label.lower()} {level}" for _, label, level in area["points"] if level is not None
        ]
        sentences.append(
            f"{area['name']}: " + (", ".join(planned) if planned else "nothing planned") + "."
        )
    return " ".join(sentences)
