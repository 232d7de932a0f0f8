"""What the SEND officers' dashboard shows: tables (and their charts) read from stored rollups.

Nothing is computed from children or assessments here. Every figure is read
from the :class:`~vsend_plugin.benchmarking.models.Rollup` rows (the same
disclosure-controlled figures the benchmarks API serves) and from the
:class:`~vsend_plugin.benchmarking.models.PeerAggregate` rows pulled from
federated peers. The only arithmetic is a share of children (bands D and E,
say) made from two published counts, and a share is hidden whenever either
count is.

Each section is one table with its charts, so that the page, the chart's text
alternative and the CSV download say the same numbers in the same words, and
a missing figure is always named (see :mod:`.missing`), never shown as 0.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from vsend_plugin.charts import BLUE, DARK_BLUE
from vsend_plugin.core.permissions import visible_to
from vsend_plugin.scoring import AREAS, BANDS, SCHEME
from vsend_plugin.scoring.comparison import TRENDS

from . import dashboard_charts as charts
from .missing import EXPLANATIONS, Missing
from .models import Dimension, Peer, PeerAggregate, Rollup
from .periods import parse_period, period_sort_key
from .serving import readable_rollups

#: Quarters shown in the trends, up to and including the chosen one.
TREND_QUARTERS = 8

AREA_NAMES = {area.code: area.name for area in AREAS}
HIGH_NEED_BANDS = ("D", "E")
TREND_NAMES = {"escalating": "Escalating", "stable": "Stable", "improving": "Improving"}
TREND_COLOURS = {"escalating": "#d4351c", "stable": "#505a5f", "improving": "#00703c"}


# Reading figures.


def is_suppressed(figures):
    """Whether a group's figures are withheld whole (a peer's may lack the flag: no counts then)."""
    return not figures or figures.get("suppressed") is True or "children" not in figures


def _figure(figures, *path, missing=Missing.NOT_KNOWN):
    """One published value, or why it is missing (``missing`` when it is published as null)."""
    if is_suppressed(figures):
        return Missing.SUPPRESSED
    value = figures
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return missing if value is None else value


def count(figures, *path):
    return _figure(figures, *path, missing=Missing.HIDDEN)


def mean(figures, *path):
    return _figure(figures, *path)


def alignment(figures):
    return _figure(figures, "alignment", missing=Missing.TOO_FEW_PAIRS)


def percentage(part, whole):
    """``part`` of ``whole`` children as a percentage to one place, or why it cannot be given."""
    for value in (part, whole):
        if isinstance(value, Missing):
            return value
    if not whole:
        return Missing.NOT_KNOWN
    return (Decimal(100 * part) / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def high_need_share(figures):
    """The share of counted children in bands D and E: hidden when either count is."""
    counts = [count(figures, "band_counts", band) for band in HIGH_NEED_BANDS]
    missing = [value for value in counts if isinstance(value, Missing)]
    return percentage(missing[0] if missing else sum(counts), count(figures, "children"))


# Tables.


@dataclass(frozen=True, slots=True)
class Column:
    heading: str
    kind: str = "text"  # text, count, mean, correlation, percent or time

    @property
    def numeric(self):
        return self.kind != "text"


def cell_text(value, kind="text") -> str:
    """A cell as the page and the CSV write it."""
    if isinstance(value, Missing):
        return str(value)
    if value is None:
        return ""
    if kind == "count":
        return str(int(value))
    if kind in ("mean", "correlation"):
        return f"{Decimal(str(value)).quantize(Decimal('0.01'), ROUND_HALF_UP)}"
    if kind == "percent":
        return f"{value}"
    if kind == "time":
        return formats.date_format(timezone.localtime(value), "j M Y, H:i")
    return str(value)


@dataclass
class Table:
    caption: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)
    #: Rows to emphasise, by index (this council among others).
    emphasised: frozenset = frozenset()

    def text_rows(self):
        return [
            [cell_text(value, column.kind) for value, column in zip(row, self.columns, strict=True)]
            for row in self.rows
        ]

    def html_rows(self):
        """Rows for the template: each cell with its text, whether numeric, and why missing."""
        return [
            {
                "emphasis": index in self.emphasised,
                "cells": [
                    {
                        "text": cell_text(value, column.kind),
                        "numeric": column.numeric,
                        "missing": value.name.lower() if isinstance(value, Missing) else "",
                        "header": position == 0,
                    }
                    for position, (value, column) in enumerate(
                        zip(row, self.columns, strict=True)
                    )
                ],
            }
            for index, row in enumerate(self.rows)
        ]

    def notes(self):
        """What each kind of missing figure in the table means, for those that occur."""
        found = {value for row in self.rows for value in row if isinstance(value, Missing)}
        return [EXPLANATIONS[reason] for reason in Missing if reason in found]


@dataclass
class Section:
    slug: str
    title: str
    intro: list[str]
    table: Table
    charts: list[str] = field(default_factory=list)
    extra: dict = field(default_factory=dict)


def _nice_scale(largest, *, steps=(1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)):
    """A round maximum and tick marks that cover ``largest``."""
    largest = max(float(largest or 0), 1.0)
    for step in steps:
        if largest / step <= 6:
            top = step * -(-largest // step)
            return top, [step * index for index in range(int(top // step) + 1)]
    step = 10 ** len(str(int(largest // 5)))
    top = step * -(-largest // step)
    return top, [step * index for index in range(int(top // step) + 1)]


def _numbers(values):
    return [value for value in values if not isinstance(value, Missing) and value is not None]


def quarter_name(period):
    """``2026-Q3`` as people say it: "July to September 2026"."""
    year, quarter = parse_period(period)
    months = ("January to March", "April to June", "July to September", "October to December")
    return f"{months[quarter - 1]} {year}"


def alignment_in_words(value):
    """What an alignment figure says about provision, in a practitioner's words."""
    if isinstance(value, Missing):
        if value is Missing.TOO_FEW_PAIRS:
            return ("There were too few areas with both need and provision recorded to say "
                    "whether provision follows need.")
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


class Dashboard:
    """One council's dashboard for one quarter, as ``user`` may see it.

    The caller has checked that ``user`` is a SEND officer of ``council`` (or
    a superuser); the rollups are still read through
    :func:`~vsend_plugin.core.permissions.visible_to`, so a slip there shows
    nothing rather than another council's detail.
    """

    def __init__(self, user, council, period):
        self.user, self.council, self.period = user, council, period

    # Stored figures.

    @cached_property
    def own(self):
        """The council's rollups in the quarter, by dimension, in their order."""
        rollups = visible_to(
            self.user,
            Rollup.objects.filter(council=self.council, scheme=SCHEME, period=self.period),
        ).order_by("dimension", "position")
        found = {dimension: [] for dimension in Dimension.values}
        for rollup in rollups:
            found[rollup.dimension].append(rollup)
        return found

    @cached_property
    def whole(self):
        """The council's whole-council figures (``{"suppressed": True}`` if there are none)."""
        rollups = self.own[Dimension.COUNCIL]
        return rollups[0].figures if rollups else {"suppressed": True}

    @cached_property
    def quarters(self):
        """Council-level rollups of the quarters up to the chosen one, oldest first."""
        rollups = visible_to(
            self.user,
            Rollup.objects.filter(council=self.council, scheme=SCHEME, dimension=Dimension.COUNCIL),
        )
        chosen = period_sort_key(self.period)
        earlier = [rollup for rollup in rollups if period_sort_key(rollup.period) <= chosen]
        earlier.sort(key=lambda rollup: period_sort_key(rollup.period))
        return earlier[-TREND_QUARTERS:]

    @cached_property
    def other_councils(self):
        """Other councils on this install, at council level, as the benchmarks API serves them."""
        return list(
            readable_rollups([self.council.pk], Dimension.COUNCIL)
            .filter(period=self.period)
            .exclude(council=self.council)
            .select_related("council")
            .order_by("council__name")
        )

    @cached_property
    def peer_figures(self):
        """Federated peers' council-level figures for the quarter, as last fetched."""
        return list(
            visible_to(
                self.user,
                PeerAggregate.objects.filter(
                    peer__council=self.council, scheme=SCHEME, period=self.period
                ),
            )
            .select_related("peer")
            .order_by("council_name", "peer__name")
        )

    @cached_property
    def failing_peers(self):
        """Peers whose latest pull failed: their figures may be missing or out of date."""
        return list(
            visible_to(
                self.user, Peer.objects.filter(council=self.council, consecutive_failures__gt=0)
            ).order_by("name")
        )

    # Key figures above the sections.

    def summary(self):
        """The key figures above the sections: label, text, and why missing if it is."""
        figures = self.whole
        items = [
            ("Children counted", count(figures, "children"), "count"),
            ("Excluded (no complete mapping)", count(figures, "excluded"), "count"),
            ("In bands D and E", high_need_share(figures), "percent"),
            ("Need-provision alignment", alignment(figures), "correlation"),
        ]
        return [
            {
                "label": label,
                "text": cell_text(value, kind) + ("%" if kind == "percent"
                                                  and not isinstance(value, Missing) else ""),
                "missing": value.name.lower() if isinstance(value, Missing) else "",
            }
            for label, value, kind in items
        ]

    # Sections, each one table.


    SECTIONS = (
        "bands", "areas", "unmet-by-setting", "unmet-by-locality", "alignment",
        "trends-need", "trends-movement", "comparison",
    )

    def section(self, slug):
        if slug not in self.SECTIONS:
            raise KeyError(slug)
        return getattr(self, "_" + slug.replace("-", "_"))()

    def sections(self):
        return [self.section(slug) for slug in self.SECTIONS]

    def _bands(self):
        figures = self.whole
        children = count(figures, "children")
        rows = []
        for band in BANDS:
            counted = count(figures, "band_counts", band.code)
            rows.append([f"Band {band.code}", band.meaning, counted, percentage(counted, children)])
        table = Table(
            _("Children in each band"),
            [Column("Band"), Column("What the band means"), Column("Children", "count"),
             Column("Share of children (%)", "percent")],
            rows,
        )
        values = [[row[2]] for row in rows]
        maximum, ticks = _nice_scale(max(_numbers(row[0] for row in values), default=1))
        chart = charts.bar_chart_svg(
            [f"{row[0]}: {row[1]}" for row in rows],
            [charts.Bar("Children")],
            values,
            title=f"Children in each band, {self.council.name}, {self.period}",
            maximum=maximum,
            ticks=ticks,
            value_format=lambda value: cell_text(value, "count"),
            axis_label="children",
        )
        return Section(
            "bands", _("Band distribution"),
            [_("How many of the council's assessed children are in each band, by their latest "
               "complete needs mapping in the quarter. Bands run from A, met by ordinarily "
               "available provision, to E, complex high needs.")],
            table, [chart],
        )

    def _areas(self):
        figures = self.whole
        rows = [
            [area.name, mean(figures, "areas", area.code, "level"),
             mean(figures, "areas", area.code, "intensity"),
             mean(figures, "areas", area.code, "gap"),
             mean(figures, "areas", area.code, "family_confidence")]
            for area in AREAS
        ]
        table = Table(
            _("Mean need in each area"),
            [Column("Area of need"), Column("Mean level (0 to 4)", "mean"),
             Column("Mean intensity (0 to 4)", "mean"), Column("Mean gap", "mean"),
             Column("Mean family confidence (0 to 4)", "mean")],
            rows,
        )
        chart = charts.bar_chart_svg(
            [row[0] for row in rows],
            [charts.Bar("level", BLUE), charts.Bar("intensity", DARK_BLUE)],
            [[row[1], row[2]] for row in rows],
            title=f"Mean need level and intensity in each area, {self.council.name}, {self.period}",
            maximum=4,
            ticks=[0, 1, 2, 3, 4],
            value_format=lambda value: cell_text(value, "mean"),
            axis_label="0 no additional need to 4 profound",
        )
        return Section(
            "areas", _("Mean need per area"),
            [_("The mean need level (the highest rated indicator) and intensity (the mean of the "
               "rated indicators) in each area, over the children counted. The gap is the need "
               "the setting's provision does not reach; family confidence is how confident "
               "families feel, from 0 to 4.")],
            table, [chart],
        )

    def _unmet(self, dimension, slug, title, group_heading, intro):
        groups = self.own[dimension]
        rows = []
        for rollup in groups:
            figures = rollup.figures
            rows.append([rollup.label, count(figures, "children")]
                        + [mean(figures, "areas", area.code, "gap") for area in AREAS])
        table = Table(
            title,
            [Column(group_heading), Column("Children", "count")]
            + [Column(f"{area.name}: mean gap", "mean") for area in AREAS],
            rows,
        )
        heat_rows = [
            charts.HeatRow(row[0], Missing.SUPPRESSED if row[1] is Missing.SUPPRESSED else row[2:])
            for row in rows
        ]
        largest = max((value for row in rows for value in _numbers(row[2:])), default=0)
        chart = charts.heat_map_svg(
            heat_rows,
            [(area.code, area.name) for area in AREAS],
            title=f"{title}, {self.council.name}, {self.period}",
            maximum=max(1.0, -(-float(largest) * 2 // 1) / 2),
            value_format=lambda value: cell_text(value, "mean"),
            scale_label="mean gap in levels: darker is more unmet need",
        ) if rows else ""
        return Section(slug, title, [intro], table, [chart] if chart else [])

    def _unmet_by_setting(self):
        return self._unmet(
            Dimension.SETTING, "unmet-by-setting", _("Unmet need by setting"), "Setting",
            _("The mean gap in each area for the children at each setting: how many levels of "
              "need, on average, the setting's provision does not reach. 0 means provision "
              "meets the need."),
        )

    def _unmet_by_locality(self):
        return self._unmet(
            Dimension.LOCALITY, "unmet-by-locality", _("Unmet need by locality"), "Locality",
            _("The same mean gaps for the children living in each locality."),
        )

    def _alignment(self):
        groups = (
            [("Whole council", rollup) for rollup in self.own[Dimension.COUNCIL]]
            + [("Locality", rollup) for rollup in self.own[Dimension.LOCALITY]]
            + [("Setting", rollup) for rollup in self.own[Dimension.SETTING]]
        )
        rows = [
            [rollup.label, kind, count(rollup.figures, "children"), alignment(rollup.figures)]
            for kind, rollup in groups
        ]
        table = Table(
            _("Need-provision alignment"),
            [Column("Group"), Column("Kind"), Column("Children", "count"),
             Column("Alignment (-1 to 1)", "correlation")],
            rows,
            emphasised=frozenset({0}) if rows else frozenset(),
        )
        chart = charts.dot_plot_svg(
            [
                charts.DotRow(
                    row[0],
                    row[3] if isinstance(row[3], Missing) else {"alignment": row[3]},
                    emphasis=row[1] == "Whole council",
                    note="" if row[1] == "Whole council" else row[1].lower(),
                )
                for row in rows
            ],
            [charts.DotSeries("alignment", "Alignment", charts.SINGLE_LINE)],
            title=f"Need-provision alignment, {self.council.name}, {self.period}",
            minimum=-1,
            maximum=1,
            ticks=[-1, -0.5, 0, 0.5, 1],
            zero=0,
            value_format=lambda value: cell_text(value, "correlation"),
            scale_captions=[(-1, "start", "against need"), (0, "middle", "no relation"),
                            (1, "end", "follows need")],
        ) if rows else ""
        council_value = alignment(self.whole)
        return Section(
            "alignment", _("Need-provision alignment"),
            [
                _("Alignment asks whether support goes where the need is. For every child and "
                  "area where both are recorded, it compares the child's need level with the "
                  "level of need the setting's provision can meet, using Spearman's rank "
                  "correlation: both are put in order and we ask whether they rise together."),
                _("Near 1, provision follows need: the children with the highest needs have "
                  "the most support. Near 0, it does not: how much support a child has says "
                  "little about how much they need. Below 0, support tends to go where needs "
                  "are lower. It is not given when there are fewer than 10 such pairs."),
            ],
            table, [chart] if chart else [],
            extra={
                "value": cell_text(council_value, "correlation"),
                "words": alignment_in_words(council_value),
            },
        )

    def _trend_quarters(self):
        return [rollup.period for rollup in self.quarters]

    def _trends_need(self):
        rows = []
        for rollup in self.quarters:
            figures = rollup.figures
            rows.append(
                [rollup.period, count(figures, "children")]
                + [mean(figures, "areas", area.code, "level") for area in AREAS]
                + [high_need_share(figures)]
            )
        table = Table(
            _("Need by quarter"),
            [Column("Quarter"), Column("Children", "count")]
            + [Column(f"{area.name}: mean level", "mean") for area in AREAS]
            + [Column("Bands D and E (% of children)", "percent")],
            rows,
        )
        quarters = [row[0] for row in rows]
        level_chart = charts.line_chart_svg(
            quarters,
            [
                charts.LineSeries(area.code, area.name, charts.SERIES_STYLES[area.code],
                                  [row[2 + index] for row in rows])
                for index, area in enumerate(AREAS)
            ],
            title=f"Mean need level in each area by quarter, {self.council.name}",
            minimum=0, maximum=4, ticks=[0, 1, 2, 3, 4],
            value_format=lambda value: cell_text(value, "mean"),
        )
        shares = [row[-1] for row in rows]
        maximum, ticks = _nice_scale(max(_numbers(shares), default=10), steps=(5, 10, 20, 25))
        share_chart = charts.line_chart_svg(
            quarters,
            [charts.LineSeries("DE", "Bands D and E", charts.SINGLE_LINE, shares)],
            title=f"Share of children in bands D and E by quarter, {self.council.name}",
            minimum=0, maximum=maximum, ticks=ticks,
            tick_labels=[f"{int(tick)}%" for tick in ticks],
            value_format=lambda value: f"{cell_text(value, 'percent')}%",
            height=260,
        )
        return Section(
            "trends-need", _("Trends by quarter: need"),
            [_("Mean need level in each area, and the share of children in bands D and E (high "
               "and complex high needs), in each quarter up to the one chosen.")],
            table, [level_chart, share_chart] if rows else [],
        )

    def _trends_movement(self):
        rows = [
            [rollup.period] + [count(rollup.figures, "trend_counts", trend) for trend in TRENDS]
            for rollup in self.quarters
        ]
        table = Table(
            _("Children's trend within each quarter"),
            [Column("Quarter")] + [Column(TREND_NAMES[trend], "count") for trend in TRENDS],
            rows,
        )
        maximum, ticks = _nice_scale(max(_numbers(v for row in rows for v in row[1:]), default=1))
        chart = charts.bar_chart_svg(
            [row[0] for row in rows],
            [charts.Bar(TREND_NAMES[trend].lower(), TREND_COLOURS[trend]) for trend in TRENDS],
            [row[1:] for row in rows],
            title=f"Children escalating, stable and improving by quarter, {self.council.name}",
            maximum=maximum,
            ticks=ticks,
            value_format=lambda value: cell_text(value, "count"),
            axis_label="children assessed twice or more in the quarter",
        ) if rows else ""
        return Section(
            "trends-movement", _("Trends by quarter: escalating, stable, improving"),
            [_("For children with two or more complete needs mappings in a quarter, whether "
               "their needs rose (escalating), stayed in the same band (stable) or eased "
               "(improving) between the first and the last.")],
            table, [chart] if chart else [],
        )

    def _comparison(self):
        local = "This install's rollups"
        entries = [(self.council.name, "This council", local, self.whole,
                    self.own[Dimension.COUNCIL][0].computed_at
                    if self.own[Dimension.COUNCIL] else None)]
        entries += [(rollup.council.name, "This install", local, rollup.figures,
                     rollup.computed_at)
                    for rollup in self.other_councils]
        entries += [(aggregate.council_name, f"Federated: {aggregate.peer.name}", aggregate.source,
                     aggregate.figures, aggregate.fetched_at)
                    for aggregate in self.peer_figures]
        rows = [
            [name, source, count(figures, "children"), high_need_share(figures)]
            + [mean(figures, "areas", area.code, "level") for area in AREAS]
            + [alignment(figures), read_from, as_of]
            for name, source, read_from, figures, as_of in entries
        ]
        table = Table(
            _("This council against the others"),
            [Column("Council"), Column("Source"), Column("Children", "count"),
             Column("Bands D and E (% of children)", "percent")]
            + [Column(f"{area.name}: mean level", "mean") for area in AREAS]
            + [Column("Alignment", "correlation"), Column("Read from"),
               Column("Figures as of", "time")],
            rows,
            emphasised=frozenset({0}),
        )
        chart = charts.dot_plot_svg(
            [
                charts.DotRow(
                    row[0],
                    Missing.SUPPRESSED if row[2] is Missing.SUPPRESSED else {
                        area.code: (None if isinstance(row[4 + index], Missing) else row[4 + index])
                        for index, area in enumerate(AREAS)
                    },
                    emphasis=index == 0,
                    note="this council" if index == 0 else (
                        "federated" if row[1].startswith("Federated") else ""),
                )
                for index, row in enumerate(rows)
            ],
            charts.area_series(AREA_NAMES),
            title=f"Mean need level in each area, {self.council.name} and other councils, "
                  f"{self.period}",
            minimum=0, maximum=4, ticks=[0, 1, 2, 3, 4],
            value_format=lambda value: cell_text(value, "mean"),
            scale_captions=[(0, "start", "no additional need"), (4, "end", "profound")],
        )
        return Section(
            "comparison", _("This council against the others"),
            [_("Council-level figures only: other councils on this install as the benchmarks "
               "API publishes them, and councils on federated installs as last fetched from "
               "their API, with where and when the figures were read.")],
            table, [chart],
            extra={"failing_peers": self.failing_peers},
        )
