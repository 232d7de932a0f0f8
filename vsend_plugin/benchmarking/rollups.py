"""Rollups: each council's figures per quarter and dimension, from ``aggregate()``.

A rollup is always recomputed whole for one council and one quarter, from the
newest version of every assessment in it: that is exact whatever changed (a
new assessment, a family's new version, a child moving setting) and cheap
enough to do after every assessment, because one council's quarter is a
bounded amount of data. ``vsend_rollup`` and the nightly task recompute every
council and quarter.

Groups are placed as the figures count children: by the child's locality and
setting, and by the band and primary area of their latest complete profile in
the quarter (children with none are only counted as excluded, in the council
and in their locality and setting).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models.functions import TruncQuarter
from django.utils import timezone

from vsend_plugin.assessments.models import Assessment, AssessmentVersion, Child
from vsend_plugin.conf import vsend_settings
from vsend_plugin.core import outbox
from vsend_plugin.core.models import Council
from vsend_plugin.scoring import (
    AREAS,
    BANDS,
    SCHEME,
    AssessmentRecord,
    Profile,
    aggregate,
    complete_histories,
)

from .disclosure import publish_partition
from .models import Dimension, Rollup
from .periods import period_bounds, period_of, period_sort_key

ROLLUP_TASK = "vsend.benchmarking.update_rollup"

#: Key of the primary-area group of children whose profile has no area above level 0.
NO_PRIMARY_AREA = "none"


def min_group() -> int:
    return vsend_settings.MIN_GROUP


def setting_key(setting) -> str:
    """How a setting is named in a benchmark key: its URN, or its id when it has none."""
    return setting_key_of(setting.urn, setting.pk)


def setting_key_of(urn, pk) -> str:
    """:func:`setting_key` from the two values, for readers of plain rows."""
    return urn or f"setting-{pk}"


@dataclass
class Group:
    key: str
    label: str
    records: list = field(default_factory=list)
    #: A group of another dimension this one lies inside (a setting's locality), if any.
    inside: object = None


def council_records(council, period):
    """The newest version of each of the council's assessments in the quarter, as records."""
    start, end = period_bounds(period)
    rows = (
        AssessmentVersion.objects.filter(
            assessment__council=council,
            assessment__taken_at__gte=start,
            assessment__taken_at__lt=end,
            scheme=SCHEME,
        )
        .order_by()
        .values_list(
            "assessment_id", "number", "assessment__child_id", "assessment__taken_at", "profile"
        )
        .iterator(chunk_size=5000)
    )
    newest = {}
    for assessment_id, number, child_id, taken_at, profile in rows:
        if assessment_id not in newest or newest[assessment_id][0] < number:
            newest[assessment_id] = (number, child_id, taken_at, profile)
    return [
        AssessmentRecord(child_id, (taken_at, assessment_id), Profile.from_dict(profile))
        for assessment_id, (_, child_id, taken_at, profile) in newest.items()
    ]


def _groups(council, records):
    """Every dimension's groups, in the order they are shown, with their records."""
    children = {
        pk: (locality_id, setting_id)
        for pk, locality_id, setting_id in Child.objects.filter(council=council).values_list(
            "pk", "locality_id", "setting_id"
        )
    }
    _, histories = complete_histories(records)
    latest = {child: profiles[-1] for child, profiles in histories.items() if profiles}

    localities = {loc.pk: Group(loc.slug, loc.name) for loc in council.localities.order_by("name")}
    settings_ = {
        s.pk: Group(setting_key(s), s.name, inside=s.locality_id)
        for s in council.settings.order_by("name")
    }
    areas = {area.code: Group(area.code, area.name) for area in AREAS}
    areas[None] = Group(NO_PRIMARY_AREA, "No area above level 0")
    bands = {band.code: Group(band.code, f"Band {band.code}: {band.meaning}") for band in BANDS}

    for record in records:
        locality_id, setting_id = children[record.child]
        localities[locality_id].records.append(record)
        settings_[setting_id].records.append(record)
        profile = latest.get(record.child)
        if profile is not None:
            areas[profile.primary_area].records.append(record)
            bands[profile.band].records.append(record)
    return {
        Dimension.COUNCIL: [Group("", council.name, records)],
        Dimension.LOCALITY: list(localities.values()),
        Dimension.SETTING: list(settings_.values()),
        Dimension.PRIMARY_AREA: list(areas.values()),
        Dimension.BAND: list(bands.values()),
    }


def compute(council, period):
    """The council's rollups for the quarter, unsaved."""
    threshold = min_group()
    now = timezone.now()
    rollups = []
    groups_by_dimension = _groups(council, council_records(council, period))
    (whole,) = [
        aggregate(group.records, min_group=threshold)
        for group in groups_by_dimension[Dimension.COUNCIL]
    ]
    for dimension, groups in groups_by_dimension.items():
        figures = publish_partition(
            [aggregate(group.records, min_group=threshold) for group in groups],
            within=_nested(groups),
            whole=whole,
        )
        rollups += [
            Rollup(
                council=council,
                scheme=SCHEME,
                period=period,
                dimension=dimension,
                group=group.key,
                label=group.label,
                position=position,
                figures=published,
                computed_at=now,
            )
            for position, (group, published) in enumerate(zip(groups, figures, strict=True))
        ]
    return rollups


def _nested(groups):
    """Positions of the groups lying inside each group of another dimension."""
    inside = defaultdict(list)
    for position, group in enumerate(groups):
        if group.inside is not None:
            inside[group.inside].append(position)
    return list(inside.values())


def update_rollup(council_id, period):
    """Recompute and store one council's quarter. Safe to run twice or at once.

    The council's row is locked while the quarter is read and written, so two
    updates of one council run one after the other and the later one reads
    what the earlier one's assessment committed.
    """
    with transaction.atomic():
        council = Council.objects.select_for_update().filter(pk=council_id).first()
        if council is None:
            return 0
        rollups = compute(council, period)
        Rollup.objects.filter(council=council, scheme=SCHEME, period=period).delete()
        Rollup.objects.bulk_create(rollups)
    return len(rollups)


def periods_with_assessments(council):
    """The quarters in which the council has any assessment, oldest first."""
    starts = (
        Assessment.objects.filter(council=council)
        .annotate(quarter=TruncQuarter("taken_at", tzinfo=timezone.get_default_timezone()))
        .order_by("quarter")
        .values_list("quarter", flat=True)
        .distinct()
    )
    return sorted({period_of(start) for start in starts}, key=period_sort_key)


def rebuild(councils=None, *, progress=None):
    """Recompute every quarter of every council given (all by default).

    Rollups of quarters that no longer have any assessment are removed.
    ``progress(done, total, council, period)`` is called after each quarter.
    Returns the number of rollups stored.
    """
    councils = list(councils if councils is not None else Council.objects.order_by("name"))
    work = [
        (council, period) for council in councils for period in periods_with_assessments(council)
    ]
    stored = 0
    for done, (council, period) in enumerate(work, start=1):
        stored += update_rollup(council.pk, period)
        if progress:
            progress(done, len(work), council, period)
    for council in councils:
        remove_empty_quarters(council.pk)
    return stored


def remove_empty_quarters(council_id):
    """Remove the council's rollups of quarters that no longer have any assessment.

    The quarters are read afresh under the council's lock, not taken from the
    start of a rebuild: an assessment recorded in a new quarter meanwhile has
    had its rollups stored by its own task, and they must stay.
    """
    with transaction.atomic():
        council = Council.objects.select_for_update().filter(pk=council_id).first()
        if council is not None:
            Rollup.objects.filter(council=council).exclude(
                period__in=periods_with_assessments(council)
            ).delete()


def queue_rollup_after(version):
    """After an assessment (or a new version of it) commits, update its council's quarter."""
    assessment = version.assessment
    outbox.enqueue(ROLLUP_TASK, assessment.council_id, period_of(assessment.taken_at))
