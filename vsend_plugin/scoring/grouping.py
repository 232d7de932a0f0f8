"""Aggregating many groups of one population at once.

A council's rollups split its children five ways (the whole council, its
localities, settings, primary areas and bands), so calling
:func:`~vsend_plugin.scoring.aggregate` for each group reads every child's
history five times. :func:`aggregate_groups` works each child out once (their
latest complete profile, their trend, what they add to every mean and to the
alignment) as a row of whole numbers, adds up the rows of children placed in
the same groups, and then adds those totals up for each group.

Every figure of an aggregate can be worked out from such sums: counts are
sums, each mean is a sum over a count (intensities are two-place decimals, so
they are added as hundredths) rounded as ``aggregate()`` rounds it, and the
alignment needs only the table of how often each (level, provision) pair
occurs. So each group's :class:`~vsend_plugin.scoring.Aggregate` is equal to
``aggregate()`` of its children's records, figure for figure; the tests in
``tests/scoring`` check that on random populations and on the conformance
vectors' profiles. A profile that does not fit such a row (an intensity with
more places, a level outside the scale: hand-made, never stored) sends the
whole call to ``aggregate()`` group by group.
"""

from collections import defaultdict
from decimal import Decimal
from functools import lru_cache
from types import MappingProxyType

from .aggregates import (
    DEFAULT_MIN_GROUP,
    Aggregate,
    AreaAverages,
    aggregate,
    complete_histories,
)
from .comparison import TRENDS, trend
from .correlation import spearman_of_counts
from .disclosure import check_min_group
from .rounding import EXACT, round_ratio
from .scheme import AREA_CODES, BAND_CODES, MAX_LEVEL, SCHEME

__all__ = ["aggregate_groups"]

# A child's row: whether they are counted or excluded, one-hot their band and
# trend, a sum and a count for each of level, intensity (in hundredths), gap
# and family confidence of each area, and how many of their areas have each
# (level, provision) pair.
_LEVELS = range(MAX_LEVEL + 1)
_PAIRS = [(level, provision) for level in _LEVELS for provision in _LEVELS]
_PAIR_INDEX = {pair: index for index, pair in enumerate(_PAIRS)}
_COUNTED, _EXCLUDED = 0, 1
_BANDS = 2
_TRENDS = _BANDS + len(BAND_CODES)
_AREAS = _TRENDS + len(TRENDS)
_PER_AREA = 8
_TABLE = _AREAS + _PER_AREA * len(AREA_CODES)
_WIDTH = _TABLE + len(_PAIRS)

_EXCLUDED_ROW = tuple(1 if column == _EXCLUDED else 0 for column in range(_WIDTH))


class _OutsideTheRow(Exception):
    """A profile whose figures a row of whole numbers cannot hold."""


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
    records = list(records)
    scheme, histories = complete_histories(records)
    placements = {
        child: tuple(place(child, complete[-1] if complete else None))
        for child, complete in histories.items()
    }
    try:
        rows = _rows(histories)
    except _OutsideTheRow:
        return _one_group_at_a_time(records, placements, groups, min_group)
    placed_alike = defaultdict(list)
    for child, placement in placements.items():
        placed_alike[placement].append(rows[child])
    totals = {group: [] for group in groups}
    for placement, alike in placed_alike.items():
        together = _column_sums(alike)
        for group in placement:
            totals[group].append(together)
    return {
        group: _aggregate(scheme, _column_sums(found), min_group) for group, found in totals.items()
    }


def _column_sums(rows):
    if len(rows) == 1:
        return rows[0]
    return [sum(column) for column in zip(*rows, strict=True)] if rows else [0] * _WIDTH


def _rows(histories) -> dict:
    """Each child's row. Areas repeat (stored ones are shared), so each is worked out once."""
    seen_areas = {}
    return {child: _row(complete, seen_areas) for child, complete in histories.items()}


def _row(complete, seen_areas) -> tuple:
    if not complete:
        return _EXCLUDED_ROW
    first, latest = complete[0], complete[-1]
    row = [0] * _TABLE
    row[_COUNTED] = 1
    row[_BANDS + _position(BAND_CODES, latest.band)] = 1
    if len(complete) > 1:
        row[_TRENDS + _position(TRENDS, trend(first.band, latest.band))] = 1
    table = [0] * len(_PAIRS)
    for position, code in enumerate(AREA_CODES):
        area = latest.areas[code]
        seen = seen_areas.get(id(area))
        if seen is None or seen[0] is not area:  # (the profiles, and so their areas, stay alive)
            seen = seen_areas[id(area)] = (area, *_area_sums(area))
        _, sums, pair = seen
        start = _AREAS + _PER_AREA * position
        row[start : start + _PER_AREA] = sums
        if pair is not None:
            table[pair] += 1
    return (*row, *table)


def _position(values, value) -> int:
    try:
        return values.index(value)
    except ValueError:
        raise _OutsideTheRow from None


def _area_sums(area) -> tuple:
    """``(sums, pair)`` of one area of a counted profile: the area's part of the row."""
    intensity = None if area.intensity is None else _hundredths(area.intensity)
    pair = None
    if area.level is not None and area.provision is not None:
        pair = _PAIR_INDEX.get((area.level, area.provision))
        if pair is None or type(area.level) is not int or type(area.provision) is not int:
            raise _OutsideTheRow
    sums = (
        *_known(area.level),
        *_known(intensity),
        *_known(area.gap),
        *_known(area.family_confidence),
    )
    return sums, pair


def _known(value) -> tuple:
    """A value and whether it is known, as two whole numbers to add up."""
    return (0, 0) if value is None else (value, 1)


@lru_cache(maxsize=1024)
def _hundredths(value: Decimal) -> int:
    """A two-place decimal as a whole number of hundredths."""
    hundredths = value.scaleb(2, EXACT)
    if hundredths != hundredths.to_integral_value():
        raise _OutsideTheRow
    return int(hundredths)


def _aggregate(scheme, totals, min_group) -> Aggregate:
    counted, excluded = totals[_COUNTED], totals[_EXCLUDED]
    means = {}
    for position, code in enumerate(AREA_CODES):
        start = _AREAS + _PER_AREA * position
        level, levels, intensity, intensities, gap, gaps, confidence, confidences = totals[
            start : start + _PER_AREA
        ]
        means[code] = AreaAverages(
            code=code,
            level=_mean(level, levels),
            intensity=_mean(intensity, 100 * intensities),
            gap=_mean(gap, gaps),
            family_confidence=_mean(confidence, confidences),
        )
    return Aggregate(
        scheme=scheme if counted or excluded else SCHEME,
        min_group=min_group,
        children=counted,
        raw_excluded=excluded,
        raw_band_counts=MappingProxyType(dict(zip(BAND_CODES, totals[_BANDS:], strict=False))),
        areas=MappingProxyType(means),
        alignment=spearman_of_counts(dict(zip(_PAIRS, totals[_TABLE:], strict=True))),
        raw_trend_counts=MappingProxyType(dict(zip(TRENDS, totals[_TRENDS:], strict=False))),
    )


def _mean(total: int, count: int) -> Decimal | None:
    """``total / count`` rounded half-up to two places, as ``aggregate()`` rounds its means.

    Its means are ``round_fraction(sum / count)`` of exact decimals, and
    rounding a ratio does not depend on the terms it is written in, so
    ``round_ratio`` of the whole-number sum and count gives the same figure.
    """
    return round_ratio(total, count) if count else None


def _one_group_at_a_time(records, placements, groups, min_group) -> dict:
    """``aggregate()`` of each group's records: for profiles a row cannot hold."""
    members = {group: set() for group in groups}
    for child, placement in placements.items():
        for group in placement:
            members[group].add(child)
    return {
        group: aggregate(
            [record for record in records if record.child in children], min_group=min_group
        )
        for group, children in members.items()
    }
