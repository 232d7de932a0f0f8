"""Benchmark figures worked out the plain way, to check the stored rollups against.

Nothing here uses :mod:`vsend_plugin.benchmarking.rollups`: assessments are
read one by one through the ORM (the newest version of each), put in their
quarter by London's calendar, split into groups by hand, and each group is
given to :func:`vsend_plugin.scoring.aggregate`, the one definition of every
figure. Only the suppression across a dimension's groups is taken from
:func:`vsend_plugin.benchmarking.disclosure.publish_partition`, whose
guarantees the disclosure tests check on their own.
"""

from zoneinfo import ZoneInfo

from django.conf import settings

from vsend_plugin.assessments.models import Assessment
from vsend_plugin.benchmarking.disclosure import publish_partition
from vsend_plugin.benchmarking.models import Dimension, Rollup
from vsend_plugin.scoring import AREAS, BANDS, SCHEME, AssessmentRecord, aggregate

LONDON = ZoneInfo("Europe/London")
COUNTS = ("band_counts", "trend_counts")


def quarter(moment):
    local = moment.astimezone(LONDON)
    return f"{local.year}-Q{(local.month + 2) // 3}"


def quarters(council):
    return {
        quarter(taken_at)
        for taken_at in Assessment.objects.filter(council=council).values_list(
            "taken_at", flat=True
        )
    }


def records(council, period):
    """``[(child, record)]``: the newest version of each of the council's assessments in it."""
    found = []
    for assessment in Assessment.objects.filter(council=council).select_related(
        "child__locality", "child__setting"
    ):
        if quarter(assessment.taken_at) != period:
            continue
        version = assessment.versions.filter(scheme=SCHEME).order_by("-number").first()
        if version is not None:
            found.append(
                (
                    assessment.child,
                    AssessmentRecord(
                        assessment.child.pk, (assessment.taken_at, assessment.pk), version.profile
                    ),
                )
            )
    return found


def groups(council, period):
    """``{dimension: [(key, label, records)]}``, each dimension's groups in their order."""
    found = records(council, period)
    latest_complete = {}
    for child, record in sorted(found, key=lambda item: item[1].taken_at):
        if record.profile["complete"]:
            latest_complete[child.pk] = record.profile

    def members(belongs):
        return [record for child, record in found if belongs(child)]

    def by_profile(field, value):
        return members(
            lambda child: child.pk in latest_complete and latest_complete[child.pk][field] == value
        )

    return {
        Dimension.COUNCIL: [("", council.name, members(lambda child: True))],
        Dimension.LOCALITY: [
            (
                locality.slug,
                locality.name,
                members(lambda child, pk=locality.pk: child.locality_id == pk),
            )
            for locality in council.localities.order_by("name")
        ],
        Dimension.SETTING: [
            (
                setting.urn or f"setting-{setting.pk}",
                setting.name,
                members(lambda child, pk=setting.pk: child.setting_id == pk),
            )
            for setting in council.settings.order_by("name")
        ],
        Dimension.PRIMARY_AREA: [
            (area.code, area.name, by_profile("primary_area", area.code)) for area in AREAS
        ]
        + [("none", "No area above level 0", by_profile("primary_area", None))],
        Dimension.BAND: [
            (band.code, f"Band {band.code}: {band.meaning}", by_profile("band", band.code))
            for band in BANDS
        ],
    }


def raw_aggregates(council, period):
    """``{dimension: [(key, label, Aggregate)]}`` before suppression across groups."""
    return {
        dimension: [
            (key, label, aggregate(members, min_group=settings.VSEND_MIN_GROUP))
            for key, label, members in dimension_groups
        ]
        for dimension, dimension_groups in groups(council, period).items()
    }


def expected(council, period):
    """``{dimension: [(key, label, published figures)]}`` as the rollups should store them."""
    found = {}
    raw = raw_aggregates(council, period)
    (whole,) = [aggregate_ for _, _, aggregate_ in raw[Dimension.COUNCIL]]
    for dimension, aggregates in raw.items():
        published = publish_partition(
            [aggregate_ for _, _, aggregate_ in aggregates],
            within=nested(council, dimension),
            whole=whole,
        )
        found[dimension] = [
            (key, label, figures)
            for (key, label, _), figures in zip(aggregates, published, strict=True)
        ]
    return found


def nested(council, dimension):
    """Positions of the settings of each locality: they add up to the locality too."""
    if dimension != Dimension.SETTING:
        return []
    by_locality = {}
    for position, setting in enumerate(council.settings.order_by("name")):
        by_locality.setdefault(setting.locality_id, []).append(position)
    return list(by_locality.values())


def stored(council, period):
    """``{dimension: [(key, label, figures)]}`` as the rollups are stored, in position order."""
    found = {dimension: [] for dimension in Dimension.values}
    for rollup in Rollup.objects.filter(council=council, scheme=SCHEME, period=period).order_by(
        "dimension", "position"
    ):
        found[rollup.dimension].append((rollup.group, rollup.label, rollup.figures))
    return found


def assert_published_from(raw, figures):
    """Shown figures are ``raw``'s own, with at most some more counts above zero hidden."""
    if figures == {"suppressed": True}:
        return
    assert not raw.suppressed, f"a group of {raw.children} children was shown"
    plain = raw.as_dict()
    assert {key: value for key, value in figures.items() if key not in COUNTS + ("excluded",)} == {
        key: value for key, value in plain.items() if key not in COUNTS + ("excluded",)
    }
    cells = [("excluded", figures["excluded"], plain["excluded"])] + [
        (f"{field}.{label}", count, plain[field][label])
        for field in COUNTS
        for label, count in figures[field].items()
    ]
    for name, published, own in cells:
        assert published == own or (published is None and own != 0), (
            f"{name}: published {published}, the group's own figure is {own}"
        )


def assert_rollups_match(council, period):
    """The stored rollups are the figures worked out here, for every dimension."""
    want, have = expected(council, period), stored(council, period)
    raw = raw_aggregates(council, period)
    for dimension in Dimension.values:
        assert [key for key, _, _ in have[dimension]] == [key for key, _, _ in want[dimension]], (
            f"{council.slug} {period} {dimension}: groups differ"
        )
        for (key, label, figures), (_, want_label, want_figures), (_, _, raw_aggregate) in zip(
            have[dimension], want[dimension], raw[dimension], strict=True
        ):
            assert label == want_label
            assert figures == want_figures, f"{council.slug} {period} {dimension} {key!r}"
            assert_published_from(raw_aggregate, figures)
    (council_group,) = raw[Dimension.COUNCIL]
    assert have[Dimension.COUNCIL][0][2] == council_group[2].as_dict()
