"""Trends by quarter, movement: how many children's needs rose, stayed or eased."""

from django.utils.translation import gettext_lazy as _

from vsend_plugin.charts import GREEN, RED, SECONDARY_TEXT
from vsend_plugin.scoring.comparison import TRENDS

from . import charts
from .readings import count, numbers
from .sections import DashboardSection
from .tables import Column, Table, cell_text

TREND_NAMES = {"escalating": "Escalating", "stable": "Stable", "improving": "Improving"}
TREND_COLOURS = {"escalating": RED, "stable": SECONDARY_TEXT, "improving": GREEN}


class TrendsMovementSection(DashboardSection):
    slug = "trends-movement"
    title = _("Trends by quarter: escalating, stable, improving")
    order = 700
    intro = (
        _(
            "For children with two or more complete needs mappings in a quarter, whether "
            "their needs rose (escalating), stayed in the same band (stable) or eased "
            "(improving) between the first and the last."
        ),
    )

    def get_table(self, dashboard):
        rows = [
            [rollup.period] + [count(rollup.figures, "trend_counts", trend) for trend in TRENDS]
            for rollup in dashboard.quarters
        ]
        return Table(
            _("Children's trend within each quarter"),
            [Column("Quarter")] + [Column(TREND_NAMES[trend], "count") for trend in TRENDS],
            rows,
        )

    def get_charts(self, dashboard, table):
        rows = table.rows
        maximum, ticks = charts.nice_scale(
            max(numbers(value for row in rows for value in row[1:]), default=1)
        )
        return [
            charts.bar_chart_svg(
                [row[0] for row in rows],
                [charts.Bar(TREND_NAMES[trend].lower(), TREND_COLOURS[trend]) for trend in TRENDS],
                [row[1:] for row in rows],
                title=f"Children escalating, stable and improving by quarter, "
                f"{dashboard.council.name}",
                maximum=maximum,
                ticks=ticks,
                value_format=lambda value: cell_text(value, "count"),
                axis_label="children assessed twice or more in the quarter",
            )
        ]
