"""Benchmark aggregates over a group of children.

Benchmarks compare councils, localities and settings, so the unit is the
child, not the assessment: a child assessed four times in a quarter must not
weigh four times as much as a child assessed once. Each child counts once,
through their latest complete assessment in the period.

The caller chooses the group and the period (a council, a locality, a
setting, a quarter) and passes only that group's records; this module never
sees where they came from. All figures are computed from stored profiles, so
rollups need neither the raw ratings nor a database.
"""

import json
from collections import defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Any, NamedTuple

from .comparison import TRENDS, as_profile, compare
from .correlation import spearman
from .disclosure import (
    DEFAULT_MIN_GROUP,
    MIN_GROUP_FLOOR,
    check_min_group,
    suppress_count,
    suppress_distribution,
)
from .errors import ScoringError
from .profile import Profile
from .rounding import EXACT, as_float, round_fraction
from .scheme import AREA_CODES, BAND_CODES, SCHEME

__all__ = [
    "DEFAULT_MIN_GROUP",
    "MIN_GROUP_FLOOR",
    "Aggregate",
    "AreaAverages",
    "AssessmentRecord",
    "aggregate",
    "complete_histories",
]


class AssessmentRecord(NamedTuple):
    """One stored assessment as a rollup sees it.

    ``child`` is any hashable identifier, ``taken_at`` any value that orders
    assessments in time (a datetime, a date, a sequence number), and
    ``profile`` a :class:`Profile` or its ``as_dict()`` output.
    """

    child: Hashable
    taken_at: Any
    profile: Profile | Mapping


@dataclass(frozen=True, slots=True)
class AreaAverages:
    """Means over the counted children for one area, two-place Decimals.

    Each mean is over the children for whom the value is known (a gap needs
    a provision rating, for instance) and is ``None`` when no child has one.
    """

    code: str
    level: Decimal | None
    intensity: Decimal | None
    gap: Decimal | None
    family_confidence: Decimal | None

    def as_dict(self) -> dict:
        return {
            "level": as_float(self.level),
            "intensity": as_float(self.intensity),
            "gap": as_float(self.gap),
            "family_confidence": as_float(self.family_confidence),
        }


@dataclass(frozen=True, slots=True)
class Aggregate:
    """The figures for one group, before and after disclosure control.

    The ``raw_*`` counts are exact and for internal use only (tests,
    diagnostics). What may be published is :meth:`as_dict`, and the
    ``excluded``, ``band_counts`` and ``trend_counts`` properties, which
    apply the same disclosure control.
    """

    scheme: str
    min_group: int
    children: int
    raw_excluded: int
    raw_band_counts: Mapping[str, int]
    areas: Mapping[str, AreaAverages]
    alignment: Decimal | None
    raw_trend_counts: Mapping[str, int]

    @property
    def suppressed(self) -> bool:
        """Whether the group is too small to show any figure at all."""
        return self.children < self.min_group

    @property
    def excluded(self) -> int | None:
        """Children with no complete assessment, as published."""
        return None if self.suppressed else suppress_count(self.raw_excluded)

    @property
    def band_counts(self) -> dict | None:
        """Counted children per band, as published."""
        return None if self.suppressed else suppress_distribution(self.raw_band_counts)

    @property
    def trend_counts(self) -> dict | None:
        """Children per trend between first and last assessment, as published."""
        return None if self.suppressed else suppress_distribution(self.raw_trend_counts)

    def as_dict(self) -> dict:
        """The publishable figures; ``{"suppressed": True}`` alone for a small group.

        The caller adds the group's ``key``.
        """
        if self.suppressed:
            return {"suppressed": True}
        return {
            "suppressed": False,
            "children": self.children,
            "excluded": self.excluded,
            "band_counts": self.band_counts,
            "areas": {code: averages.as_dict() for code, averages in self.areas.items()},
            "alignment": as_float(self.alignment),
            "trend_counts": self.trend_counts,
        }


def aggregate(records, *, min_group: int = DEFAULT_MIN_GROUP) -> Aggregate:
    """Aggregate one group's assessment records for one period.

    - Each child counts once, through their latest complete assessment (by
      ``taken_at``); an incomplete assessment made after it does not hide it.
    - ``excluded`` is the number of children who appear in the records but
      have no complete assessment at all, so ``children + excluded`` is every
      child in the records. Children, not assessments, because the unit of a
      benchmark is the child.
    - ``trend_counts`` compares, for each child with two or more complete
      assessments, the first with the last.
    - Assessments of one child with the same ``taken_at`` are put in a fixed
      order by their content, so the result never depends on record order.

    Raises :class:`ScoringError` on field ``scheme`` when the records mix
    schemes, and on field ``min_group`` when it is below
    :data:`MIN_GROUP_FLOOR`.
    """
    min_group = check_min_group(min_group)
    scheme, histories = complete_histories(records)

    counted = []
    excluded = 0
    trend_counts = dict.fromkeys(TRENDS, 0)
    for complete in histories.values():
        if not complete:
            excluded += 1
            continue
        first, latest = complete[0], complete[-1]
        counted.append(latest)
        if len(complete) > 1:
            trend_counts[compare(first, latest).trend] += 1

    band_counts = dict.fromkeys(BAND_CODES, 0)
    for profile in counted:
        band_counts[profile.band] += 1

    return Aggregate(
        scheme=scheme,
        min_group=min_group,
        children=len(counted),
        raw_excluded=excluded,
        raw_band_counts=MappingProxyType(band_counts),
        areas=MappingProxyType({code: _area_averages(code, counted) for code in AREA_CODES}),
        alignment=spearman(_level_provision_pairs(counted)),
        raw_trend_counts=MappingProxyType(trend_counts),
    )


def complete_histories(records):
    """``(scheme, {child: [complete profiles, oldest first]})`` for a group's records.

    Every child in the records has an entry; a child with no complete
    assessment has an empty list. The last profile of a list is the one
    :func:`aggregate` counts the child by, so a caller that splits children
    into groups by band or primary area places them exactly as the figures
    count them. Profile dicts are read once here; pass the returned profiles
    (as records) to :func:`aggregate` to avoid reading them again.
    """
    scheme, assessments_by_child = _group_by_child(records)
    return scheme, {
        child: [
            profile
            for _, profile in _chronological([item for item in assessments if item[1].complete])
        ]
        for child, assessments in assessments_by_child.items()
    }


def _group_by_child(records):
    assessments_by_child = defaultdict(list)
    schemes = set()
    for record in records:
        child, taken_at, profile = record
        profile = as_profile(profile)
        schemes.add(profile.scheme)
        assessments_by_child[child].append((taken_at, profile))
    if len(schemes) > 1:
        raise ScoringError.single(
            "scheme",
            "Only profiles of the same scheme can be aggregated together; got "
            f"{', '.join(sorted(schemes))}.",
        )
    return (schemes.pop() if schemes else SCHEME), assessments_by_child


def _chronological(assessments):
    ordered = sorted(assessments, key=lambda item: item[0])
    if any(earlier[0] == later[0] for earlier, later in zip(ordered, ordered[1:], strict=False)):
        ordered = sorted(assessments, key=lambda item: (item[0], _content_key(item[1])))
    return ordered


def _content_key(profile: Profile) -> str:
    return json.dumps(profile.as_dict(), sort_keys=True)


def _area_averages(code: str, profiles) -> AreaAverages:
    results = [profile.areas[code] for profile in profiles]
    return AreaAverages(
        code=code,
        level=_mean(result.level for result in results),
        intensity=_mean(result.intensity for result in results),
        gap=_mean(result.gap for result in results),
        family_confidence=_mean(result.family_confidence for result in results),
    )


def _mean(values) -> Decimal | None:
    """The mean of the known values, rounded half-up to two places, exactly."""
    total = Decimal(0)
    count = 0
    for value in values:
        if value is not None:
            total = EXACT.add(total, value)
            count += 1
    if not count:
        return None
    return round_fraction(Fraction(total) / count)


def _level_provision_pairs(profiles):
    return [
        (result.level, result.provision)
        for profile in profiles
        for result in profile.areas.values()
        if result.level is not None and result.provision is not None
    ]
