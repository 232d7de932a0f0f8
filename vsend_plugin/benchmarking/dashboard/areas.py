"""Mean need per area: level and intensity, with the gap and family confidence."""

from django.utils.translation import gettext_lazy as _

from vsend_plugin.charts import BLUE, DARK_BLUE
from vsend_plugin.scoring import AREAS

from . import charts
from .readings import mean
from .sections import DashboardSection
from .tables import Column, Table, cell_text


class AreasSection(DashboardSection):
    slug = "areas"
    title = _("Mean need per area")
    order = 200
    intro = (
        _(
            "The mean need level (the highest rated indicator) and intensity (the mean of the "
            "rated indicators) in each area, over the children counted. The gap is the need "
            "the setting's provision does not reach; family confidence is how confident "
            "families feel, from 0 to 4."
        ),
    )

    def get_table(self, dashboard):
        figures = dashboard.whole
        rows = [
            [
                area.name,
                mean(figures, "areas", area.code, "level"),
                mean(figures, "areas", area.code, "intensity"),
                mean(figures, "areas", area.code, "gap"),
                mean(figures, "areas", area.code, "family_confidence"),
            ]
            for area in AREAS
        ]
        return Table(
            _("Mean need in each area"),
            [
                Column("Area of need"),
                Column("Mean level (0 to 4)", "mean"),
                Column("Mean intensity (0 to 4)", "mean"),
                Column("Mean gap", "mean"),
                Column("Mean family confidence (0 to 4)", "mean"),
            ],
            rows,
        )

    def get_charts(self, dashboard, table):
        return [
            charts.bar_chart_svg(
                [row[0] for row in table.rows],
                [charts.Bar("level", BLUE), charts.Bar("intensity", DARK_BLUE)],
                [[row[1], row[2]] for row in table.rows],
                title=f"Mean need level and intensity in each area, {dashboard.council.name}, "
                f"{dashboard.period}",
                maximum=4,
                ticks=[0, 1, 2, 3, 4],
                value_format=lambda value: cell_text(value, "mean"),
                axis_label="0 no additional need to 4 profound",
            )
        ]
