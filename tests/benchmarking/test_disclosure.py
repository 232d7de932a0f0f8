"""Disclosure control of published rollups, as properties over random synthetic councils.

What an outsider sees is the published figures of a council and of the
groups of each dimension, which add up to it. Whatever the data:

- no count from 1 to 4 is ever shown, and a group under ``VSEND_MIN_GROUP``
  children shows nothing;
- inside a distribution, a hidden count never stands alone beside a count
  above zero (it would be the total minus the others);
- across a dimension, a group with children in it is never the only one
  hidden while another is shown, and no hidden count is the only unknown of
  its column (the council's count minus the groups' shown ones).
"""

import random

import pytest
from django.conf import settings as django_settings
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.benchmarking import reference
from tests.benchmarking.population import assess, enrol
from vsend_plugin.assessments.synthetic import history, leave_unrated
from vsend_plugin.benchmarking.disclosure import publish_partition
from vsend_plugin.benchmarking.models import Dimension
from vsend_plugin.benchmarking.rollups import rebuild
from vsend_plugin.scoring import BANDS, INDICATORS, AssessmentRecord, aggregate, score
from vsend_plugin.scoring.comparison import TRENDS

DISTRIBUTIONS = {"band_counts": tuple(band.code for band in BANDS), "trend_counts": TRENDS}
#: Every count cell of a group's figures: (field, label), label None for a single count.
CELLS = (("excluded", None),) + tuple(
    (field, label) for field, labels in DISTRIBUTIONS.items() for label in labels
)


@st.composite
def divided_councils(draw):
    """``(min_group, [records of each group])``: one council's children split into groups.

    Group sizes run from empty to a few times the minimum, so that groups are
    shown, suppressed and on the edge; ratings follow the synthetic population.
    """
    rng = random.Random(draw(st.integers(min_value=0, max_value=2**32)))
    min_group = draw(st.sampled_from([5, 10]))
    sizes = draw(
        st.lists(st.integers(min_value=0, max_value=3 * min_group), min_size=1, max_size=6)
    )
    incomplete_share = draw(st.sampled_from([0.0, 0.1, 0.4]))
    most = draw(st.integers(min_value=1, max_value=3))
    groups, child = [], 0
    for size in sizes:
        records = []
        for _ in range(size):
            child += 1
            for taken_at, synthetic in enumerate(history(rng, rng.randint(1, most))):
                synthetic = leave_unrated(rng, synthetic, share=incomplete_share)
                profile = score(synthetic.need, synthetic.provision, synthetic.family_confidence)
                records.append(AssessmentRecord(child, taken_at, profile))
        groups.append(records)
    return min_group, groups


def published(min_group, groups):
    """``(council's Aggregate, groups' Aggregates, groups' published figures)``."""
    council = aggregate([record for records in groups for record in records], min_group=min_group)
    aggregates = [aggregate(records, min_group=min_group) for records in groups]
    return council, aggregates, publish_partition(aggregates, whole=council)


def cell(figures, field, label):
    return figures[field] if label is None else figures[field][label]


def assert_group_publishable(figures, raw, min_group):
    if raw.children < min_group:
        assert figures == {"suppressed": True}
    if figures["suppressed"]:
        assert figures == {"suppressed": True}
        return
    assert figures["children"] >= min_group
    for field, label in CELLS:
        count = cell(figures, field, label)
        assert count is None or not 1 <= count <= 4, f"{field} {label}: {count} shown"
    for field in DISTRIBUTIONS:
        counts = list(figures[field].values())
        assert counts.count(None) != 1 or not any(counts), f"one hidden {field}: {counts}"
    reference.assert_published_from(raw, figures)


def assert_partition_publishable(council, aggregates, figures, cells=CELLS):
    """Across the groups of one dimension, against the council they add up to."""
    whole = council.as_dict()
    if whole["suppressed"]:
        assert all(group == {"suppressed": True} for group in figures)
        return
    hidden = [
        raw
        for raw, group in zip(aggregates, figures, strict=True)
        if group["suppressed"] and raw.children + raw.raw_excluded
    ]
    shown = [group for group in figures if not group["suppressed"]]
    assert len(hidden) != 1 or not shown, "a lone hidden group is the council minus the others"
    for field, label in cells:
        unknown = (
            int(cell(whole, field, label) is None)
            + len(hidden)
            + sum(1 for group in shown if cell(group, field, label) is None)
        )
        assert unknown != 1, (
            f"{field} {label}: the only unknown of its column could be worked out: "
            f"council {cell(whole, field, label)}, groups "
            f"{[group if group['suppressed'] else cell(group, field, label) for group in figures]}"
        )


@settings(max_examples=150, deadline=None)
@given(divided_councils())
def test_published_groups_show_no_small_count_and_no_lone_hidden_one(divided):
    min_group, groups = divided
    _, aggregates, figures = published(min_group, groups)
    for group, raw in zip(figures, aggregates, strict=True):
        assert_group_publishable(group, raw, min_group)


@settings(max_examples=150, deadline=None)
@given(divided_councils())
def test_no_group_or_count_can_be_worked_out_from_the_council_and_the_other_groups(divided):
    min_group, groups = divided
    council, aggregates, figures = published(min_group, groups)
    assert_partition_publishable(council, aggregates, figures)


def profile_with(communication_level):
    """Communication and interaction at a level, every other need at 0 (band A or B)."""
    return score(
        {code: communication_level if code.startswith("CI.") else 0 for code in INDICATORS}
    )


def test_a_count_hidden_in_one_group_alone_is_protected_in_another():
    """Band B: 3 children in Centre, 6 in Harbour. With the council's 9 shown, 9 - 6 gives 3."""
    levels = {"centre": [2] * 3 + [0] * 10, "harbour": [2] * 6 + [0] * 10}
    groups, child = [], 0
    for group_levels in levels.values():
        groups.append(
            [AssessmentRecord(child := child + 1, 0, profile_with(level)) for level in group_levels]
        )
    council, aggregates, figures = published(10, groups)

    assert council.as_dict()["band_counts"] == {"A": 20, "B": 9, "C": 0, "D": 0, "E": 0}
    assert [group["band_counts"] for group in figures] == [
        {"A": None, "B": None, "C": 0, "D": 0, "E": 0}
    ] * 2
    assert [group["children"] for group in figures] == [13, 16]
    assert_partition_publishable(council, aggregates, figures)


# The same rules, on what the rollups store ----------------------------------------------


@pytest.mark.django_db
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    sizes=st.lists(st.integers(min_value=0, max_value=14), min_size=4, max_size=4),
    seed=st.integers(min_value=0, max_value=10_000),
)
def test_stored_rollups_keep_every_rule(make_council, make_member, make_child, sizes, seed):
    with transaction.atomic():
        council = make_council(
            f"random{seed}", "E06000995", localities=("centre", "harbour", "hills", "marsh")
        )
        children = enrol(council, make_child, sizes, seed=seed)
        assess(children, make_member(council, "practitioner"), seed=seed, incomplete_share=0.2)
        rebuild([council])
        for period in reference.quarters(council):
            raw = reference.raw_aggregates(council, period)
            stored = reference.stored(council, period)
            (whole,) = [aggregate_ for _, _, aggregate_ in raw[Dimension.COUNCIL]]
            for dimension in Dimension.values:
                aggregates = [aggregate_ for _, _, aggregate_ in raw[dimension]]
                figures = [group for _, _, group in stored[dimension]]
                for group, own in zip(figures, aggregates, strict=True):
                    assert_group_publishable(group, own, django_settings.VSEND_MIN_GROUP)
                # Bands and primary areas split the counted children only, not the excluded.
                partitioned = CELLS if dimension in ("locality", "setting") else CELLS[1:]
                assert_partition_publishable(whole, aggregates, figures, partitioned)
        transaction.set_rollback(True)
