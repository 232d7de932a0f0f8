"""The officers' dashboard: did the support help, how intrusive is it, and does it step down.

Three kinds of section, added with the ``construct_vsend_dashboard_sections``
hook (:mod:`.wagtail_hooks`):

- the evaluation (:mod:`.evaluation`) of the chosen quarter per support type,
  for the council, its localities and its settings, with the figures
  ``GET benchmarks/support/`` publishes and the same disclosure control
  (:func:`.evaluation.publish`), and the words "Association, not proof of
  effect" beside them;
- the share of children with intrusive support, by age group;
- how many plans' planned provision steps down towards 18, per area.

Unlike vsend's own sections these figures are not stored rollups: they are
worked out from the council's plans when the page is drawn, and pass through
the same disclosure control before any section sees them. Nothing from 1 to 4
is shown; a group under ``VSEND_MIN_GROUP`` children is suppressed whole.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vsend_plugin.benchmarking.dashboard import (
    Column,
    DashboardSection,
    Table,
    cell_text,
    charts,
    count,
    mean,
    numbers,
    percentage,
)
from vsend_plugin.benchmarking.missing import Missing
from vsend_plugin.charts import GREEN, ORANGE, SECONDARY_TEXT
from vsend_plugin.conf import vsend_settings
from vsend_plugin.scoring.disclosure import suppress_distribution

from . import scheme
from .benchmarks import NOTE
from .evaluation import DIRECTION_LABELS, evaluate, histories, publish
from .generation import age_on
from .models import AREA_CHOICES, SupportItem, SupportPlan

__all__ = [
    "IntrusiveSupportSection",
    "SteppingDownSection",
    "SupportEvaluationSection",
    "support_sections",
]

TYPE_NAMES = {support_type.code: support_type.meaning for support_type in scheme.SUPPORT_TYPES}
AREA_NAMES = dict(AREA_CHOICES)

#: Age groups for intrusive support: ``(label, youngest, oldest)``, ``None`` for no bound.
AGE_GROUPS = (("Under 11", None, 10), ("11 to 15", 11, 15), ("16 and over", 16, None))


def _readable(published):
    """A published group's figures as the readings expect: children present unless suppressed."""
    return {} if published.get("suppressed") else published


class SupportEvaluationSection(DashboardSection):
    """Per support type, what happened to the need of the children who had it."""

    order = 900
    by = "council"

    def __init__(self, by="council"):
        self.by = by
        self.slug = "support" if by == "council" else f"support-by-{by}"
        self.title = {
            "council": _("Support and what followed"),
            "locality": _("Support and what followed, by locality"),
            "setting": _("Support and what followed, by setting"),
        }[by]
        self.order = {"council": 900, "locality": 910, "setting": 920}[by]

    def get_intro(self, dashboard):
        return [
            NOTE,
            _(
                "For each kind of support in children's plans: the children who had it when "
                "they were assessed, and whether the need it served was lower (improving), the "
                "same, or higher (escalating) at their next assessment in the quarter; the mean "
                "hours a week; and the outcomes in those areas reviewed in the quarter. Other "
                "things changed for these children too, so the figures say what followed the "
                "support, not what it caused."
            ),
        ]

    def get_table(self, dashboard):
        found = dashboard.shared(
            "vsend_planning.histories", lambda: histories(dashboard.council, dashboard.period)
        )
        groups = publish(evaluate(dashboard.council, dashboard.period, self.by, found))
        group_column = (
            []
            if self.by == "council"
            else [Column(_("Locality" if self.by == "locality" else "Setting"))]
        )
        columns = [
            *group_column,
            Column(_("Support type")),
            Column(_("Children"), "count"),
            Column(_("Episodes"), "count"),
            Column(_("Improving"), "count"),
            Column(_("Same"), "count"),
            Column(_("Escalating"), "count"),
            Column(_("Mean hours a week"), "mean"),
            Column(_("Outcomes achieved"), "count"),
            Column(_("Partly achieved"), "count"),
            Column(_("Not achieved"), "count"),
        ]
        rows = []
        for group in groups:
            figures = _readable(group)
            label = [] if self.by == "council" else [group["label"]]
            rows.append(
                [
                    *label,
                    TYPE_NAMES[group["key"]["support_type"]],
                    count(figures, "children"),
                    count(figures, "episodes"),
                    *(count(figures, "direction_counts", d) for d in DIRECTION_LABELS),
                    mean(figures, "mean_hours"),
                    *(count(figures, "outcomes", s) for s in scheme.COUNTED_STATUSES),
                ]
            )
        if self.by != "council":
            rows.sort(key=lambda row: (row[0], row[1]))
        return Table(_("Children with each kind of support and what followed"), columns, rows)

    def get_charts(self, dashboard, table):
        if self.by != "council":
            return []
        values = [row[3:6] for row in table.rows]
        maximum, ticks = charts.nice_scale(
            max(numbers(value for row in values for value in row), default=1)
        )
        return [
            charts.bar_chart_svg(
                [row[0] for row in table.rows],
                [
                    charts.Bar("Improving", GREEN),
                    charts.Bar("Same", SECONDARY_TEXT),
                    charts.Bar("Escalating", ORANGE),
                ],
                values,
                title=(
                    f"What followed each kind of support, {dashboard.council.name}, "
                    f"{dashboard.period} (association, not proof of effect)"
                ),
                maximum=maximum,
                ticks=ticks,
                value_format=lambda value: cell_text(value, "count"),
                axis_label="support episodes",
            )
        ]


def _hide_lone_row(sizes, min_group):
    """Rows to suppress: those of 1 to ``min_group - 1`` children (empty rows show their zeros);
    if exactly one is, the smallest shown one too, so it cannot be had by subtraction."""
    hidden = [index for index, size in enumerate(sizes) if 0 < size < min_group]
    shown = [index for index, size in enumerate(sizes) if size >= min_group]
    if len(hidden) == 1 and shown and sizes[hidden[0]] > 0:
        hidden.append(min(shown, key=lambda index: (sizes[index], index)))
    return set(hidden)


def current_plans(council):
    return SupportPlan.objects.filter(council=council)


class IntrusiveSupportSection(DashboardSection):
    """How many children, by age, have support that may limit their independence."""

    slug = "intrusive-support"
    title = _("Intrusive support by age")
    order = 930
    intro = (
        _(
            "Children with a support plan as plans stand today, by age, and how many of them "
            "have intrusive support: one-to-one adult support or escorted transport for 15 "
            "hours a week or more, or planned to continue to 16 or beyond. It is not wrong; "
            "it is the prompt to ask what the support will look like at 15 and at 18, and "
            "whether it leaves room for friendships, privacy and choice."
        ),
    )

    def figures(self, dashboard):
        today = timezone.localdate()
        ages = {
            plan_id: age_on(today, year, month)
            for plan_id, year, month in current_plans(dashboard.council).values_list(
                "pk", "child__birth_year", "child__birth_month"
            )
        }
        intrusive = set()
        for plan_id, support_type, hours, until in SupportItem.objects.filter(
            council=dashboard.council,
            support_type__in=[
                t.code for t in scheme.SUPPORT_TYPES if t.independence == "may_limit"
            ],
        ).values_list("plan_id", "support_type", "hours_per_week", "planned_until_age"):
            if scheme.is_intrusive(support_type, hours, until):
                intrusive.add(plan_id)
        totals, flagged = {}, {}
        for label, youngest, oldest in AGE_GROUPS:
            members = [
                plan_id
                for plan_id, age in ages.items()
                if (youngest is None or age >= youngest) and (oldest is None or age <= oldest)
            ]
            totals[label] = len(members)
            flagged[label] = sum(plan_id in intrusive for plan_id in members)
        return totals, flagged

    def get_table(self, dashboard):
        totals, flagged = self.figures(dashboard)
        labels = [group[0] for group in AGE_GROUPS]
        hidden = _hide_lone_row([totals[label] for label in labels], vsend_settings.MIN_GROUP)
        shown_totals = suppress_distribution(
            {k: v for k, v in totals.items() if labels.index(k) not in hidden}
        )
        shown_flagged = suppress_distribution(
            {k: v for k, v in flagged.items() if labels.index(k) not in hidden}
        )
        rows = []
        for index, label in enumerate(labels):
            if index in hidden:
                rows.append([label, Missing.SUPPRESSED, Missing.SUPPRESSED, Missing.SUPPRESSED])
                continue
            children = shown_totals[label]
            children = Missing.HIDDEN if children is None else children
            with_intrusive = shown_flagged[label]
            with_intrusive = Missing.HIDDEN if with_intrusive is None else with_intrusive
            rows.append([label, children, with_intrusive, percentage(with_intrusive, children)])
        return Table(
            _("Children with a plan, and with intrusive support, by age"),
            [
                Column(_("Age")),
                Column(_("Children with a plan"), "count"),
                Column(_("With intrusive support"), "count"),
                Column(_("Share with intrusive support (%)"), "percent"),
            ],
            rows,
        )

    def get_charts(self, dashboard, table):
        values = [[row[3]] for row in table.rows]
        return [
            charts.bar_chart_svg(
                [row[0] for row in table.rows],
                [charts.Bar("Share with intrusive support")],
                values,
                title=f"Share of children with intrusive support by age, {dashboard.council.name}",
                maximum=100,
                ticks=[0, 25, 50, 75, 100],
                value_format=lambda value: f"{cell_text(value, 'percent')}%",
                axis_label="per cent of children with a plan",
            )
        ]


class SteppingDownSection(DashboardSection):
    """Whether planned provision falls towards 18, per area and over the whole plan."""

    slug = "provision-stepping-down"
    title = _("Planned provision stepping down towards 18")
    order = 940
    intro = (
        _(
            "Plans as they stand today: for each area, the plans that give a planned provision "
            "level now and at a later point (the next phase, 16 or 18), and how many of them "
            "plan it to fall below where it is now. Support decided when a child is five "
            "should not stay the same to fifteen by default."
        ),
    )

    def figures(self, dashboard):
        counts = {area: {"steps": 0, "stays": 0} for area in (*scheme.AREAS, "any")}
        for trajectory in current_plans(dashboard.council).values_list("trajectory", flat=True):
            found = []
            for area in scheme.AREAS:
                points = (trajectory or {}).get(area) or {}
                result = scheme.steps_down([points.get(p) for p in scheme.TRAJECTORY_POINTS])
                if result is not None:
                    counts[area]["steps" if result else "stays"] += 1
                    found.append(result)
            if found:
                counts["any"]["steps" if any(found) else "stays"] += 1
        return counts

    def get_table(self, dashboard):
        counts = self.figures(dashboard)
        rows = []
        min_group = vsend_settings.MIN_GROUP
        for area in (*scheme.AREAS, "any"):
            label = AREA_NAMES[area] if area != "any" else "The whole plan (any area)"
            planned = counts[area]["steps"] + counts[area]["stays"]
            if planned < min_group:
                rows.append([label, *([Missing.SUPPRESSED] * 4)])
                continue
            shown = suppress_distribution(counts[area])
            steps = Missing.HIDDEN if shown["steps"] is None else shown["steps"]
            stays = Missing.HIDDEN if shown["stays"] is None else shown["stays"]
            rows.append([label, planned, steps, stays, percentage(steps, planned)])
        return Table(
            _("Plans whose planned provision steps down towards 18"),
            [
                Column(_("Area")),
                Column(_("Plans with planned levels"), "count"),
                Column(_("Steps down"), "count"),
                Column(_("Does not step down"), "count"),
                Column(_("Share stepping down (%)"), "percent"),
            ],
            rows,
        )

    def get_charts(self, dashboard, table):
        values = [[row[4]] for row in table.rows]
        return [
            charts.bar_chart_svg(
                [row[0] for row in table.rows],
                [charts.Bar("Share stepping down")],
                values,
                title=f"Plans whose planned provision steps down, {dashboard.council.name}",
                maximum=100,
                ticks=[0, 25, 50, 75, 100],
                value_format=lambda value: f"{cell_text(value, 'percent')}%",
                axis_label="per cent of plans with planned levels",
            )
        ]


def support_sections():
    """The planning sections of the dashboard, in their order."""
    return [
        SupportEvaluationSection("council"),
        SupportEvaluationSection("locality"),
        SupportEvaluationSection("setting"),
        IntrusiveSupportSection(),
        SteppingDownSection(),
    ]
