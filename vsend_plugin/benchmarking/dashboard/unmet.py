"""Unmet need by setting and by locality: the mean gap in each area, group by group.

Both sections are the same heat map over a different kind of group, so both
are :class:`UnmetNeedSection` with their own dimension and words.
"""

from django.utils.translation import gettext_lazy as _

from vsend_plugin.scoring import AREAS

from ..missing import Missing
from ..models import Dimension
from . import charts
from .readings import count, mean, numbers
from .sections import DashboardSection
from .tables import Column, Table, cell_text


class UnmetNeedSection(DashboardSection):
    """The mean gap in each area for each group of one :class:`~..models.Dimension`."""

    dimension: str
    group_heading: str

    def get_table(self, dashboard):
        rows = []
        for rollup in dashboard.own[self.dimension]:
            figures = rollup.figures
            rows.append(
                [rollup.label, count(figures, "children")]
                + [mean(figures, "areas", area.code, "gap") for area in AREAS]
            )
        return Table(
            self.title,
            [Column(self.group_heading), Column("Children", "count")]
            + [Column(f"{area.name}: mean gap", "mean") for area in AREAS],
            rows,
        )

    def get_charts(self, dashboard, table):
        heat_rows = [
            charts.HeatRow(row[0], Missing.SUPPRESSED if row[1] is Missing.SUPPRESSED else row[2:])
            for row in table.rows
        ]
        largest = max((value for row in table.rows for value in numbers(row[2:])), default=0)
        return [
            charts.heat_map_svg(
                heat_rows,
                [(area.code, area.name) for area in AREAS],
                title=f"{self.title}, {dashboard.council.name}, {dashboard.period}",
                maximum=max(1.0, -(-float(largest) * 2 // 1) / 2),
                value_format=lambda value: cell_text(value, "mean"),
                scale_label="mean gap in levels: darker is more unmet need",
            )
        ]


class UnmetBySettingSection(UnmetNeedSection):
    slug = "unmet-by-setting"
    title = _("Unmet need by setting")
    order = 300
    dimension = Dimension.SETTING
    group_heading = "Setting"
    intro = (
        _(
            "The mean gap in each area for the children at each setting: how many levels of "
            "need, on average, the setting's provision does not reach. 0 means provision "
            "meets the need."
        ),
    )


class UnmetByLocalitySection(UnmetNeedSection):
    slug = "unmet-by-locality"
    title = _("Unmet need by locality")
    order = 400
    dimension = Dimension.LOCALITY
    group_heading = "Locality"
    intro = (_("The same mean gaps for the children living in each locality."),)
