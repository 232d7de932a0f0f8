"""Aggregating many groups of one population at once.

A council's rollups split its children five ways (the whole council, its
localities, settings, primary areas and bands), so calling
:func:`~vsend_plugin.scoring.aggregate` for each group reads every child's
history five times. :func:`aggregate_groups` works each child out once (their
latest complete profile, their trend, what they add to every mean and to the
alignment) as a row of whole numbers, adds up the rows of children placed in
the same groups, and then adds those totals up for each group. A row is kept
as one Python integer, each of its numbers in a field of 64 bits: every
number is a count, or a sum of values from 0 to at most 400 (an intensity in
hundredths), so no field can carry into the next, and adding two rows adds
all their numbers at once.

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
_HUNDREDTHS = range(100 * MAX_LEVEL + 1)
_PAIRS = [(level, provision) for level in _LEVELS for provision in _LEVELS]
_PAIR_INDEX = {pair: index for index, pair in enumerate(_PAIRS)}
_COUNTED, _EXCLUDED = 0, 1
_BANDS = 2
_TRENDS = _BANDS + len(BAND_CODES)
_AREAS = _TRENDS + len(TRENDS)
_PER_AREA = 8
_TABLE = _AREAS + _PER_AREA * len(AREA_CODES)
_WIDTH = _TABLE + len(_PAIRS)
_BITS = 64
_FIELD = (1 << _BITS) - 1


def _field(column, value=1) -> int:
    """A row holding ``value`` in ``column`` and nought elsewhere."""
    return value << (_BITS * column)


def _numbers(row) -> list:
    """A row's numbers, column by column."""
    return [(row >> (_BITS * column)) & _FIELD for column in range(_WIDTH)]


_EXCLUDED_ROW = _field(_EXCLUDED)
#: What a counted child adds for their band and trend (None: no two complete profiles).
_HEADS = {
    (band, trend_): _field(_COUNTED)
    + _field(_BANDS + position)
    + (0 if trend_ is None else _field(_TRENDS + TRENDS.index(trend_)))
    for position, band in enumerate(BAND_CODES)
    for trend_ in (None, *TRENDS)
}


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
        together = sum(alike)
        for group in placement:
            totals[group].append(together)
    return {
        group: _aggregate(scheme, _numbers(sum(found)), min_group)
        for group, found in totals.items()
    }


def _rows(histories) -> dict:
    """Each child's row. Areas repeat (stored ones are shared), so each is worked out once."""
    seen_areas = {}
    return {child: _row(complete, seen_areas) for child, complete in histories.items()}


def _row(complete, seen_areas) -> int:
    if not complete:
        return _EXCLUDED_ROW
    first, latest = complete[0], complete[-1]
    change = trend(first.band, latest.band) if len(complete) > 1 else None
    head = _HEADS.get((latest.band, change))
    if head is None or (change is None and len(complete) > 1):
        raise _OutsideTheRow
    row = head
    for position, code in enumerate(AREA_CODES):
        area = latest.areas[code]
        # The profiles, and so their areas, stay alive as long as the ids are used.
        seen = seen_areas.get(id(area))
        if seen is None or seen[0] is not area or seen[1] != position:
            seen = seen_areas[id(area)] = (area, position, _area_row(area, position))
        row += seen[2]
    return row


def _area_row(area, position) -> int:
    """What one area (at ``position`` in canonical order) of a counted profile adds to a row."""
    start = _AREAS + _PER_AREA * position
    intensity = None if area.intensity is None else _hundredths(area.intensity)
    values = (
        (area.level, _LEVELS),
        (intensity, _HUNDREDTHS),
        (area.gap, _LEVELS),
        (area.family_confidence, _LEVELS),
    )
    row = 0
    for offset, (value, scale) in enumerate(values):
        if value is not None:
            if type(value) is not int or value not in scale:
                raise _OutsideTheRow
            row += _field(start + 2 * offset, value) + _field(start + 2 * offset + 1)
    if area.level is not None and area.provision is not None:
        pair = _PAIR_INDEX.get((area.level, area.provision))
        if pair is None or type(area.provision) is not int:
            raise _OutsideTheRow
        row += _field(_TABLE + pair)
    return row


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
