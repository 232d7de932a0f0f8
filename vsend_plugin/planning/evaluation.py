"""Did the support help? Support episodes and what followed them (``vsend-support/1``).

Association, not proof of effect: the figures say what happened to children
who had a kind of support. A **support episode** is one pair of a child's
consecutive complete assessments whose later one falls in the quarter, with
one support type serving one area on the London date of the earlier one; the
figures count, per support type, the children, the episodes, how the area
served moved between the pair, the hours, and the outcomes reviewed.

:func:`support_figures` is the arithmetic on plain values, so it can be
checked against a reference; :func:`evaluate` reads one council's quarter from
the database and groups it; :func:`publish` applies disclosure control.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db.models.fields.json import KT
from django.utils import timezone

from vsend_plugin.assessments.models import AssessmentVersion, Child
from vsend_plugin.benchmarking.periods import period_bounds
from vsend_plugin.benchmarking.rollups import setting_key_of
from vsend_plugin.conf import vsend_settings
from vsend_plugin.scoring import AREA_CODES, area_direction
from vsend_plugin.scoring.disclosure import suppress_count, suppress_distribution
from vsend_plugin.scoring.rounding import as_float, quantize

from . import scheme
from .models import Outcome, SupportItem

DIRECTIONS = {"down": "improving", "same": "same", "up": "escalating"}
DIRECTION_LABELS = ("improving", "same", "escalating")

BY_CHOICES = ("council", "locality", "setting")


@dataclass
class Item:
    support_type: str
    area: str
    starts: date
    ends: date | None
    hours_per_week: Decimal | None

    def active_on(self, day):
        return self.starts <= day and (self.ends is None or self.ends > day)


@dataclass
class ChildHistory:
    """What the evaluation needs of one child: assessments, current plan, reviewed outcomes."""

    #: The child's id (anything hashable that stands for one child).
    child: object
    #: ``{"locality": (key, label), "setting": (key, label)}``: the groups the child is in.
    groups: dict = field(default_factory=dict)
    #: ``(taken_at, {area: (level, intensity)})`` of complete assessments (their newest
    #: version), any order: see :func:`area_figures`.
    assessments: list = field(default_factory=list)
    items: list = field(default_factory=list)
    #: ``(area, status, reviewed_at)`` of the child's outcomes.
    outcomes: list = field(default_factory=list)


@dataclass
class TypeFigures:
    """The unpublished figures of one support type over a group."""

    children: set = field(default_factory=set)
    episodes: int = 0
    direction_counts: dict = field(default_factory=lambda: dict.fromkeys(DIRECTION_LABELS, 0))
    hours: list = field(default_factory=list)
    outcomes: dict = field(default_factory=lambda: dict.fromkeys(scheme.COUNTED_STATUSES, 0))

    def as_dict(self):
        return {
            "children": len(self.children),
            "episodes": self.episodes,
            "direction_counts": dict(self.direction_counts),
            "mean_hours": as_float(quantize(sum(self.hours) / len(self.hours)))
            if self.hours
            else None,
            "outcomes": dict(self.outcomes),
        }


def area_figures(profile) -> dict:
    """``{area: (level, intensity)}`` of a stored profile dict: all the evaluation reads of it."""
    return {
        code: _figures(area["level"], area["intensity"]) for code, area in profile["areas"].items()
    }


def _figures(level, intensity):
    """An area's ``(level, intensity)`` as :func:`area_direction` takes them, from stored values."""
    if level is None:
        return None, None
    return int(level), quantize(Decimal(str(intensity)))


def london_date(moment: datetime) -> date:
    return timezone.localtime(moment, timezone.get_default_timezone()).date()


def support_figures(histories, start, end) -> dict:
    """``{support type: TypeFigures}`` over the histories, in the quarter ``[start, end)``."""
    figures = defaultdict(TypeFigures)
    for history in histories:
        ordered = sorted(history.assessments, key=lambda item: item[0])
        episode_areas = defaultdict(set)
        for (earlier_at, earlier), (later_at, later) in zip(ordered, ordered[1:], strict=False):
            if not (start <= later_at < end):
                continue
            day = london_date(earlier_at)
            hours = defaultdict(list)
            for item in history.items:
                if item.active_on(day):
                    hours[(item.support_type, item.area)].append(item.hours_per_week)
            if not hours:
                continue
            for (support_type, area), item_hours in hours.items():
                direction = area_direction(*earlier[area], *later[area])
                if direction is None:
                    continue
                type_figures = figures[support_type]
                type_figures.children.add(history.child)
                type_figures.episodes += 1
                type_figures.direction_counts[DIRECTIONS[direction]] += 1
                known = [value for value in item_hours if value is not None]
                if known:
                    type_figures.hours.append(sum(known, Decimal(0)))
                episode_areas[support_type].add(area)
        for support_type, areas in episode_areas.items():
            for area, status, reviewed_at in history.outcomes:
                if (
                    area in areas
                    and status in scheme.COUNTED_STATUSES
                    and reviewed_at is not None
                    and start <= reviewed_at < end
                ):
                    figures[support_type].outcomes[status] += 1
    return dict(figures)


def histories(council, period):
    """The :class:`ChildHistory` of each child of the council with support, assessed in the quarter.

    A child with no support item has no episode, so only children with a plan
    holding support are read; their assessments up to the quarter's end, each
    as its newest version, in one pass that reads only the areas' levels and
    intensities out of the stored profiles. Plain values throughout: at a
    large council's size, making model instances would cost more than the
    arithmetic.
    """
    start, end = period_bounds(period)
    children = (
        Child.objects.filter(
            council=council,
            support_plan__support__isnull=False,
            assessments__taken_at__gte=start,
            assessments__taken_at__lt=end,
        )
        .order_by()
        .values_list(
            "pk", "locality__slug", "locality__name", "setting__urn", "setting_id", "setting__name"
        )
        .distinct()
    )
    by_child = {
        pk: ChildHistory(
            child=pk,
            groups={
                "locality": (locality, locality_name),
                "setting": (setting_key_of(urn, setting), setting_name),
            },
        )
        for pk, locality, locality_name, urn, setting, setting_name in children
    }
    if not by_child:
        return []
    chosen = children.values("pk")
    figures = {}
    for code in AREA_CODES:
        figures[f"level_{code}"] = KT(f"profile__areas__{code}__level")
        figures[f"intensity_{code}"] = KT(f"profile__areas__{code}__intensity")
    rows = (
        AssessmentVersion.objects.filter(
            assessment__council=council,
            assessment__child_id__in=chosen,
            assessment__taken_at__lt=end,
        )
        .order_by("assessment_id", "-number")
        .annotate(**figures)
        .values_list(
            "assessment_id", "complete", "assessment__child_id", "assessment__taken_at", *figures
        )
        .iterator(chunk_size=5000)
    )
    previous = None
    for assessment_id, complete, child_id, taken_at, *values in rows:
        if assessment_id == previous:
            continue  # an older version
        previous = assessment_id
        if complete:
            by_child[child_id].assessments.append((taken_at, _read_figures(values)))
    for values in SupportItem.objects.filter(
        council=council, plan__child_id__in=chosen
    ).values_list("plan__child_id", "support_type", "area", "starts", "ends", "hours_per_week"):
        by_child[values[0]].items.append(Item(*values[1:]))
    for child_id, area, status, reviewed_at in Outcome.objects.filter(
        council=council, plan__child_id__in=chosen, reviewed_at__gte=start, reviewed_at__lt=end
    ).values_list("plan__child_id", "area", "status", "reviewed_at"):
        by_child[child_id].outcomes.append((area, status, reviewed_at))
    return list(by_child.values())


def _read_figures(values) -> dict:
    """``{area: (level, intensity)}`` from the text the database extracted, in AREA_CODES order."""
    return {
        code: _figures(*values[2 * index : 2 * index + 2]) for index, code in enumerate(AREA_CODES)
    }


def evaluate(council, period, by="council", found=None):
    """Unpublished figures of one council's quarter: ``[(key, label, {type: TypeFigures})]``.

    ``found`` are the quarter's :func:`histories`, when the caller has read them
    already (the dashboard groups them three ways).
    """
    start, end = period_bounds(period)
    if found is None:
        found = histories(council, period)
    if by == "council":
        return [({"council": council.slug}, council.name, support_figures(found, start, end))]
    groups = defaultdict(list)
    labels = {}
    for history in found:
        key, label = history.groups[by]
        groups[key].append(history)
        labels[key] = label
    return [
        ({"council": council.slug, by: key}, labels[key], support_figures(members, start, end))
        for key, members in sorted(groups.items(), key=lambda item: labels[item[0]])
    ]


def published(figures: TypeFigures, min_group: int) -> dict:
    """One type's figures as published: suppressed whole under ``min_group`` children."""
    if len(figures.children) < min_group:
        return {"suppressed": True}
    raw = figures.as_dict()
    return {
        "suppressed": False,
        "children": suppress_count(raw["children"]),
        "episodes": suppress_count(raw["episodes"]),
        "direction_counts": suppress_distribution(raw["direction_counts"]),
        "mean_hours": raw["mean_hours"],
        "outcomes": suppress_distribution(raw["outcomes"]),
    }


def publish(groups, min_group=None):
    """The response's groups, one per group and support type, with disclosure control.

    Within one support type the groups of a split (a council's localities)
    partition its children, and the council's own figures are published too;
    where exactly one group with children is hidden, the smallest shown one
    is hidden with it, so the hidden one cannot be had by subtraction.
    """
    min_group = vsend_settings.MIN_GROUP if min_group is None else min_group
    rows = []
    for support_type in scheme.SUPPORT_TYPE_CODES:
        members = [
            (key, label, type_figures[support_type])
            for key, label, type_figures in groups
            if support_type in type_figures
        ]
        shown = [published(figures, min_group) for _, _, figures in members]
        hidden = [index for index, figures in enumerate(shown) if figures["suppressed"]]
        visible = [index for index, figures in enumerate(shown) if not figures["suppressed"]]
        if len(members) > 1 and len(hidden) == 1 and visible:
            smallest = min(visible, key=lambda index: (len(members[index][2].children), index))
            shown[smallest] = {"suppressed": True}
        for (key, label, _), figures in zip(members, shown, strict=True):
            rows.append({"key": {**key, "support_type": support_type}, "label": label, **figures})
    return rows
