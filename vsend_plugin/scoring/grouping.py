"""Aggregating many groups of one population at once.

A council's rollups split its children five ways (the whole council, its
localities, settings, primary areas and bands), so calling
:func:`~vsend_plugin.scoring.aggregate` for each group reads every child's
history five times. :func:`aggregate_groups` works each child out once (their
latest complete profile, their trend, what they add to every mean and to the
alignment) and then only adds up the children of each group.

Every sum is of whole numbers (intensities are two-place decimals, so they
are added as hundredths) and every mean is rounded as ``aggregate()`` rounds
it, so each group's :class:`~vsend_plugin.scoring.Aggregate` is equal to
``aggregate()`` of its children's records, figure for figure. The tests in
``tests/scoring`` check that on random populations and on the conformance
vectors' profiles.
"""

from collections import Counter
from decimal import Decimal
from functools import lru_cache
from itertools import chain
from types import MappingProxyType
from typing import NamedTuple

from .aggregates import (
    DEFAULT_MIN_GROUP,
    Aggregate,
    AreaAverages,
    _area_averages,
    complete_histories,
)
from .comparison import TRENDS, trend
from .correlation import spearman_of_counts
from .disclosure import check_min_group
from .rounding import EXACT, round_ratio
from .scheme import AREA_CODES, BAND_CODES, SCHEME

__all__ = ["aggregate_groups"]

#: What one area adds to a group, as whole numbers: a sum and a count for each of
#: level, intensity (in hundredths), gap and family confidence.
_PER_AREA = 8


class _Child(NamedTuple):
    """What one child adds to each group they are placed in."""

    #: The complete profile the child is counted by; None for an excluded child.
    latest: object
    #: The trend from their first to their latest complete profile, if they have two or more.
    trend: str | None
    #: ``_PER_AREA`` whole numbers per area, in canonical order; None when an intensity is
    #: not a whole number of hundredths (then the group's means are worked out the long way).
    sums: tuple | None
    #: ``(level, provision)`` of each area where both are known, for the alignment.
    pairs: tuple


def aggregate_groups(records, place, groups, *, min_group: int = DEFAULT_MIN_GROUP) -> dict:
    """``{group: Aggregate}`` for each of ``groups`` (keys, in the order given).

    ``place(child, latest)`` returns the keys of the groups a child of the
    records belongs to, each at most once; ``latest`` is the complete profile
    the child is counted by, or ``None`` when they have none (they are then
    counted as excluded in the groups named). Each group's aggregate is equal
    to :func:`~vsend_plugin.scoring.aggregate` of the records of the children
    placed in it, a group nobody is placed in to ``aggregate([])``.

    All records must be of one scheme: :class:`ScoringError` on field
    ``scheme`` otherwise (``aggregate()`` raises it for any group holding
    two), and on field ``min_group`` when it is below the floor.
    """
    min_group = check_min_group(min_group)
    scheme, histories = complete_histories(records)
    members = {group: [] for group in groups}
    for child, complete in histories.items():
        contribution = _contribution(complete)
        for group in place(child, contribution.latest):
            members[group].append(contribution)
    return {
        group: _aggregate(scheme if children else SCHEME, children, min_group)
        for group, children in members.items()
    }


def _contribution(complete) -> _Child:
    if not complete:
        return _EXCLUDED
    first, latest = complete[0], complete[-1]
    sums = []
    for code in AREA_CODES:
        area = latest.areas[code]
        hundredths = None if area.intensity is None else _hundredths(area.intensity)
        if hundredths is False:
            sums = None
            break
        sums += _known(area.level)
        sums += _known(hundredths)
        sums += _known(area.gap)
        sums += _known(area.family_confidence)
    return _Child(
        latest=latest,
        trend=trend(first.band, latest.band) if len(complete) > 1 else None,
        sums=None if sums is None else tuple(sums),
        pairs=tuple(
            (area.level, area.provision)
            for area in latest.areas.values()
            if area.level is not None and area.provision is not None
        ),
    )


_EXCLUDED = _Child(latest=None, trend=None, sums=(), pairs=())


def _known(value) -> tuple:
    """A value and whether it is known, as two whole numbers to add up."""
    return (0, 0) if value is None else (value, 1)


@lru_cache(maxsize=1024)
def _hundredths(value: Decimal) -> int | bool:
    """A two-place decimal as a whole number of hundredths; False if it has more places."""
    hundredths = value.scaleb(2, EXACT)
    return int(hundredths) if hundredths == hundredths.to_integral_value() else False


def _aggregate(scheme, children, min_group) -> Aggregate:
    counted = [child for child in children if child.latest is not None]
    band_counts = dict.fromkeys(BAND_CODES, 0)
    trend_counts = dict.fromkeys(TRENDS, 0)
    for child in counted:
        band_counts[child.latest.band] += 1
        if child.trend is not None:
            trend_counts[child.trend] += 1
    return Aggregate(
        scheme=scheme,
        min_group=min_group,
        children=len(counted),
        raw_excluded=len(children) - len(counted),
        raw_band_counts=MappingProxyType(band_counts),
        areas=MappingProxyType(_area_means(counted)),
        alignment=spearman_of_counts(
            Counter(chain.from_iterable(child.pairs for child in counted))
        ),
        raw_trend_counts=MappingProxyType(trend_counts),
    )


def _area_means(counted) -> dict:
    if any(child.sums is None for child in counted):
        profiles = [child.latest for child in counted]
        return {code: _area_averages(code, profiles) for code in AREA_CODES}
    totals = [sum(column) for column in zip(*(child.sums for child in counted), strict=True)]
    if not totals:
        totals = [0] * (_PER_AREA * len(AREA_CODES))
    means = {}
    for position, code in enumerate(AREA_CODES):
        level, levels, intensity, intensities, gap, gaps, confidence, confidences = totals[
            _PER_AREA * position : _PER_AREA * (position + 1)
        ]
        means[code] = AreaAverages(
            code=code,
            level=_mean(level, levels),
            intensity=_mean(intensity, 100 * intensities),
            gap=_mean(gap, gaps),
            family_confidence=_mean(confidence, confidences),
        )
    return means


def _mean(total: int, count: int) -> Decimal | None:
    """``total / count`` rounded half-up to two places, as ``aggregate()`` rounds its means.

    Its means are ``round_fraction(sum / count)`` of exact decimals, and
    rounding a ratio does not depend on the terms it is written in, so
    ``round_ratio`` of the whole-number sum and count gives the same figure.
    """
    return round_ratio(total, count) if count else None
