"""Stored rollups are ``aggregate()`` of the same data, however they were made.

Every comparison is against :mod:`tests.benchmarking.reference`, which reads
the assessments one by one and groups the children by hand: after a full
rebuild (the function and ``manage.py vsend_rollup``), and after the
incremental path an assessment takes in production (recorded, the hook
queues the task through the outbox, the task recomputes its quarter).
"""

import gc
from datetime import datetime, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.benchmarking import reference
from tests.benchmarking.population import IN_Q2, IN_Q3, add_settings, assess, enrol
from tests.conftest import create_child, create_council, create_member
from tests.once import copy_for_a_test, made_once_a_module
from vsend_plugin.assessments.models import Assessment
from vsend_plugin.assessments.recording import add_family_contribution, record_assessment
from vsend_plugin.benchmarking.models import Dimension, Rollup
from vsend_plugin.benchmarking.rollups import (
    ROLLUP_TASK,
    cyclic_collection_paused,
    rebuild,
    update_rollup,
)
from vsend_plugin.core.models import PendingTask, Role
from vsend_plugin.scoring import AREA_CODES, INDICATORS

pytestmark = pytest.mark.django_db

IN_Q4 = timezone.make_aware(datetime(2026, 10, 20, 10))


@made_once_a_module
def population():
    """Eastvale in two quarters (settings from empty to 30 children), Westmoor in one."""
    eastvale = create_council(
        "eastvale", "E06000993", localities=("centre", "harbour", "hills", "marsh")
    )
    add_settings(eastvale)  # three settings in each locality
    westmoor = create_council("westmoor", "E06000992")
    author = create_member(eastvale, Role.PRACTITIONER)
    children = enrol(eastvale, create_child, [30, 14, 0, 3, 12, 9, 25, 11, 2, 16, 0, 7], seed=5)
    assess(children[::2], author, seed=6, when=IN_Q2)
    assess(children, author, seed=7, when=IN_Q3, incomplete_share=0.25)
    others = enrol(westmoor, create_child, [12, 6], seed=8)
    assess(others, create_member(westmoor, Role.PRACTITIONER), seed=9, when=IN_Q3)
    return eastvale, westmoor


@pytest.fixture
def councils(population):
    """The two councils, made once for the module (tests/once.py): each test's own copy."""
    return copy_for_a_test(population)


def all_rows():
    """Every stored rollup, without its id and time, in a fixed order."""
    return sorted(
        (
            row.council_id,
            row.scheme,
            row.period,
            row.dimension,
            row.group,
            row.label,
            row.position,
            row.figures,
        )
        for row in Rollup.objects.all()
    )


def stored_periods(council):
    return set(Rollup.objects.filter(council=council).values_list("period", flat=True))


def assert_every_quarter_matches(*councils):
    for council in councils:
        assert stored_periods(council) == reference.quarters(council)
        for period in reference.quarters(council):
            reference.assert_rollups_match(council, period)


def need_in(area_code, level):
    """Every indicator at 0 but those of one area, at ``level``: band A (1) to D (4)."""
    return {code: level if code.startswith(f"{area_code}.") else 0 for code in INDICATORS}


def without(area_code, need):
    """``need`` with one area not rated at all: an incomplete profile."""
    return {code: level for code, level in need.items() if not code.startswith(f"{area_code}.")}


# A full rebuild ---------------------------------------------------------------------------


def test_a_rebuild_stores_aggregate_of_every_group_in_every_dimension(councils):
    eastvale, westmoor = councils

    stored = rebuild()

    assert stored == Rollup.objects.count()
    assert reference.quarters(eastvale) == {"2026-Q2", "2026-Q3"}
    assert_every_quarter_matches(eastvale, westmoor)
    # The data reaches every rule: shown and suppressed groups, hidden counts, excluded children.
    settings_q3 = reference.stored(eastvale, "2026-Q3")[Dimension.SETTING]
    assert {figures["suppressed"] for _, _, figures in settings_q3} == {True, False}
    shown = [
        figures
        for groups in reference.stored(eastvale, "2026-Q3").values()
        for _, _, figures in groups
        if not figures["suppressed"]
    ]
    assert max(figures["children"] for figures in shown) > 100
    assert any(None in figures["band_counts"].values() for figures in shown)
    assert any(figures["excluded"] for figures in shown)


def test_the_command_rebuilds_every_council_and_shows_its_progress(councils):
    eastvale, westmoor = councils
    out, err = StringIO(), StringIO()

    call_command("vsend_rollup", stdout=out, stderr=err)

    assert_every_quarter_matches(eastvale, westmoor)
    progress = err.getvalue().splitlines()
    assert progress == [
        "1/3 quarters done (eastvale 2026-Q2)",
        "2/3 quarters done (eastvale 2026-Q3)",
        "3/3 quarters done (westmoor 2026-Q3)",
    ]
    assert f"Stored {Rollup.objects.count()} rollups for 2 councils" in out.getvalue()


def test_the_command_rebuilds_only_the_councils_named(councils):
    eastvale, westmoor = councils

    call_command("vsend_rollup", "--council", "westmoor", stdout=StringIO(), stderr=StringIO())

    assert stored_periods(eastvale) == set()
    assert_every_quarter_matches(westmoor)


@pytest.mark.parametrize("named", [["nowhere"], ["eastvale", "nowhere"]])
def test_an_unknown_council_is_a_command_error_naming_it(councils, named):
    arguments = [argument for slug in named for argument in ("--council", slug)]
    with pytest.raises(CommandError) as error:
        call_command("vsend_rollup", *arguments, stdout=StringIO(), stderr=StringIO())
    assert "nowhere" in str(error.value)
    assert "eastvale" not in str(error.value)
    assert not Rollup.objects.exists()


@pytest.mark.parametrize("enabled", [True, False])
def test_rollups_leave_the_cycle_collector_as_they_found_it(councils, enabled):
    eastvale, _ = councils
    (gc.enable if enabled else gc.disable)()
    try:
        rebuild()
        assert gc.isenabled() is enabled
        update_rollup(eastvale.pk, "2026-Q3")
        assert gc.isenabled() is enabled
    finally:
        gc.enable()


def test_the_cycle_collector_is_off_while_records_are_aggregated_and_back_after_an_error():
    with pytest.raises(RuntimeError), cyclic_collection_paused():
        assert not gc.isenabled()
        raise RuntimeError("a rebuild that fails")
    assert gc.isenabled()


def test_rebuilding_twice_stores_the_same_rollups(councils):
    rebuild()
    first = all_rows()
    rebuild()
    assert all_rows() == first
    call_command("vsend_rollup", stdout=StringIO(), stderr=StringIO())
    assert all_rows() == first


def test_a_rebuild_removes_quarters_that_no_longer_have_assessments(councils):
    eastvale, westmoor = councils
    rebuild()
    westmoor_rows = list(Rollup.objects.filter(council=westmoor).values())

    Assessment.objects.filter(council=eastvale, taken_at__lt=IN_Q3 - timedelta(days=30)).delete()
    rebuild([eastvale])

    assert stored_periods(eastvale) == {"2026-Q3"}
    reference.assert_rollups_match(eastvale, "2026-Q3")
    assert list(Rollup.objects.filter(council=westmoor).values()) == westmoor_rows  # untouched


def test_a_quarter_that_gains_its_first_assessment_during_a_rebuild_is_kept(councils, make_child):
    """The task of an assessment recorded while a rebuild runs must not have its work undone."""
    eastvale, westmoor = councils
    author = eastvale.assessments.first().created_by

    def meanwhile(done, total, council, period):
        if done == total:  # the rebuild has listed its quarters and done them all
            (child,) = enrol(eastvale, make_child, [1], seed=3, prefix="late")
            record_assessment(
                child, author, need=need_in("CI", 2), taken_at=IN_Q4, queue_tasks=False
            )
            update_rollup(eastvale.pk, "2026-Q4")  # what the queued task does

    rebuild(progress=meanwhile)

    assert stored_periods(eastvale) == {"2026-Q2", "2026-Q3", "2026-Q4"}
    reference.assert_rollups_match(eastvale, "2026-Q4")


# Incremental updates ----------------------------------------------------------------------


def test_each_assessment_updates_its_quarter_through_the_hook_and_the_task(
    councils, make_member, make_child, django_capture_on_commit_callbacks
):
    """Each kind of change an assessment brings, through the path it takes in production."""
    eastvale, westmoor = councils
    rebuild()
    author = make_member(eastvale, Role.PRACTITIONER, "eastvale-second-practitioner")
    newcomers = enrol(eastvale, make_child, [0, 0, 2], seed=21, prefix="N")  # an empty setting
    returning = list(eastvale.children.filter(case_reference__startswith="C")[:2])

    with django_capture_on_commit_callbacks(execute=True):
        record_assessment(newcomers[0], author, need=need_in("CI", 3), taken_at=IN_Q3)
        record_assessment(
            newcomers[1], author, need=without("IND", need_in("CL", 2)), taken_at=IN_Q3
        )  # excluded
        # A counted child's latest profile, in another band and primary area now.
        record_assessment(
            returning[0], author, need=need_in("SEMH", 4), taken_at=IN_Q3 + timedelta(days=45)
        )
        record_assessment(returning[1], author, need=need_in("SP", 1), taken_at=IN_Q4)

    queued = PendingTask.objects.filter(name=ROLLUP_TASK)
    assert sorted(tuple(task.arguments) for task in queued) == [(eastvale.pk, "2026-Q3")] * 3 + [
        (eastvale.pk, "2026-Q4")
    ]
    assert not queued.filter(sent_at__isnull=True).exists()
    assert_every_quarter_matches(eastvale, westmoor)

    incremental = all_rows()
    rebuild()
    assert all_rows() == incremental


def test_a_familys_new_version_changes_the_rollup(
    councils, django_user_model, django_capture_on_commit_callbacks
):
    eastvale, _ = councils
    rebuild()
    before = reference.stored(eastvale, "2026-Q3")[Dimension.COUNCIL][0][2]
    family = django_user_model.objects.create_user("a-parent-carer")
    # Families who had not said how confident they feel, in the children's latest assessments.
    latest = [child.latest_assessment() for child in eastvale.children.all()]
    unheard = [
        assessment
        for assessment in latest
        if assessment.current.profile["complete"] and not assessment.current.family_confidence
    ]
    assert len(unheard) >= 3

    with django_capture_on_commit_callbacks(execute=True):
        for assessment in unheard[:3]:
            add_family_contribution(
                assessment, family, family_confidence=dict.fromkeys(AREA_CODES, 0)
            )

    after = reference.stored(eastvale, "2026-Q3")[Dimension.COUNCIL][0][2]
    for code in AREA_CODES:
        assert (
            after["areas"][code]["family_confidence"] < before["areas"][code]["family_confidence"]
        ), code
    reference.assert_rollups_match(eastvale, "2026-Q3")
