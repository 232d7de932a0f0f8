"""Properties the scheme promises for every input, checked with Hypothesis."""

import json
from fractions import Fraction
from random import Random

from hypothesis import given
from hypothesis import strategies as st

from vsend_plugin.scoring import (
    AREA_CODES,
    AREAS,
    INDICATORS,
    AssessmentRecord,
    Profile,
    aggregate,
    area_direction,
    compare,
    score,
)
from vsend_plugin.scoring.banding import band_floor, band_rank
from vsend_plugin.scoring.correlation import spearman
from vsend_plugin.scoring.disclosure import suppress_distribution
from vsend_plugin.scoring.rounding import round_signed_square_root

INDICATOR_CODES = tuple(INDICATORS)
levels = st.integers(min_value=0, max_value=4)
maybe_levels = st.one_of(st.none(), levels)

complete_needs = st.fixed_dictionaries({code: levels for code in INDICATOR_CODES})
any_needs = st.dictionaries(st.sampled_from(INDICATOR_CODES), maybe_levels)
area_ratings = st.one_of(st.none(), st.dictionaries(st.sampled_from(AREA_CODES), maybe_levels))


@st.composite
def inputs(draw, needs=any_needs):
    return {
        "need": draw(needs),
        "provision": draw(area_ratings),
        "family_confidence": draw(area_ratings),
    }


@st.composite
def mostly_complete_needs(draw):
    """Need maps that are usually complete, with a few gaps now and then."""
    need = draw(complete_needs)
    for code in draw(st.lists(st.sampled_from(INDICATOR_CODES), max_size=6)):
        need[code] = None
    return need


profiles = inputs(st.one_of(any_needs, mostly_complete_needs(), complete_needs)).map(
    lambda data: score(**data)
)
complete_profiles = inputs(complete_needs).map(lambda data: score(**data))


# Scoring


@given(inputs(complete_needs), st.sampled_from(INDICATOR_CODES), st.integers(1, 4))
def test_raising_an_indicator_never_lowers_band_total_or_points(data, code, rise):
    before = score(**data)
    need = dict(data["need"])
    need[code] = min(4, need[code] + rise)
    after = score(need, data["provision"], data["family_confidence"])
    assert band_rank(after.band) >= band_rank(before.band)
    assert after.total >= before.total
    assert after.points >= before.points
    area = INDICATORS[code].area
    assert after.areas[area].level >= before.areas[area].level
    assert after.areas[area].intensity >= before.areas[area].intensity


@given(inputs(), st.randoms(use_true_random=False))
def test_profile_does_not_depend_on_input_order(data, random):
    shuffled = {}
    for section in ("need", "provision", "family_confidence"):
        if data[section] is None:
            shuffled[section] = None
            continue
        items = list(data[section].items())
        random.shuffle(items)
        shuffled[section] = dict(items)
    assert score(**shuffled).as_dict() == score(**data).as_dict()


@given(profiles)
def test_band_is_never_below_the_floor_of_the_highest_level(profile):
    if profile.complete:
        assert band_rank(profile.band) >= band_rank(band_floor(profile.highest_level))
    else:
        assert profile.band is None and profile.total is None and profile.points is None


@given(profiles)
def test_profile_figures_are_consistent(profile):
    data = profile.as_dict()
    assert list(data["areas"]) == list(AREA_CODES)
    for area in AREAS:
        result = data["areas"][area.code]
        assert result["of"] == len(area.indicators)
        assert 0 <= result["rated"] <= result["of"]
        assert (result["level"] is None) == (result["rated"] == 0)
        if result["level"] is not None:
            assert 0 <= result["intensity"] <= result["level"]
            assert round(result["intensity"], 2) == result["intensity"]
    gaps = [area["gap"] for area in data["areas"].values() if area["gap"] is not None]
    assert data["unmet"] == (sum(gaps) if gaps else None)
    assert all(data["areas"][code]["gap"] > 0 for code in data["unmet_areas"])
    if data["primary_area"] is not None:
        primary = data["areas"][data["primary_area"]]
        assert primary["level"] == profile.highest_level > 0


@given(profiles)
def test_stored_profile_reads_back_the_same(profile):
    stored = json.loads(json.dumps(profile.as_dict()))
    rebuilt = Profile.from_dict(stored)
    assert rebuilt == profile
    assert rebuilt.as_dict() == profile.as_dict()
    assert json.dumps(rebuilt.as_dict()) == json.dumps(profile.as_dict())


@given(profiles)
def test_stored_profile_reads_back_whatever_the_key_order(profile):
    # PostgreSQL's jsonb does not keep key order; reading must not depend on it.
    stored = profile.as_dict()
    reordered = dict(reversed(stored.items()))
    reordered["areas"] = {
        code: dict(reversed(area.items())) for code, area in reversed(stored["areas"].items())
    }
    assert Profile.from_dict(reordered).as_dict() == stored


# Comparing


@given(profiles)
def test_a_profile_compared_with_itself_has_not_changed(profile):
    comparison = compare(profile, profile)
    for code, change in comparison.areas.items():
        if profile.areas[code].level is None:
            assert (change.level_change, change.intensity_change, change.direction) == (
                None,
                None,
                None,
            )
        else:
            assert change.level_change == 0 and change.intensity_change == 0
            assert change.direction == "same"
    assert comparison.trend == ("stable" if profile.complete else None)


@given(profiles, profiles)
def test_comparison_is_antisymmetric(first, second):
    forward = compare(first, second)
    backward = compare(second, first)
    opposite = {"up": "down", "down": "up", "same": "same", None: None}
    for code in AREA_CODES:
        there, back = forward.areas[code], backward.areas[code]
        if there.level_change is None:
            assert back.level_change is None
            continue
        assert there.level_change == -back.level_change
        assert there.intensity_change == -back.intensity_change
        assert there.direction == opposite[back.direction]
    reversed_trend = {"escalating": "improving", "improving": "escalating"}
    assert forward.trend == reversed_trend.get(backward.trend, backward.trend)


@given(profiles, profiles)
def test_an_areas_direction_from_its_stored_figures_is_the_comparisons(first, second):
    """Readers holding only an area's stored level and intensity get compare()'s direction."""
    from decimal import Decimal

    comparison = compare(first, second)
    before, after = (
        json.loads(json.dumps(profile.as_dict()))["areas"] for profile in (first, second)
    )
    for code in AREA_CODES:
        stored = []
        for area in (before[code], after[code]):
            intensity = area["intensity"]
            stored.append((area["level"], None if intensity is None else Decimal(str(intensity))))
        direction = area_direction(*stored[0], *stored[1])
        assert direction == comparison.areas[code].direction


# Aggregating


def profile_pool(size=400, seed=1):
    """Varied profiles to build groups from, made once.

    Drawing whole need maps for every record of every group would make each
    example slow; the group properties are about children and counts, so a
    fixed pool with every band, incomplete profiles and partial provision is
    enough. Levels are drawn up to a per-profile ceiling so that low bands
    are as common as high ones.
    """
    generator = Random(seed)
    pool = []
    for _ in range(size):
        ceiling = generator.randint(0, 4)
        need = {code: generator.randint(0, ceiling) for code in INDICATOR_CODES}
        if generator.random() < 0.25:
            unrated = generator.choice(AREAS)
            need.update(dict.fromkeys(unrated.indicator_codes))
        provision = {
            code: generator.randint(0, 4) for code in AREA_CODES if generator.random() < 0.6
        }
        confidence = {
            code: generator.randint(0, 4) for code in AREA_CODES if generator.random() < 0.4
        }
        pool.append(score(need, provision, confidence))
    return pool


PROFILE_POOL = profile_pool()
pooled_profiles = st.sampled_from(PROFILE_POOL)
taken_ats = st.integers(min_value=0, max_value=4)  # few values, so some collide


@st.composite
def record_lists(draw):
    """One group's records: up to 30 children with one to three assessments each.

    Drawn child by child so that groups both above and below ``min_group``
    are common, shuffled so that records are not grouped by child.
    """
    group = [
        AssessmentRecord(child, draw(taken_ats), draw(pooled_profiles))
        for child in range(draw(st.integers(min_value=0, max_value=30)))
        for _ in range(draw(st.integers(min_value=1, max_value=3)))
    ]
    return draw(st.permutations(group))


def test_profile_pool_has_every_band_and_incomplete_profiles():
    bands = {profile.band for profile in PROFILE_POOL}
    assert bands == {"A", "B", "C", "D", "E", None}


min_groups = st.integers(min_value=5, max_value=15)

COUNTED = ("band_counts", "trend_counts")


def published_counts(shown):
    """Every count in a shown group's output, with where it came from."""
    yield "excluded", shown["excluded"]
    for name in COUNTED:
        for label, count in shown[name].items():
            yield f"{name}.{label}", count


@given(record_lists(), min_groups)
def test_no_count_from_one_to_four_is_ever_published(group, min_group):
    shown = aggregate(group, min_group=min_group).as_dict()
    if shown["suppressed"]:
        return
    for where, count in published_counts(shown):
        assert count is None or count == 0 or count >= 5, where


@given(record_lists(), min_groups)
def test_small_groups_show_nothing_but_that_they_are_suppressed(group, min_group):
    result = aggregate(group, min_group=min_group)
    if result.children < min_group:
        assert result.as_dict() == {"suppressed": True}
        assert result.band_counts is None and result.trend_counts is None
        assert result.excluded is None
    else:
        assert result.as_dict()["suppressed"] is False
        assert result.as_dict()["children"] == result.children


@given(record_lists(), min_groups)
def test_shown_counts_are_the_true_counts(group, min_group):
    result = aggregate(group, min_group=min_group)
    shown = result.as_dict()
    if shown["suppressed"]:
        return
    assert shown["excluded"] in (None, result.raw_excluded)
    for name in COUNTED:
        raw = getattr(result, f"raw_{name}")
        assert list(shown[name]) == list(raw)
        for label, count in shown[name].items():
            assert count is None or count == raw[label]
            if raw[label] == 0:
                assert count == 0


@given(record_lists(), min_groups)
def test_no_distribution_has_a_lone_hidden_count(group, min_group):
    """After suppression a distribution never has exactly one hidden count.

    The one exception: every other count of the distribution is zero, so
    there is nothing left to hide (zeros are always shown). Band counts can
    never be in that position, because they add up to ``children``, which is
    at least ``min_group`` and so at least five.
    """
    shown = aggregate(group, min_group=min_group).as_dict()
    if shown["suppressed"]:
        return
    for name in COUNTED:
        counts = shown[name]
        hidden = [label for label, count in counts.items() if count is None]
        if len(hidden) == 1:
            assert name == "trend_counts"
            assert all(count == 0 for count in counts.values() if count is not None)


@given(st.dictionaries(st.sampled_from("ABCDE"), st.integers(0, 40), min_size=2))
def test_suppressing_any_distribution(counts):
    shown = suppress_distribution(counts)
    assert list(shown) == list(counts)
    hidden = [label for label, count in shown.items() if count is None]
    for label, count in shown.items():
        assert count is None or count == counts[label]
        assert count is not None or counts[label] > 0
        if 1 <= counts[label] <= 4:
            assert count is None
    if len(hidden) == 1:
        assert all(counts[label] == 0 for label in counts if label not in hidden)
    # Only the smallest visible counts are ever hidden for a second time.
    secondary = [label for label in hidden if counts[label] >= 5]
    assert len(secondary) <= 1
    if secondary:
        assert all(
            counts[label] >= counts[secondary[0]]
            for label, count in shown.items()
            if count is not None and count > 0
        )


@given(record_lists(), min_groups, st.randoms(use_true_random=False))
def test_aggregate_does_not_depend_on_record_order(group, min_group, random):
    shuffled = list(group)
    random.shuffle(shuffled)
    first = aggregate(group, min_group=min_group)
    second = aggregate(shuffled, min_group=min_group)
    assert first == second
    assert first.as_dict() == second.as_dict()


@given(record_lists())
def test_every_child_is_counted_or_excluded_once(group):
    result = aggregate(group, min_group=5)
    assert result.children + result.raw_excluded == len({record.child for record in group})
    assert sum(result.raw_band_counts.values()) == result.children
    assert sum(result.raw_trend_counts.values()) <= result.children


@given(record_lists())
def test_aggregate_reads_stored_profiles_the_same(group):
    stored = [
        AssessmentRecord(record.child, record.taken_at, record.profile.as_dict())
        for record in group
    ]
    assert aggregate(stored, min_group=5) == aggregate(group, min_group=5)


# Correlation


def exact_average_ranks(values):
    """Average 1-based ranks by their definition: the values below, plus the middle of the ties."""
    return [
        Fraction(
            2 * sum(other < value for other in values)
            + sum(other == value for other in values)
            + 1,
            2,
        )
        for value in values
    ]


@given(st.lists(st.tuples(st.integers(-2, 6), st.integers(0, 4)), max_size=60))
def test_spearman_is_the_pearson_correlation_of_average_ranks_exactly(pairs):
    """Worked from a table of counts, rho is still Pearson's r of the ranks, rounded half-up."""
    if len(pairs) < 10:
        assert spearman(pairs) is None
        return
    x_ranks = exact_average_ranks([x for x, _ in pairs])
    y_ranks = exact_average_ranks([y for _, y in pairs])
    x_mean, y_mean = sum(x_ranks) / len(pairs), sum(y_ranks) / len(pairs)
    covariance = sum((x - x_mean) * (y - y_mean) for x, y in zip(x_ranks, y_ranks, strict=True))
    x_variance = sum((x - x_mean) ** 2 for x in x_ranks)
    y_variance = sum((y - y_mean) ** 2 for y in y_ranks)
    if not x_variance or not y_variance:
        assert spearman(pairs) is None
        return
    square = covariance**2 / (x_variance * y_variance)
    assert spearman(pairs) == round_signed_square_root(-1 if covariance < 0 else 1, square)
    assert spearman(reversed(pairs)) == spearman(pairs)
