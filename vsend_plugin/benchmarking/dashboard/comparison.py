"""This council against the others: on this install and on federated installs."""

from django.utils.translation import gettext_lazy as _

from vsend_plugin.scoring import AREAS

from ..missing import Missing
from ..models import Dimension
from . import charts
from .readings import alignment, count, high_need_share, mean
from .sections import DashboardSection
from .tables import Column, Table, cell_text

AREA_NAMES = {area.code: area.name for area in AREAS}


class ComparisonSection(DashboardSection):
    slug = "comparison"
    title = _("This council against the others")
    order = 800
    intro = (
        _(
            "Council-level figures only: other councils on this install as the benchmarks "
            "API publishes them, and councils on federated installs as last fetched from "
            "their API, with where and when the figures were read."
        ),
    )

    def get_table(self, dashboard):
        local = "This install's rollups"
        own = dashboard.own[Dimension.COUNCIL]
        entries = [
            (
                dashboard.council.name,
                "This council",
                local,
                dashboard.whole,
                own[0].computed_at if own else None,
            )
        ]
        entries += [
            (rollup.council.name, "This install", local, rollup.figures, rollup.computed_at)
            for rollup in dashboard.other_councils
        ]
        entries += [
            (
                aggregate.council_name,
                f"Federated: {aggregate.peer.name}",
                aggregate.source,
                aggregate.figures,
                aggregate.fetched_at,
            )
            for aggregate in dashboard.peer_figures
        ]
        rows = [
            [name, source, count(figures, "children"), high_need_share(figures)]
            + [mean(figures, "areas", area.code, "level") for area in AREAS]
            + [alignment(figures), read_from, as_of]
            for name, source, read_from, figures, as_of in entries
        ]
        return Table(
            _("This council against the others"),
            [
                Column("Council"),
                Column("Source"),
                Column("Children", "count"),
                Column("Bands D and E (% of children)", "percent"),
            ]
            + [Column(f"{area.name}: mean level", "mean") for area in AREAS]
            + [
                Column("Alignment", "correlation"),
                Column("Read from"),
                Column("Figures as of", "time"),
            ],
            rows,
            emphasised=frozenset({0}),
        )

    def get_charts(self, dashboard, table):
        return [
            charts.dot_plot_svg(
                [
                    charts.DotRow(
                        row[0],
                        Missing.SUPPRESSED
                        if row[2] is Missing.SUPPRESSED
                        else {
                            area.code: (
                                None if isinstance(row[4 + index], Missing) else row[4 + index]
                            )
                            for index, area in enumerate(AREAS)
                        },
                        emphasis=index == 0,
                        note="this council"
                        if index == 0
                        else ("federated" if row[1].startswith("Federated") else ""),
                    )
                    for index, row in enumerate(table.rows)
                ],
                charts.area_series(AREA_NAMES),
                title=f"Mean need level in each area, {dashboard.council.name} and other "
                f"councils, {dashboard.period}",
                minimum=0,
                maximum=4,
                ticks=[0, 1, 2, 3, 4],
                value_format=lambda value: cell_text(value, "mean"),
                scale_captions=[(0, "start", "no additional need"), (4, "end", "profound")],
            )
        ]

    def get_extra(self, dashboard, table):
        """Peers whose figures may be missing or out of date, named under the table."""
        return {"failing_peers": dashboard.failing_peers}
