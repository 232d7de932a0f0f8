"""Trends by quarter, need: mean level per area and the share in bands D and E."""

from django.utils.translation import gettext_lazy as _

from vsend_plugin.assessments.charts import SERIES_STYLES
from vsend_plugin.scoring import AREAS

from . import charts
from .readings import count, high_need_share, mean, numbers
from .sections import DashboardSection
from .tables import Column, Table, cell_text


class TrendsNeedSection(DashboardSection):
    slug = "trends-need"
    title = _("Trends by quarter: need")
    order = 600
    intro = (
        _(
            "Mean need level in each area, and the share of children in bands D and E (high "
            "and complex high needs), in each quarter up to the one chosen."
        ),
    )

    def get_table(self, dashboard):
        rows = []
        for rollup in dashboard.quarters:
            figures = rollup.figures
            rows.append(
                [rollup.period, count(figures, "children")]
                + [mean(figures, "areas", area.code, "level") for area in AREAS]
                + [high_need_share(figures)]
            )
        return Table(
            _("Need by quarter"),
            [Column("Quarter"), Column("Children", "count")]
            + [Column(f"{area.name}: mean level", "mean") for area in AREAS]
            + [Column("Bands D and E (% of children)", "percent")],
            rows,
        )

    def get_charts(self, dashboard, table):
        rows = table.rows
        quarters = [row[0] for row in rows]
        level_chart = charts.line_chart_svg(
            quarters,
            [
                charts.LineSeries(
                    area.code, area.name, SERIES_STYLES[area.code], [row[2 + index] for row in rows]
                )
                for index, area in enumerate(AREAS)
            ],
            title=f"Mean need level in each area by quarter, {dashboard.council.name}",
            minimum=0,
            maximum=4,
            ticks=[0, 1, 2, 3, 4],
            value_format=lambda value: cell_text(value, "mean"),
        )
        shares = [row[-1] for row in rows]
        maximum, ticks = charts.nice_scale(max(numbers(shares), default=10), steps=(5, 10, 20, 25))
        share_chart = charts.line_chart_svg(
            quarters,
            [charts.LineSeries("DE", "Bands D and E", charts.SINGLE_LINE, shares)],
            title=f"Share of children in bands D and E by quarter, {dashboard.council.name}",
            minimum=0,
            maximum=maximum,
            ticks=ticks,
            tick_labels=[f"{int(tick)}%" for tick in ticks],
            value_format=lambda value: f"{cell_text(value, 'percent')}%",
            height=260,
        )
        return [level_chart, share_chart]
