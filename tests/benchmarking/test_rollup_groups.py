"""Rollups by quarter and by group, each test on a small population of its own.

Like test_rollups.py, every comparison is against
:mod:`tests.benchmarking.reference`; there the tests share one population
made once for their module, here each makes the few children it needs.
"""

from datetime import UTC, datetime

import pytest
from django.utils import timezone

from tests.benchmarking import reference
from tests.benchmarking.population import IN_Q3, enrol
from vsend_plugin.assessments.recording import record_assessment
from vsend_plugin.benchmarking import rollups
from vsend_plugin.benchmarking.models import Dimension, Rollup
from vsend_plugin.benchmarking.rollups import ROLLUP_TASK, rebuild
from vsend_plugin.core.models import PendingTask, Role
from vsend_plugin.scoring import AREA_CODES, INDICATORS

pytestmark = pytest.mark.django_db


def need_in(area_code, level):
    """Every indicator at 0 but those of one area, at ``level``: band A (1) to D (4)."""
    return {code: level if code.startswith(f"{area_code}.") else 0 for code in INDICATORS}


def without(area_code, need):
    """``need`` with one area not rated at all: an incomplete profile."""
    return {code: level for code, level in need.items() if not code.startswith(f"{area_code}.")}


# Quarters ---------------------------------------------------------------------------------


def test_an_assessment_counts_in_its_london_quarter(
    northshire, make_member, make_child, settings, django_capture_on_commit_callbacks
):
    settings.VSEND_MIN_GROUP = 5
    author = make_member(northshire, Role.PRACTITIONER)
    children = enrol(northshire, make_child, [6, 6], seed=1)
    late_june = datetime(2026, 6, 30, 22, 30, tzinfo=UTC)  # 23:30 on 30 June in London
    early_july = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)  # 00:30 on 1 July in London
    for child, moment in zip(children[1:], [late_june] * 6 + [early_july] * 5, strict=True):
        record_assessment(child, author, need=need_in("CL", 2), taken_at=moment, queue_tasks=False)

    # Recorded by someone whose admin pages show New York time (still 30 June there).
    with django_capture_on_commit_callbacks(execute=True), timezone.override("America/New_York"):
        record_assessment(children[0], author, need=need_in("CL", 2), taken_at=early_july)

    assert [task.arguments for task in PendingTask.objects.filter(name=ROLLUP_TASK)] == [
        [northshire.pk, "2026-Q3"]
    ]
    (july,) = Rollup.objects.filter(council=northshire, period="2026-Q3", dimension="council")
    assert july.figures["children"] == 6

    with timezone.override("Asia/Tokyo"):
        assert rollups.periods_with_assessments(northshire) == ["2026-Q2", "2026-Q3"]
        rebuild()
    for period in ("2026-Q2", "2026-Q3"):
        (council,) = Rollup.objects.filter(council=northshire, period=period, dimension="council")
        assert council.figures["children"] == 6
        reference.assert_rollups_match(northshire, period)


# Groups -----------------------------------------------------------------------------------


def assess_each(children, author, needs, when=IN_Q3):
    for child, need in zip(children, needs, strict=True):
        record_assessment(child, author, need=need, taken_at=when, queue_tasks=False)


def test_the_groups_of_each_dimension_partition_the_councils_children(
    northshire, make_member, make_child, settings
):
    """With every group large enough to show, the groups add up to the council."""
    settings.VSEND_MIN_GROUP = 5
    author = make_member(northshire, Role.PRACTITIONER)
    children = enrol(northshire, make_child, [20, 10], seed=2, elsewhere_share=0.3)
    # Bands A to D, 10, 10, 5 and 5 children; each area the primary area of 6.
    assess_each(
        children,
        author,
        [need_in(AREA_CODES[index % 5], (1, 2, 3, 4, 1, 2)[index // 5]) for index in range(30)],
    )
    unassessed = enrol(northshire, make_child, [0, 5], seed=3, prefix="X", elsewhere_share=0)
    assess_each(unassessed, author, [without("SP", need_in("CI", 2))] * 5)  # excluded
    rebuild()

    figures = reference.stored(northshire, "2026-Q3")
    (council,) = [group for _, _, group in figures[Dimension.COUNCIL]]
    assert (council["children"], council["excluded"]) == (30, 5)
    assert council["band_counts"] == {"A": 10, "B": 10, "C": 5, "D": 5, "E": 0}
    for dimension in set(Dimension.values) - {Dimension.COUNCIL}:
        shown = [group for _, _, group in figures[dimension] if not group["suppressed"]]
        assert sum(group["children"] for group in shown) == 30, dimension
    for dimension in (Dimension.LOCALITY, Dimension.SETTING):  # excluded children live somewhere
        assert (
            sum(group["excluded"] for _, _, group in figures[dimension] if not group["suppressed"])
            == 5
        ), dimension
    for key, _, group in figures[Dimension.BAND]:  # each band's group holds all of its children
        if not group["suppressed"]:
            assert group["band_counts"] == {
                band: count if band == key else 0 for band, count in council["band_counts"].items()
            }
    assert [key for key, _, group in figures[Dimension.BAND] if group["suppressed"]] == ["E"]
    assert [key for key, _, group in figures[Dimension.PRIMARY_AREA] if group["suppressed"]] == [
        "none"
    ]
    reference.assert_rollups_match(northshire, "2026-Q3")


def test_a_lone_hidden_group_takes_the_smallest_shown_one_with_it(
    make_council, make_member, make_child
):
    council = make_council("fenland", "E06000994", localities=("centre", "harbour", "hills"))
    author = make_member(council, Role.PRACTITIONER)
    children = enrol(council, make_child, [12, 15, 3], seed=4, elsewhere_share=0)
    assess_each(children, author, [need_in("SP", 1 + index % 4) for index in range(30)])
    rebuild()

    for dimension in (Dimension.LOCALITY, Dimension.SETTING):
        shown = {
            key: figures.get("children")
            for key, _, figures in reference.stored(council, "2026-Q3")[dimension]
        }
        # Hills (3 children) is too small; Centre (12) goes with it, or 30 - 15 would give 3.
        assert sorted(shown.values(), key=str) == [15, None, None]
    reference.assert_rollups_match(council, "2026-Q3")
