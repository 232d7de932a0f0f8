"""Need-provision alignment: whether support goes where the need is, group by group."""

from django.utils.translation import gettext_lazy as _

from ..missing import Missing
from ..models import Dimension
from . import charts
from .readings import alignment, count
from .sections import DashboardSection
from .tables import Column, Table, cell_text


def alignment_in_words(value):
    """What an alignment figure says about provision, in a practitioner's words."""
    if isinstance(value, Missing):
        if value is Missing.TOO_FEW_PAIRS:
            return (
                "There were too few areas with both need and provision recorded to say "
                "whether provision follows need."
            )
        return "Not published: the group is too small."
    if value >= 0.7:
        return "Strong: provision closely follows need."
    if value >= 0.4:
        return "Moderate: provision broadly follows need, with many exceptions."
    if value >= 0.1:
        return "Weak: provision follows need only a little."
    if value > -0.1:
        return "None: the provision a child has bears little relation to their need."
    return "Negative: more provision tends to go where needs are lower."


class AlignmentSection(DashboardSection):
    slug = "alignment"
    title = _("Need-provision alignment")
    order = 500
    intro = (
        _(
            "Alignment asks whether support goes where the need is. For every child and "
            "area where both are recorded, it compares the child's need level with the "
            "level of need the setting's provision can meet, using Spearman's rank "
            "correlation: both are put in order and we ask whether they rise together."
        ),
        _(
            "Near 1, provision follows need: the children with the highest needs have "
            "the most support. Near 0, it does not: how much support a child has says "
            "little about how much they need. Below 0, support tends to go where needs "
            "are lower. It is not given when there are fewer than 10 such pairs."
        ),
    )

    def get_table(self, dashboard):
        groups = (
            [("Whole council", rollup) for rollup in dashboard.own[Dimension.COUNCIL]]
            + [("Locality", rollup) for rollup in dashboard.own[Dimension.LOCALITY]]
            + [("Setting", rollup) for rollup in dashboard.own[Dimension.SETTING]]
        )
        rows = [
            [rollup.label, kind, count(rollup.figures, "children"), alignment(rollup.figures)]
            for kind, rollup in groups
        ]
        return Table(
            _("Need-provision alignment"),
            [
                Column("Group"),
                Column("Kind"),
                Column("Children", "count"),
                Column("Alignment (-1 to 1)", "correlation"),
            ],
            rows,
            emphasised=frozenset({0}) if rows else frozenset(),
        )

    def get_charts(self, dashboard, table):
        return [
            charts.dot_plot_svg(
                [
                    charts.DotRow(
                        row[0],
                        row[3] if isinstance(row[3], Missing) else {"alignment": row[3]},
                        emphasis=row[1] == "Whole council",
                        note="" if row[1] == "Whole council" else row[1].lower(),
                    )
                    for row in table.rows
                ],
                [charts.DotSeries("alignment", "Alignment", charts.SINGLE_LINE)],
                title=f"Need-provision alignment, {dashboard.council.name}, {dashboard.period}",
                minimum=-1,
                maximum=1,
                ticks=[-1, -0.5, 0, 0.5, 1],
                zero=0,
                value_format=lambda value: cell_text(value, "correlation"),
                scale_captions=[
                    (-1, "start", "against need"),
                    (0, "middle", "no relation"),
                    (1, "end", "follows need"),
                ],
            )
        ]

    def get_extra(self, dashboard, table):
        """The council's own figure, large, with what it means in words."""
        council_value = alignment(dashboard.whole)
        return {
            "value": cell_text(council_value, "correlation"),
            "words": alignment_in_words(council_value),
        }
