"""The officers' dashboard: how far the council's raters agree, and where they disagree most.

Two sections, added with the ``construct_vsend_dashboard_sections`` hook:
agreement per indicator (a chart per area, with its table) over the
quarter's pairs, with the pooled, band and calibration figures; and the
indicators that agree least with the levels most often confused, so that a
council knows which descriptors to improve. The figures are
:func:`.figures.agreement_groups`' for the council, the same the API gives.
"""

from django.utils.translation import gettext_lazy as _

from vsend_plugin.benchmarking.dashboard import Column, DashboardSection, Table, cell_text, charts
from vsend_plugin.benchmarking.missing import Missing
from vsend_plugin.charts import BLUE, GREEN, ORANGE
from vsend_plugin.scoring import AREAS, INDICATORS

from .agreement import MIN_PAIRS
from .figures import agreement_groups

FIGURE_COLUMNS = ("pairs", "exact", "within_one", "kappa")


def council_agreement(dashboard):
    """The council's own group (council level, per indicator), once per page."""

    def compute():
        groups = agreement_groups([dashboard.council], [], period=dashboard.period)
        return groups[0]

    return dashboard.shared("vsend_moderation.agreement", compute)


def _cells(figures):
    if figures["pairs"] < MIN_PAIRS:
        return [
            figures["pairs"],
            Missing.TOO_FEW_PAIRS,
            Missing.TOO_FEW_PAIRS,
            Missing.TOO_FEW_PAIRS,
        ]
    kappa = Missing.NOT_KNOWN if figures["kappa"] is None else figures["kappa"]
    return [figures["pairs"], figures["exact"], figures["within_one"], kappa]


def _figure_columns():
    return [
        Column(_("Pairs"), "count"),
        Column(_("Exact agreement"), "mean"),
        Column(_("Within one level"), "mean"),
        Column(_("Kappa (quadratic weights)"), "mean"),
    ]


class AgreementSection(DashboardSection):
    slug = "rater-agreement"
    title = _("Agreement between raters")
    order = 950
    intro = (
        _(
            "Pairs of ratings of the same child on the same indicator: the practitioner's needs "
            "mapping and a blind second rating from a moderation round, submitted in the "
            "quarter. Exact agreement and agreement within one level are shares of the pairs "
            "(0 to 1); kappa is Cohen's kappa with quadratic weights, where 1 is perfect "
            "agreement and 0 no better than chance. Calibration compares practitioners' ratings "
            "of the fictional calibration cases with their agreed reference."
        ),
        _("With fewer than 10 pairs no figure is given: too few, never zero."),
    )

    def get_table(self, dashboard):
        group = council_agreement(dashboard)
        rows = [
            [_("All indicators"), "", *_cells(group["overall"])],
            [_("Bands"), "", *_cells(group["band"])],
            [_("Calibration cases"), "", *_cells(group["calibration"])],
        ]
        for code, indicator in INDICATORS.items():
            rows.append([indicator.area, code, *_cells(group["indicators"][code])])
        columns = [Column(_("Area")), Column(_("Indicator")), *_figure_columns()]
        return Table(_("How far raters agree, per indicator"), columns, rows)

    def get_charts(self, dashboard, table):
        found = {row[1]: row[3:6] for row in table.rows if row[1]}
        drawn = []
        for area in AREAS:
            codes = [code for code, indicator in INDICATORS.items() if indicator.area == area.code]
            drawn.append(
                charts.bar_chart_svg(
                    [INDICATORS[code].name for code in codes],
                    [
                        charts.Bar("Exact", BLUE),
                        charts.Bar("Within one", GREEN),
                        charts.Bar("Kappa", ORANGE),
                    ],
                    [found[code] for code in codes],
                    title=f"Agreement between raters: {area.name}, {dashboard.period}",
                    maximum=1,
                    ticks=(0, 0.25, 0.5, 0.75, 1),
                    value_format=lambda value: cell_text(value, "mean"),
                    axis_label="agreement (1 is perfect)",
                )
            )
        return drawn


class DisagreementSection(DashboardSection):
    slug = "rater-disagreement"
    title = _("Where raters disagree most")
    order = 960
    intro = (
        _(
            "The indicators whose ratings agree least, and the pairs of levels raters most often "
            "tell apart differently. These are the level descriptors of the council's form worth "
            "rewording, or discussing at the next moderation meeting."
        ),
    )

    def get_table(self, dashboard):
        group = council_agreement(dashboard)
        rows = []
        for item in group["disagreement"]["lowest"]:
            rows.append([_("Least agreement"), item["indicator"], *_cells(item)])
        for item in group["disagreement"]["confused"]:
            low, high = item["levels"]
            rows.append(
                [_("Levels confused"), f"{low} and {high}", item["pairs"], None, None, None]
            )
        columns = [Column(_("Kind")), Column(_("Indicator or levels")), *_figure_columns()]
        return Table(_("Where raters disagree most"), columns, rows)


def moderation_sections():
    return [AgreementSection(), DisagreementSection()]
