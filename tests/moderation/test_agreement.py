"""Agreement figures on hand-made tables, and on random ones against a second computation.

The second computation, here, never builds the 5x5 table: kappa with
quadratic weights is one minus the mean squared difference of the pairs over
the mean squared difference of every first level with every second level
(the weights' 1/16 cancels), in fractions, then rounded half-up.
"""

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.without_django import run_without_django
from vsend_plugin.moderation.agreement import (
    AgreementTable,
    agreement,
    band_level,
    confusions,
    lowest_agreement,
)


def rounded(value):
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal("0.01"), ROUND_HALF_UP)


def by_pairs(pairs):
    """``(exact, within_one, kappa)`` of ``pairs`` without a table (kappa ``None`` if undefined)."""
    pairs = [(a, b) for a, b in pairs if a is not None and b is not None]
    n = len(pairs)
    observed = Fraction(sum((a - b) ** 2 for a, b in pairs), n)
    expected = Fraction(sum((a - b) ** 2 for a, _ in pairs for _, b in pairs), n * n)
    return (
        rounded(Fraction(sum(a == b for a, b in pairs), n)),
        rounded(Fraction(sum(abs(a - b) <= 1 for a, b in pairs), n)),
        None if expected == 0 else rounded(1 - observed / expected),
    )


def test_perfect_agreement_is_one():
    figures = agreement([(level % 5, level % 5) for level in range(20)])
    assert (figures.pairs, figures.exact, figures.within_one, figures.kappa) == (
        20,
        Decimal("1.00"),
        Decimal("1.00"),
        Decimal("1.00"),
    )


def test_raters_who_agree_only_as_often_as_chance_have_kappa_zero():
    # Every first level with every second level once: the table is the outer
    # product of its margins, so observed equals expected.
    pairs = [(a, b) for a in (0, 2, 4) for b in (1, 3)] * 2
    figures = agreement(pairs)
    assert figures.kappa == Decimal("0.00")
    assert figures.exact == Decimal("0.00")
    assert figures.within_one == Decimal("0.67")  # 8 of 12 pairs one level apart


def test_both_raters_using_one_level_has_no_kappa_but_full_exact_agreement():
    figures = agreement([(2, 2)] * 12)
    assert figures.kappa is None
    assert figures.exact == Decimal("1.00") and figures.within_one == Decimal("1.00")


def test_one_rater_using_one_level_and_the_other_varying_has_a_kappa():
    figures = agreement([(2, level) for level in (1, 2, 3)] * 4)
    assert figures.kappa == Decimal("0.00")  # the first rater's levels say nothing of the second's


def test_fewer_than_ten_pairs_is_too_few_but_counted():
    figures = agreement([(1, 1)] * 9 + [(None, 2), (3, None)])
    assert figures.pairs == 9
    assert (figures.exact, figures.within_one, figures.kappa) == (None, None, None)
    assert figures.as_dict() == {"pairs": 9, "exact": None, "within_one": None, "kappa": None}


def test_a_table_worked_by_hand():
    """Ten pairs: (0,0) (1,1) (1,2) (2,2) (2,2) (3,2) (3,3) (4,3) (4,4) (0,1).

    Exact: 6 of 10 = 0.60. Within one: all 10 = 1.00.
    Observed squared differences: four pairs 1 apart, so Σ(a-b)²/n = 4/10.
    First levels 0,1,1,2,2,3,3,4,4,0 and second 0,1,2,2,2,2,3,3,4,1: the mean
    squared difference over all 100 first-second pairs is
    (10·Σa² - 2·Σa·Σb + 10·Σb²) / 100 = (600 - 800 + 520) / 100 = 320/100.
    Kappa = 1 - (4/10) / (320/100) = 1 - 40/320 = 0.875 exactly, half-up 0.88.
    """
    pairs = [(0, 0), (1, 1), (1, 2), (2, 2), (2, 2), (3, 2), (3, 3), (4, 3), (4, 4), (0, 1)]
    figures = agreement(pairs)
    assert figures.as_dict() == {"pairs": 10, "exact": 0.6, "within_one": 1.0, "kappa": 0.88}


def test_raters_who_disagree_systematically_have_a_negative_kappa():
    pairs = [(0, 4), (4, 0), (1, 3), (3, 1), (0, 4)] * 2
    figures = agreement(pairs)
    assert figures.kappa < 0
    assert figures.kappa == by_pairs(pairs)[2]


def test_levels_outside_the_scale_are_refused():
    for bad in (5, -1, 2.0, "2", True):
        with pytest.raises(ValueError, match="whole number from 0 to 4"):
            agreement([(bad, 1)])


def test_bands_map_to_levels():
    assert [band_level(band) for band in "ABCDE"] == [0, 1, 2, 3, 4]


def test_the_levels_most_often_confused_come_first_either_way_round():
    table = AgreementTable.from_pairs([(1, 2)] * 3 + [(2, 1)] * 2 + [(3, 4)] * 4 + [(0, 0)] * 9)
    assert confusions(table) == [((1, 2), 5), ((3, 4), 4)]


def test_the_indicators_that_agree_least_come_first_and_too_few_are_left_out():
    good = agreement([(level % 5, level % 5) for level in range(10)])
    poor = agreement([(0, 4), (4, 0)] * 5 + [(2, 2)] * 2)
    middling = agreement([(1, 2), (2, 2), (3, 3), (0, 0), (4, 3)] * 2)
    few = agreement([(0, 4)] * 3)
    ranked = lowest_agreement({"A": good, "B": middling, "C": poor, "D": few}, limit=3)
    assert [code for code, _ in ranked] == ["C", "B", "A"]


LEVEL = st.one_of(st.none(), st.integers(0, 4))
PAIRS = st.lists(st.tuples(LEVEL, LEVEL), min_size=0, max_size=60)


@settings(max_examples=200, deadline=None)
@given(PAIRS)
def test_random_tables_equal_the_pairwise_computation(pairs):
    figures = agreement(pairs)
    counted = [(a, b) for a, b in pairs if a is not None and b is not None]
    assert figures.pairs == len(counted)
    if len(counted) < 10:
        assert (figures.exact, figures.within_one, figures.kappa) == (None, None, None)
    else:
        assert (figures.exact, figures.within_one, figures.kappa) == by_pairs(counted)


@settings(max_examples=100, deadline=None)
@given(PAIRS, PAIRS)
def test_swapping_raters_keeps_kappa_and_tables_add_up(one, other):
    swapped = [(b, a) for a, b in one]
    assert agreement(one) == agreement(swapped)
    added = AgreementTable.from_pairs(one) + AgreementTable.from_pairs(other)
    assert added.counts == AgreementTable.from_pairs(one + other).counts


def test_the_figures_need_no_django():
    printed = run_without_django(
        "vsend_plugin.moderation.agreement",
        "from vsend_plugin.moderation.agreement import agreement\n"
        "print(agreement([(1, 1), (2, 3)] * 5).as_dict())",
    )
    assert "'kappa': " in printed
