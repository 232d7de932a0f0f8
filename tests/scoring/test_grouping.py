"""``aggregate_groups`` gives every group exactly what ``aggregate()`` gives it.

Each check splits one population into overlapping groups the way rollups do
(the whole, a fixed group per child like a locality, and groups by the band
and primary area of the profile a child is counted by), then compares every
group's aggregate with ``aggregate()`` of the records of the children placed
in it: on random populations from a pool of scored profiles, on the
conformance vectors' profiles, and on the corner cases.
"""

from decimal import Decimal
from types import MappingProxyType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.scoring.test_properties import PROFILE_POOL, min_groups, taken_ats
from tests.scoring.test_vectors import VECTORS
from vsend_plugin.scoring import (
    AREA_CODES,
    INDICATORS,
    SCHEME,
    AssessmentRecord,
    Profile,
    ScoringError,
    aggregate,
    aggregate_groups,
    complete_histories,
    score,
)
from vsend_plugin.scoring.scheme import BAND_CODES

LOCALITIES = 3
BAND_GROUPS = [f"band-{code}" for code in BAND_CODES]
AREA_GROUPS = [f"area-{code}" for code in (*AREA_CODES, None)]
GROUPS = [
    "whole",
    *(f"locality-{number}" for number in range(LOCALITIES)),
    *BAND_GROUPS,
    *AREA_GROUPS,
    "nobody",
]

VECTOR_PROFILES = [
    vector["profile"] for vector in (VECTORS or {}).get("score", ()) if "profile" in vector
]


def placer(localities):
    """Place a child in the whole, their locality, and their band's and primary area's groups."""

    def place(child, latest):
        keys = ["whole", f"locality-{localities[child]}"]
        if latest is not None:
            keys += [f"band-{latest.band}", f"area-{latest.primary_area}"]
        return keys

    return place


def assert_every_group_is_its_aggregate(records, place, min_group):
    found = aggregate_groups(records, place, GROUPS, min_group=min_group)

    assert list(found) == GROUPS
    _, histories = complete_histories(records)
    members = {group: set() for group in GROUPS}
    for child, complete in histories.items():
        for group in place(child, complete[-1] if complete else None):
            members[group].add(child)
    for group in GROUPS:
        expected = aggregate(
            [record for record in records if record.child in members[group]], min_group=min_group
        )
        assert found[group] == expected, group
        assert found[group].as_dict() == expected.as_dict(), group
    return found


@st.composite
def populations(draw, profiles):
    """Records of up to 40 children with one to three assessments each, and their localities.

    Assessment times take few values, so a child's assessments often tie, and
    the records are shuffled, so that they are not grouped by child.
    """
    children = draw(st.integers(min_value=0, max_value=40))
    records = [
        AssessmentRecord(child, draw(taken_ats), draw(profiles))
        for child in range(children)
        for _ in range(draw(st.integers(min_value=1, max_value=3)))
    ]
    localities = [draw(st.integers(0, LOCALITIES - 1)) for _ in range(children)]
    return draw(st.permutations(records)), localities


pooled = st.sampled_from(PROFILE_POOL)
pooled_or_stored = pooled | pooled.map(Profile.as_dict)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(populations(pooled_or_stored), min_groups)
def test_every_group_equals_aggregate_of_its_children(population, min_group):
    records, localities = population
    assert_every_group_is_its_aggregate(records, placer(localities), min_group)


@pytest.mark.skipif(
    not VECTOR_PROFILES, reason="the conformance vectors are checked in test_vectors"
)
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    populations(st.sampled_from(VECTOR_PROFILES) if VECTOR_PROFILES else st.nothing()), min_groups
)
def test_every_group_equals_aggregate_on_the_conformance_vectors_profiles(population, min_group):
    records, localities = population
    assert_every_group_is_its_aggregate(records, placer(localities), min_group)


def test_the_vectors_profiles_make_populations_with_every_figure():
    """The vectors' profiles are varied enough for the check above to mean something."""
    assert VECTOR_PROFILES, "the conformance vectors are missing (see test_vectors)"
    records = [
        AssessmentRecord(child, child % 3, profile)
        for child, profile in enumerate(VECTOR_PROFILES * 2)
    ] + [AssessmentRecord(child, 5, VECTOR_PROFILES[-1 - child]) for child in range(20)]
    localities = [child % LOCALITIES for child in range(2 * len(VECTOR_PROFILES))]
    found = assert_every_group_is_its_aggregate(records, placer(localities), 5)
    whole = found["whole"]
    assert whole.children >= 20 and whole.raw_excluded > 0
    assert whole.alignment is not None
    assert sum(whole.raw_trend_counts.values()) > 0
    assert len([code for code in BAND_CODES if whole.raw_band_counts[code]]) >= 3


def test_a_large_population_in_one_pass():
    records = [
        AssessmentRecord(child, visit, PROFILE_POOL[(7 * child + 3 * visit) % len(PROFILE_POOL)])
        for child in range(600)
        for visit in range(child % 3 + 1)
    ]
    localities = [child % LOCALITIES for child in range(600)]
    found = assert_every_group_is_its_aggregate(records, placer(localities), 10)
    assert not found["whole"].suppressed and found["whole"].alignment is not None


def test_no_records_give_every_group_the_empty_aggregate():
    found = aggregate_groups([], placer([]), GROUPS, min_group=5)
    assert found == dict.fromkeys(GROUPS, aggregate([], min_group=5))


def test_another_schemes_records_keep_their_scheme_and_empty_groups_have_the_default():
    other = {**PROFILE_POOL[0].as_dict(), "scheme": "vsend-core/2"}
    records = [AssessmentRecord(child, 1, other) for child in range(6)]
    found = assert_every_group_is_its_aggregate(records, placer([0] * 6), 5)
    assert found["whole"].scheme == "vsend-core/2"
    assert found["nobody"].scheme == SCHEME


def test_records_of_two_schemes_are_refused():
    other = {**PROFILE_POOL[0].as_dict(), "scheme": "vsend-core/2"}
    records = [AssessmentRecord(0, 1, PROFILE_POOL[0]), AssessmentRecord(1, 1, other)]
    with pytest.raises(ScoringError) as error:
        aggregate_groups(records, placer([0, 1]), GROUPS)
    assert [item["field"] for item in error.value.errors] == ["scheme"]


def test_min_group_below_the_floor_is_refused():
    with pytest.raises(ScoringError) as error:
        aggregate_groups([], placer([]), GROUPS, min_group=4)
    assert [item["field"] for item in error.value.errors] == ["min_group"]


def test_intensities_with_more_than_two_places_are_averaged_exactly_too():
    """A profile made by hand may hold any decimal; the means are then worked out the long way."""
    base = score(dict.fromkeys(INDICATORS, 1), dict.fromkeys(AREA_CODES, 2))
    areas = dict(base.areas)
    areas["CI"] = type(areas["CI"])(**{**_fields(areas["CI"]), "intensity": Decimal("0.125")})
    odd = Profile(**{**_fields(base), "areas": MappingProxyType(areas)})
    records = [AssessmentRecord(child, 1, odd if child % 2 else base) for child in range(12)]
    found = assert_every_group_is_its_aggregate(records, placer([0] * 12), 5)
    assert found["whole"].areas["CI"].intensity == Decimal("0.56")  # (6 * 0.125 + 6 * 1) / 12


def _fields(value):
    return {name: getattr(value, name) for name in value.__slots__}
