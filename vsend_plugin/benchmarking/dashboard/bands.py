"""Band distribution: how many of the council's children are in each band."""

from django.utils.translation import gettext_lazy as _

from vsend_plugin.scoring import BANDS

from . import charts
from .readings import count, numbers, percentage
from .sections import DashboardSection
from .tables import Column, Table, cell_text


class BandsSection(DashboardSection):
    slug = "bands"
    title = _("Band distribution")
    order = 100
    intro = (
        _(
            "How many of the council's assessed children are in each band, by their latest "
            "complete needs mapping in the quarter. Bands run from A, met by ordinarily "
            "available provision, to E, complex high needs."
        ),
    )

    def get_table(self, dashboard):
        figures = dashboard.whole
        children = count(figures, "children")
        rows = []
        for band in BANDS:
            counted = count(figures, "band_counts", band.code)
            rows.append([f"Band {band.code}", band.meaning, counted, percentage(counted, children)])
        return Table(
            _("Children in each band"),
            [
                Column("Band"),
                Column("What the band means"),
                Column("Children", "count"),
                Column("Share of children (%)", "percent"),
            ],
            rows,
        )

    def get_charts(self, dashboard, table):
        values = [[row[2]] for row in table.rows]
        maximum, ticks = charts.nice_scale(max(numbers(row[0] for row in values), default=1))
        return [
            charts.bar_chart_svg(
                [f"{row[0]}: {row[1]}" for row in table.rows],
                [charts.Bar("Children")],
                values,
                title=f"Children in each band, {dashboard.council.name}, {dashboard.period}",
                maximum=maximum,
                ticks=ticks,
                value_format=lambda value: cell_text(value, "count"),
                axis_label="children",
            )
        ]
