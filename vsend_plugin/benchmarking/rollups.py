"""Rollups: each council's figures per quarter and dimension, as ``aggregate()`` gives them.

A quarter's rollups are always recomputed whole, from the newest version of
every assessment in it: that is exact whatever changed (a new assessment, a
family's new version, a child moving setting) and cheap enough to do after
every assessment, because one council's quarter is a bounded amount of data.
``vsend_rollup`` and the nightly task recompute every council, each in one
pass: one query streams the newest version of each of its assessments in
time order, and each quarter is aggregated as soon as it has been read.

Groups are placed as the figures count children: by the child's locality and
setting, and by the band and primary area of their latest complete profile in
the quarter (children with none are only counted as excluded, in the council
and in their locality and setting). Every group of the quarter is aggregated
at once by :func:`~vsend_plugin.scoring.aggregate_groups`, which works out
each child once and equals ``aggregate()`` of each group's records.
"""

import gc
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import ExtractQuarter, ExtractYear, TruncQuarter
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
    aggregate_groups,
)

from .disclosure import publish_partition
from .models import Dimension, Rollup
from .periods import period_bounds, period_of, period_sort_key

ROLLUP_TASK = "vsend.benchmarking.update_rollup"

#: Key of the primary-area group of children whose profile has no area above level 0.
NO_PRIMARY_AREA = "none"

#: Rows read from the database at a time while a council's assessments stream past.
CHUNK = 5000


def min_group() -> int:
    return vsend_settings.MIN_GROUP


@contextmanager
def cyclic_collection_paused():
    """Python's cycle collector off while a council's records are read and aggregated.

    A quarter's records are many small objects that all live until it is
    aggregated, and none of them is in a cycle; the collector would walk
    every one again each time enough new ones were made: about a third of a
    rebuild's time at 1,000,000 assessments. Objects are still freed as
    soon as nothing refers to them; cycles made meanwhile wait for the next
    collection after this. (The switch is the process's: other threads run
    without the collector for those seconds too.)
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def setting_key(setting) -> str:
    """How a setting is named in a benchmark key: its URN, or its id when it has none."""
    return setting_key_of(setting.urn, setting.pk)


def setting_key_of(urn, pk) -> str:
    """:func:`setting_key` from the two values, for readers of plain rows."""
    return urn or f"setting-{pk}"


@dataclass(frozen=True)
class Group:
    #: How :func:`~vsend_plugin.scoring.aggregate_groups` knows the group: (dimension, id).
    id: tuple
    key: str
    label: str
    #: A group of another dimension this one lies inside (a setting's locality), if any.
    inside: object = None


def newest_versions(council, start=None, end=None):
    """``(period, record)`` of the newest version of each of the council's assessments.

    Only assessments taken in ``[start, end)`` when given. Streamed in the
    order the assessments were taken, so that a reader can finish a quarter
    as soon as the next one begins, and each profile is read as it arrives.
    A record's ``taken_at`` is its place in that order (by time, then by
    assessment, so two assessments of a child at one moment keep one order):
    all that aggregates need of it. The quarter is worked out by the database
    in the project's time zone, as :func:`periods_with_assessments` does.
    """
    zone = timezone.get_default_timezone()
    newer = AssessmentVersion.objects.filter(
        assessment_id=OuterRef("assessment_id"), scheme=SCHEME, number__gt=OuterRef("number")
    )
    versions = AssessmentVersion.objects.filter(assessment__council=council, scheme=SCHEME)
    if start is not None:
        versions = versions.filter(assessment__taken_at__gte=start, assessment__taken_at__lt=end)
    rows = (
        versions.filter(~Exists(newer))
        .annotate(
            year=ExtractYear("assessment__taken_at", tzinfo=zone),
            quarter=ExtractQuarter("assessment__taken_at", tzinfo=zone),
        )
        .order_by("assessment__taken_at", "assessment_id")
        .values_list("assessment__child_id", "year", "quarter", "profile")
        .iterator(chunk_size=CHUNK)
    )
    quarter_read, period = None, None
    for position, (child_id, year, quarter, profile) in enumerate(rows):
        if quarter_read != (year, quarter):
            quarter_read, period = (year, quarter), f"{year}-Q{quarter}"
        yield period, AssessmentRecord(child_id, position, Profile.from_dict(profile))


def council_records(council, period):
    """The newest version of each of the council's assessments in the quarter, as records."""
    return [record for _, record in newest_versions(council, *period_bounds(period))]


def records_by_quarter(council):
    """``(period, records)`` of every quarter in which the council has records, oldest first."""
    for period, rows in groupby(newest_versions(council), key=itemgetter(0)):
        yield period, [record for _, record in rows]


class CouncilGroups:
    """A council's groups in every dimension, and where each of its children goes."""

    def __init__(self, council):
        self.council = council
        localities = council.localities.order_by("name")
        settings_ = council.settings.order_by("name")
        self.dimensions = {
            Dimension.COUNCIL: [Group((Dimension.COUNCIL, None), "", council.name)],
            Dimension.LOCALITY: [
                Group((Dimension.LOCALITY, loc.pk), loc.slug, loc.name) for loc in localities
            ],
            Dimension.SETTING: [
                Group((Dimension.SETTING, s.pk), setting_key(s), s.name, inside=s.locality_id)
                for s in settings_
            ],
            Dimension.PRIMARY_AREA: [
                *(Group((Dimension.PRIMARY_AREA, a.code), a.code, a.name) for a in AREAS),
                Group((Dimension.PRIMARY_AREA, None), NO_PRIMARY_AREA, "No area above level 0"),
            ],
            Dimension.BAND: [
                Group((Dimension.BAND, b.code), b.code, f"Band {b.code}: {b.meaning}")
                for b in BANDS
            ],
        }
        self.ids = [group.id for groups in self.dimensions.values() for group in groups]
        whole = (Dimension.COUNCIL, None)
        self.children = {
            pk: (whole, (Dimension.LOCALITY, locality_id), (Dimension.SETTING, setting_id))
            for pk, locality_id, setting_id in Child.objects.filter(council=council).values_list(
                "pk", "locality_id", "setting_id"
            )
        }

    def place(self, child, latest):
        """The groups a child is in: by where they are, and by the profile they count by."""
        if latest is None:
            return self.children[child]
        return (
            *self.children[child],
            (Dimension.PRIMARY_AREA, latest.primary_area),
            (Dimension.BAND, latest.band),
        )

    def rollups(self, period, records, computed_at):
        """The quarter's rollups, unsaved: every group aggregated, then published."""
        found = aggregate_groups(records, self.place, self.ids, min_group=min_group())
        whole = found[(Dimension.COUNCIL, None)]
        rollups = []
        for dimension, groups in self.dimensions.items():
            figures = publish_partition(
                [found[group.id] for group in groups], within=_nested(groups), whole=whole
            )
            rollups += [
                Rollup(
                    council=self.council,
                    scheme=SCHEME,
                    period=period,
                    dimension=dimension,
                    group=group.key,
                    label=group.label,
                    position=position,
                    figures=published,
                    computed_at=computed_at,
                )
                for position, (group, published) in enumerate(zip(groups, figures, strict=True))
            ]
        return rollups


def compute(council, period):
    """The council's rollups for the quarter, unsaved."""
    return CouncilGroups(council).rollups(period, council_records(council, period), timezone.now())


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
    with transaction.atomic(), cyclic_collection_paused():
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
    """Recompute every quarter of every council given (all by default), a council at a time.

    Rollups of quarters that no longer have any assessment are removed.
    ``progress(done, total, council, period)`` is called for each quarter
    once its council is stored. Returns the number of rollups stored.
    """
    councils = list(councils if councils is not None else Council.objects.order_by("name"))
    total = sum(len(periods_with_assessments(council)) for council in councils) if progress else 0
    stored = done = 0
    for council in councils:
        periods, count = rebuild_council(council.pk)
        stored += count
        for period in periods:
            done += 1
            if progress:
                progress(done, max(total, done), council, period)
    return stored


def rebuild_council(council_id):
    """Recompute and store every quarter of one council in one pass: ``(periods, rollups stored)``.

    Under the council's lock, as :func:`update_rollup`: the quarters are
    listed, the assessments read and the rollups replaced with nothing of
    the council's changing in between. An assessment recorded while a
    rebuild runs elsewhere has its quarter stored by its own task, after this
    council's rebuild commits, so a rebuild never undoes its work.
    """
    with transaction.atomic(), cyclic_collection_paused():
        council = Council.objects.select_for_update().filter(pk=council_id).first()
        if council is None:
            return [], 0
        groups = CouncilGroups(council)
        computed_at = timezone.now()
        rollups = {
            period: groups.rollups(period, records, computed_at)
            for period, records in records_by_quarter(council)
        }
        for period in periods_with_assessments(council):
            # A quarter whose assessments have no version of this scheme: every group is empty.
            if period not in rollups:
                rollups[period] = groups.rollups(period, [], computed_at)
        periods = sorted(rollups, key=period_sort_key)
        Rollup.objects.filter(council=council).filter(
            Q(scheme=SCHEME) | ~Q(period__in=periods)
        ).delete()
        stored = Rollup.objects.bulk_create(
            [rollup for period in periods for rollup in rollups[period]], batch_size=CHUNK
        )
    return periods, len(stored)


def queue_rollup_after(version):
    """After an assessment (or a new version of it) commits, update its council's quarter."""
    assessment = version.assessment
    outbox.enqueue(ROLLUP_TASK, assessment.council_id, period_of(assessment.taken_at))
