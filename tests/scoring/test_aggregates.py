"""Worked examples for benchmark aggregates, with the expected figures by hand."""

import random
import statistics
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest

from vsend_plugin.scoring import (
    AREA_CODES,
    DEFAULT_MIN_GROUP,
    INDICATORS,
    MIN_GROUP_FLOOR,
    AssessmentRecord,
    ScoringError,
    aggregate,
    score,
)
from vsend_plugin.scoring.correlation import spearman
from vsend_plugin.scoring.disclosure import suppress_count, suppress_distribution
from vsend_plugin.scoring.rounding import round_signed_square_root


def need_with(levels=None, default=0, **overrides):
    """A need map with every indicator of an area at that area's level.

    ``levels`` maps area codes to a level (``None`` leaves the area unrated);
    keyword overrides set single indicators, with ``__`` for the dot.
    """
    levels = levels or {}
    need = {code: levels.get(indicator.area, default) for code, indicator in INDICATORS.items()}
    need.update({code.replace("__", "."): value for code, value in overrides.items()})
    return need


def profile_with(levels=None, provision=None, family_confidence=None, **overrides):
    return score(need_with(levels, **overrides), provision, family_confidence)


BAND_A = profile_with()  # all zero: 0 points, band A
BAND_B = profile_with({"CI": 2})  # 3 points, floor B
BAND_C = profile_with({"CI": 3})  # 6 points, floor C
BAND_D = profile_with({"CI": 4})  # 10 points, floor D
BAND_E = profile_with({"CI": 4, "CL": 4, "SEMH": 4})  # 30 points
INCOMPLETE = score({"CI.receptive": 3})


def test_band_fixtures_are_what_they_say():
    bands = [p.band for p in (BAND_A, BAND_B, BAND_C, BAND_D, BAND_E)]
    assert bands == ["A", "B", "C", "D", "E"]
    assert not INCOMPLETE.complete


def records_for(profiles, start=0):
    """One assessment per child, children numbered from ``start``."""
    return [
        AssessmentRecord(child, date(2026, 7, 1), profile)
        for child, profile in enumerate(profiles, start=start)
    ]


# Means


def test_means_round_half_up_from_exact_decimals():
    # CI levels over 8 children: seven at 1 and one at 2 -> 9 / 8 = 1.125.
    # Binary floating point with round() would give 1.12; half-up gives 1.13.
    profiles = [profile_with({"CI": 1})] * 7 + [profile_with({"CI": 2})]
    result = aggregate(records_for(profiles), min_group=5)
    assert round(9 / 8, 2) == 1.12
    assert result.areas["CI"].level == Decimal("1.13")
    assert result.as_dict()["areas"]["CI"]["level"] == 1.13
    assert result.areas["CL"].level == Decimal("0.00")


def test_mean_intensity_is_the_mean_of_the_published_intensities():
    # Three children with CL intensity 1/3 (published as 0.33) and five at 0:
    # the mean of the published values is 0.99 / 8 = 0.12375 -> 0.12. (The mean
    # of the unrounded thirds would be 0.125 -> 0.13; profiles are what is
    # stored and compared, so the rollup uses their figures.)
    third = profile_with(CL__literacy=1)
    assert third.areas["CL"].intensity == Decimal("0.33")
    profiles = [third] * 3 + [profile_with()] * 5
    result = aggregate(records_for(profiles), min_group=5)
    assert result.areas["CL"].intensity == Decimal("0.12")


def test_mean_intensity_tie_rounds_up():
    # IND intensities 0.25, 0.50 and six zeros: 0.75 / 8 = 0.09375 -> 0.09;
    # SP intensities 0.20 twice, 0.60 once, five zeros: 1.00 / 8 = 0.125 -> 0.13.
    profiles = [
        profile_with(IND__selfcare=1, SP__vision=1),
        profile_with(IND__selfcare=1, IND__travel=1, SP__vision=1),
        profile_with(SP__vision=1, SP__hearing=1, SP__health=1),
    ] + [profile_with()] * 5
    result = aggregate(records_for(profiles), min_group=5)
    assert result.areas["IND"].intensity == Decimal("0.09")
    assert result.areas["SP"].intensity == Decimal("0.13")
    assert result.as_dict()["areas"]["SP"]["intensity"] == 0.13


def test_gap_and_family_confidence_means_use_known_values_only():
    profiles = [
        # CI level 2, provision 1: gap 1. Family confidence 3.
        profile_with({"CI": 2}, provision={"CI": 1}, family_confidence={"CI": 3}),
        # CI level 2, provision 4: gap 0. Family confidence 4.
        profile_with({"CI": 2}, provision={"CI": 4}, family_confidence={"CI": 4}),
        # CI level 3, provision 3: gap 0. No family confidence.
        profile_with({"CI": 3}, provision={"CI": 3}),
    ] + [profile_with({"CI": 1})] * 7  # no provision, no confidence
    result = aggregate(records_for(profiles))
    shown = result.as_dict()["areas"]["CI"]
    # Levels: 2 + 2 + 3 + 7 * 1 = 14 over 10 children.
    assert shown == {"level": 1.4, "intensity": 1.4, "gap": 0.33, "family_confidence": 3.5}
    # No provision or confidence recorded at all for CL: means are unknown.
    assert result.as_dict()["areas"]["CL"] == {
        "level": 0.0,
        "intensity": 0.0,
        "gap": None,
        "family_confidence": None,
    }


def test_areas_are_in_canonical_order():
    result = aggregate(records_for([BAND_B] * 10))
    assert list(result.as_dict()["areas"]) == list(AREA_CODES)


# Alignment (Spearman's rank correlation)


def reference_average_ranks(values):
    """Average ranks, worked out the slow, obvious way."""
    ordered = sorted(values)
    return [
        statistics.mean(position + 1 for position, seen in enumerate(ordered) if seen == value)
        for value in values
    ]


def reference_spearman(pairs):
    xs, ys = zip(*pairs, strict=True)
    rho = statistics.correlation(reference_average_ranks(xs), reference_average_ranks(ys))
    # Only used where rho is not near a rounding tie, so floats are safe here.
    assert abs(abs(rho) * 100 % 1 - 0.5) > 1e-6
    return Decimal(repr(rho)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_spearman_with_ties_by_hand():
    # Levels 0,0,1,1,2,2,3,3,4,4 -> average ranks 1.5,1.5,3.5,3.5,...,9.5,9.5.
    # Provision 0,1,0,2,1,3,2,4,3,4 has the same tie pattern. With ranks centred
    # on 5.5: sum(dx*dy) = 64, sum(dx**2) = sum(dy**2) = 80, so rho = 64/80.
    levels = [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]
    provision = [0, 1, 0, 2, 1, 3, 2, 4, 3, 4]
    pairs = list(zip(levels, provision, strict=True))
    assert spearman(pairs) == Decimal("0.80")
    assert reference_spearman(pairs) == Decimal("0.80")


def test_spearman_exact_tie_rounds_half_up_away_from_zero():
    # These ten pairs give rho = 1/8 exactly (found by search, checked exactly
    # below), a tie that floats may round either way.
    levels = [1, 1, 3, 1, 4, 2, 3, 2, 0, 2]
    provision = [4, 3, 4, 0, 1, 1, 2, 4, 1, 2]
    ranks_x = [Fraction(rank) for rank in reference_average_ranks(levels)]
    ranks_y = [Fraction(rank) for rank in reference_average_ranks(provision)]
    mean_x, mean_y = sum(ranks_x) / 10, sum(ranks_y) / 10
    covariance = sum((x - mean_x) * (y - mean_y) for x, y in zip(ranks_x, ranks_y, strict=True))
    variance_x = sum((x - mean_x) ** 2 for x in ranks_x)
    variance_y = sum((y - mean_y) ** 2 for y in ranks_y)
    assert covariance > 0
    assert covariance**2 / (variance_x * variance_y) == Fraction(1, 64)
    assert spearman(zip(levels, provision, strict=True)) == Decimal("0.13")
    # And a negative tie, -3/8, rounds away from zero.
    assert spearman(
        zip([0, 2, 1, 4, 2, 2, 2, 1, 3, 2], [4, 4, 2, 2, 2, 2, 3, 4, 3, 4], strict=True)
    ) == Decimal("-0.38")
    assert round_signed_square_root(-1, Fraction(9, 64)) == Decimal("-0.38")


def test_spearman_matches_a_reference_on_larger_data():
    generator = random.Random(20260701)
    for size in (10, 37, 250):
        levels = [generator.randint(0, 4) for _ in range(size)]
        provision = [min(4, max(0, level + generator.randint(-2, 1))) for level in levels]
        pairs = list(zip(levels, provision, strict=True))
        assert spearman(pairs) == reference_spearman(pairs)


def test_spearman_extremes():
    rising = [(level % 5, level % 5) for level in range(12)]
    assert spearman(rising) == Decimal("1.00")
    assert spearman([(x, 4 - y) for x, y in rising]) == Decimal("-1.00")


def test_spearman_needs_ten_pairs():
    pairs = [(0, 0), (1, 1), (2, 3), (3, 2), (4, 4), (0, 1), (1, 0), (2, 2), (3, 4)]
    assert spearman(pairs) is None
    assert spearman(pairs + [(4, 3)]) is not None


def test_spearman_without_variance_is_unknown():
    assert spearman([(level % 5, 2) for level in range(20)]) is None
    assert spearman([(3, level % 5) for level in range(20)]) is None


def alignment_records(pairs_per_child):
    """Children whose area levels and provision are the given pairs."""
    records = []
    for child, pairs in enumerate(pairs_per_child):
        levels = dict(zip(AREA_CODES, (level for level, _ in pairs), strict=True))
        provision = dict(zip(AREA_CODES, (provision for _, provision in pairs), strict=True))
        records.append(AssessmentRecord(child, 1, profile_with(levels, provision)))
    return records


def test_alignment_pairs_every_area_of_every_counted_child():
    generator = random.Random(7)
    pairs_per_child = [
        [(generator.randint(0, 4), generator.randint(0, 4)) for _ in AREA_CODES] for _ in range(12)
    ]
    result = aggregate(alignment_records(pairs_per_child))
    flat = [pair for pairs in pairs_per_child for pair in pairs]
    assert result.alignment == reference_spearman(flat)
    assert result.as_dict()["alignment"] == float(reference_spearman(flat))


def test_alignment_is_unknown_with_fewer_than_ten_known_pairs():
    # Ten children, but provision recorded for only nine areas in all.
    profiles = [profile_with({"CI": child % 5}, {"CI": (child + 1) % 5}) for child in range(9)]
    profiles.append(profile_with({"CI": 2}))
    result = aggregate(records_for(profiles))
    assert result.alignment is None
    assert result.as_dict()["alignment"] is None
    profiles[-1] = profile_with({"CI": 2}, {"CI": 1})
    assert aggregate(records_for(profiles)).alignment is not None


def test_alignment_is_unknown_when_provision_never_varies():
    profiles = [profile_with({"CI": child % 5}, {"CI": 2}) for child in range(12)]
    assert aggregate(records_for(profiles)).alignment is None


# Which assessments count


def test_latest_complete_assessment_per_child_counts():
    records = [
        AssessmentRecord("amy", date(2026, 7, 1), BAND_A),
        AssessmentRecord("amy", date(2026, 8, 1), BAND_D),
        AssessmentRecord("amy", date(2026, 9, 1), INCOMPLETE),  # later, but incomplete
        AssessmentRecord("ben", date(2026, 9, 1), BAND_B),
        AssessmentRecord("ben", date(2026, 7, 1), BAND_E),  # earlier, listed later
    ]
    result = aggregate(records, min_group=5)
    assert result.children == 2
    assert dict(result.raw_band_counts) == {"A": 0, "B": 1, "C": 0, "D": 1, "E": 0}
    assert result.raw_excluded == 0


def test_children_without_a_complete_assessment_are_excluded():
    records = records_for([BAND_C] * 10) + [
        AssessmentRecord("cat", 1, INCOMPLETE),
        AssessmentRecord("cat", 2, INCOMPLETE),  # one child, however many assessments
        AssessmentRecord("dan", 1, INCOMPLETE),
    ]
    result = aggregate(records)
    assert result.children == 10
    assert result.raw_excluded == 2
    assert result.as_dict()["excluded"] is None  # 2 is a small count
    many_excluded = records + [AssessmentRecord(f"x{n}", 1, INCOMPLETE) for n in range(3)]
    assert aggregate(many_excluded).as_dict()["excluded"] == 5


def test_trend_compares_first_and_last_complete_assessment():
    records = records_for([BAND_C] * 10) + [
        # First A, last B (C in between): escalating, not C -> B improving.
        AssessmentRecord("eve", 1, BAND_A),
        AssessmentRecord("eve", 3, BAND_B),
        AssessmentRecord("eve", 2, BAND_C),
        AssessmentRecord("eve", 4, INCOMPLETE),
        # E then B: improving.
        AssessmentRecord("fay", 1, BAND_E),
        AssessmentRecord("fay", 2, BAND_B),
        # D then D: stable.
        AssessmentRecord("gus", 1, BAND_D),
        AssessmentRecord("gus", 2, BAND_D),
        # One complete assessment only: no trend.
        AssessmentRecord("hal", 1, INCOMPLETE),
        AssessmentRecord("hal", 2, BAND_D),
    ]
    result = aggregate(records)
    assert dict(result.raw_trend_counts) == {"escalating": 1, "stable": 1, "improving": 1}
    assert result.children == 14


def test_same_time_assessments_do_not_depend_on_record_order():
    records = records_for([BAND_C] * 10) + [
        AssessmentRecord("ivy", 1, BAND_A),
        AssessmentRecord("ivy", 2, BAND_B),
        AssessmentRecord("ivy", 2, BAND_E),
    ]
    forward = aggregate(records)
    backward = aggregate(list(reversed(records)))
    assert forward == backward


def test_stored_profiles_and_plain_tuples_are_accepted():
    profiles = [BAND_A, BAND_B, BAND_C, BAND_D, BAND_E] * 2
    as_objects = aggregate(records_for(profiles))
    as_stored = aggregate(
        [
            (record.child, record.taken_at, record.profile.as_dict())
            for record in records_for(profiles)
        ]
    )
    assert as_stored == as_objects


# Disclosure control


def test_group_under_min_group_is_suppressed_entirely():
    result = aggregate(records_for([BAND_B] * 9))
    assert result.suppressed
    assert result.as_dict() == {"suppressed": True}
    assert aggregate(records_for([BAND_B] * 9), min_group=9).as_dict()["suppressed"] is False


def test_empty_group_is_suppressed():
    result = aggregate([])
    assert result.children == 0
    assert result.as_dict() == {"suppressed": True}


def test_default_min_group_and_floor():
    assert DEFAULT_MIN_GROUP == 10
    assert MIN_GROUP_FLOOR == 5


@pytest.mark.parametrize("min_group", [4, 0, -1, True, 7.0, "10", None])
def test_min_group_below_floor_or_not_whole_is_refused(min_group):
    with pytest.raises(ScoringError) as raised:
        aggregate(records_for([BAND_B] * 20), min_group=min_group)
    assert raised.value.fields == ["min_group"]


def test_small_counts_hidden_with_secondary_suppression():
    # 3 in A is hidden; that would leave one hidden count recoverable from
    # children (20), so the next smallest non-zero count, D with 7, goes too.
    profiles = [BAND_A] * 3 + [BAND_B] * 10 + [BAND_D] * 7
    shown = aggregate(records_for(profiles)).as_dict()
    assert shown == {
        "suppressed": False,
        "children": 20,
        "excluded": 0,
        "band_counts": {"A": None, "B": 10, "C": 0, "D": None, "E": 0},
        "areas": shown["areas"],
        "alignment": None,
        "trend_counts": {"escalating": 0, "stable": 0, "improving": 0},
    }
    assert list(shown) == [
        "suppressed",
        "children",
        "excluded",
        "band_counts",
        "areas",
        "alignment",
        "trend_counts",
    ]


def test_two_small_counts_need_no_secondary_suppression():
    profiles = [BAND_A] * 2 + [BAND_B] * 4 + [BAND_C] * 10
    shown = aggregate(records_for(profiles)).as_dict()
    assert shown["band_counts"] == {"A": None, "B": None, "C": 10, "D": 0, "E": 0}


def test_suppress_distribution_examples():
    assert suppress_distribution({"A": 3, "B": 10, "C": 0, "D": 7, "E": 0}) == {
        "A": None,
        "B": 10,
        "C": 0,
        "D": None,
        "E": 0,
    }
    # Ties for the next smallest go to the first in the distribution's order.
    assert suppress_distribution({"A": 2, "B": 6, "C": 6}) == {"A": None, "B": None, "C": 6}
    # Nothing else to hide: zeros are always shown.
    assert suppress_distribution({"escalating": 1, "stable": 0, "improving": 0}) == {
        "escalating": None,
        "stable": 0,
        "improving": 0,
    }
    # Five and over, and zero, are shown.
    assert suppress_distribution({"a": 0, "b": 5, "c": 40}) == {"a": 0, "b": 5, "c": 40}


@pytest.mark.parametrize(("count", "shown"), [(0, 0), (1, None), (4, None), (5, 5), (99, 99)])
def test_suppress_count(count, shown):
    assert suppress_count(count) == shown


def test_trend_counts_are_suppressed_as_a_distribution():
    records = records_for([BAND_C] * 10)
    for child in range(6):  # six escalate
        records += [
            AssessmentRecord(f"up{child}", 1, BAND_A),
            AssessmentRecord(f"up{child}", 2, BAND_B),
        ]
    records += [AssessmentRecord("down", 1, BAND_E), AssessmentRecord("down", 2, BAND_B)]
    result = aggregate(records)
    assert dict(result.raw_trend_counts) == {"escalating": 6, "stable": 0, "improving": 1}
    assert result.as_dict()["trend_counts"] == {
        "escalating": None,
        "stable": 0,
        "improving": None,
    }


# Schemes


def test_records_of_different_schemes_are_never_mixed():
    other = BAND_B.as_dict()
    other["scheme"] = "vsend-core/2"
    records = records_for([BAND_B] * 10) + [AssessmentRecord("zed", 1, other)]
    with pytest.raises(ScoringError) as raised:
        aggregate(records)
    assert raised.value.fields == ["scheme"]
    assert "vsend-core/2" in raised.value.errors[0]["message"]


def test_a_group_of_one_other_scheme_keeps_its_scheme():
    other = BAND_B.as_dict()
    other["scheme"] = "vsend-core/2"
    result = aggregate([AssessmentRecord(n, 1, other) for n in range(10)])
    assert result.scheme == "vsend-core/2"
