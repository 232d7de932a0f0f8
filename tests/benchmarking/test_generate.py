"""``vsend_generate``: synthetic councils at any size, stored as the product stores assessments.

The data must count right, look like the published national figures (about
one child in four in bands D and E; primary areas in the DfE mix), be stored
exactly as ``record_assessment`` stores an assessment, and read back through
the rollups and the benchmarks API like any other data.
"""

import io
import json
from collections import Counter, defaultdict
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.test import APIClient

from vsend_plugin.assessments.generation import Plan, council_data
from vsend_plugin.assessments.generation.children import Placement, draw_children
from vsend_plugin.assessments.models import (
    Assessment,
    AssessmentVersion,
    Child,
    PdfSummary,
)
from vsend_plugin.assessments.recording import record_assessment
from vsend_plugin.benchmarking.models import Rollup
from vsend_plugin.benchmarking.periods import period_of
from vsend_plugin.core.models import Council, PendingTask, Role, SettingKind
from vsend_site.home.models import CouncilHomePage

pytestmark = pytest.mark.django_db

UNTIL = "2026-09-30"
QUARTERS = ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]
BANDS_D_E = {"D", "E"}

#: Reference shares by vsend area (../shared/reference/dfe-send-statistics.md): EHC plans
#: (ASD + SLCN = CI, MLD + SLD + SpLD + PMLD = CL, PD + HI + VI + MSI = SP), and the county
#: profile of SEN support (SLCN + ASD = CI 30, SEMH 22, MLD + SpLD = CL 33).
EHC_AREA_SHARES = {"CI": 52.8, "SEMH": 20.7, "CL": 18.2, "SP": 6.4}
ALL_CHILDREN_AREA_SHARES = {
    "CI": 0.25 * 52.8 + 0.75 * 30,
    "SEMH": 0.25 * 20.7 + 0.75 * 22,
    "CL": 0.25 * 18.2 + 0.75 * 33,
}


def generate(**options):
    """Run the command as from a shell (options as text), ending on a fixed day."""
    out, err = io.StringIO(), io.StringIO()
    argv = []
    for name, value in {"until": UNTIL, **options}.items():
        flag = "--" + name.replace("_", "-")
        argv += [flag] if value is True else [flag, str(value)]
    call_command("vsend_generate", *argv, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def complete_per_child(council, *, latest=True):
    """Each child's latest (or first) complete version, worked out here, apart from the rollups."""
    chosen = {}
    versions = AssessmentVersion.objects.filter(
        assessment__council=council, complete=True
    ).values_list(
        "assessment__child_id", "assessment__taken_at", "assessment_id", "band", "primary_area"
    )
    for child, taken_at, assessment, band, primary_area in versions:
        order = (taken_at, assessment) if latest else (-taken_at.timestamp(), -assessment)
        if child not in chosen or chosen[child][0] < order:
            chosen[child] = (order, band, primary_area)
    return {child: (band, primary_area) for child, (_, band, primary_area) in chosen.items()}


def shares(values):
    counts = Counter(values)
    return {key: 100 * count / len(values) for key, count in counts.items()}


@pytest.fixture
def small(db):
    """Two councils of 40 children, three assessments each, over four quarters, rolled up."""
    return generate(councils=2, children=40, assessments_per_child=3, quarters=4)


def test_councils_are_made_with_their_sites_localities_settings_and_staff(small):
    councils = list(Council.objects.filter(slug__startswith="synthetic-").order_by("slug"))
    assert [c.slug for c in councils] == ["synthetic-001", "synthetic-002"]
    for council in councils:
        assert council.ons_code.startswith("E069")
        home = council.site.root_page.specific
        assert isinstance(home, CouncilHomePage) and home.live and home.title == council.name
        assert council.site.hostname == f"{council.slug}.localhost"
        assert council.localities.count() >= 3
        assert set(council.settings.values_list("kind", flat=True)) == set(SettingKind.values)
        for role in (Role.PRACTITIONER, Role.OFFICER):
            user = council.group_for(role).user_set.get()
            assert user.username == f"{council.slug}-{role.value}"
            assert not user.has_usable_password()


def test_children_and_assessments_count_right_and_are_spread_over_the_quarters(small):
    for council in Council.objects.filter(slug__startswith="synthetic-"):
        children = Child.objects.filter(council=council)
        assert children.count() == 40
        assert Assessment.objects.filter(council=council).count() == 120
        assert AssessmentVersion.objects.filter(assessment__council=council).count() == 120
        versions = AssessmentVersion.objects.filter(assessment__council=council)
        assert not versions.exclude(number=1).exists()
        for child in children.select_related("setting"):
            assert child.locality_id == child.setting.locality_id
            assert child.assessments.count() == 3
        quarters = Counter(
            period_of(t)
            for t in Assessment.objects.filter(council=council).values_list("taken_at", flat=True)
        )
        assert set(quarters) == set(QUARTERS)
        assert len(set(children.values_list("setting", flat=True))) > 5
        assert len(set(children.values_list("locality", flat=True))) >= 3
    assert not PendingTask.objects.exists(), "no task is queued for generated data"
    assert not PdfSummary.objects.exists()


def test_versions_are_stored_exactly_as_record_assessment_stores_them(small):
    fields = [
        "number",
        "source",
        "author_id",
        "form_id",
        "form_version",
        "need",
        "provision",
        "family_confidence",
        "strengths",
        "aspirations",
        "views",
        "family_views",
        "family_aspirations",
        "answers",
        "scheme",
        "profile",
        "complete",
        "band",
        "primary_area",
    ]
    generated = AssessmentVersion.objects.select_related("assessment__child").order_by("pk")[:25]
    for version in generated:
        assessment = version.assessment
        recorded = record_assessment(
            assessment.child,
            assessment.created_by,
            need=version.need,
            provision=version.provision,
            family_confidence=version.family_confidence,
            taken_at=assessment.taken_at,
            queue_tasks=False,
        )
        recorded.refresh_from_db()
        assert {f: getattr(recorded, f) for f in fields} == {f: getattr(version, f) for f in fields}
        recorded.assessment.delete()


def test_the_rollups_are_rebuilt_and_read_back_what_was_generated(small):
    out, err = small
    assert "Made 2 councils (synthetic-001 to synthetic-002)" in out
    assert "rollups" in out
    assert "120/240 assessments" in err or "240/240 assessments" in err  # progress lines in a log
    council = Council.objects.get(slug="synthetic-001")
    periods = Rollup.objects.filter(council=council).values_list("period", flat=True)
    assert sorted(set(periods)) == QUARTERS
    for period in QUARTERS:
        in_quarter = Assessment.objects.filter(council=council).values_list("child_id", "taken_at")
        children = {child for child, taken_at in in_quarter if period_of(taken_at) == period}
        figures = Rollup.objects.get(council=council, period=period, dimension="council").figures
        if not figures["suppressed"]:
            assert figures["children"] + (figures["excluded"] or 0) <= len(children)
            assert figures["children"] >= len(children) - 4


def test_an_officer_reads_the_generated_council_through_the_api(small):
    council = Council.objects.get(slug="synthetic-001")
    client = APIClient()
    client.force_authenticate(council.group_for(Role.OFFICER).user_set.get())
    body = client.get("/api/vsend/v1/benchmarks/", {"by": "locality", "period": "2026-Q3"}).json()
    assert body["period"] == "2026-Q3"
    assert {group["key"]["locality"] for group in body["groups"]} == set(
        council.localities.values_list("slug", flat=True)
    )


def test_running_again_adds_councils_after_the_last(small):
    out, _ = generate(councils=1, children=5, assessments_per_child=1, quarters=1, no_rollup=True)
    assert "synthetic-003" in out and "not rebuilt" in out
    added = Council.objects.get(slug="synthetic-003")
    assert added.children.count() == 5
    assert not Rollup.objects.filter(council=added).exists()


def test_a_council_already_holding_a_generated_code_is_named_not_crashed_into(make_council):
    make_council("elsewhere", "E06900001")
    with pytest.raises(CommandError, match=r"Elsewhere Council \(elsewhere, E06900001\)"):
        generate(councils=1, children=5, assessments_per_child=1)
    assert not Council.objects.filter(slug__startswith="synthetic-").exists()


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--councils", "0"], "Councils must be a whole number from 1"),
        (["--children", "-5"], "Children must be a whole number from 1"),
        (["--assessments-per-child", "0"], "Assessments per child must be"),
        (["--quarters", "0"], "Quarters must be"),
        (["--children", "lots"], "invalid int value"),
        (["--until", "30/09/2026"], "Give --until as YYYY-MM-DD"),
        (["--until", "2999-01-01"], "cannot end in the future"),
        (["--councils", "1000"], "Councils must be a whole number from 1 to 999"),
    ],
)
def test_bad_arguments_are_a_command_error(argv, message):
    with pytest.raises(CommandError, match=message):
        call_command("vsend_generate", *argv, stdout=io.StringIO(), stderr=io.StringIO())
    assert not Council.objects.exists()


def test_the_band_mix_and_primary_areas_follow_the_reference_figures():
    generate(councils=1, children=1500, assessments_per_child=3, quarters=4, no_rollup=True)
    council = Council.objects.get(slug="synthetic-001")
    first, latest = complete_per_child(council, latest=False), complete_per_child(council)
    assert len(latest) >= 1450  # a few children have only incomplete assessments

    for profiles in (first, latest):  # about one in four in D-E, and it holds over repeats
        bands = shares([band for band, _ in profiles.values()])
        assert 19 <= bands["D"] + bands["E"] <= 31, bands
        assert bands["D"] > bands["E"] > 0 and bands["A"] > 0

    everyone = shares([area for _, area in latest.values()])
    for area, share in ALL_CHILDREN_AREA_SHARES.items():
        assert abs(everyone[area] - share) <= 6, (area, everyone)
    assert 3 <= everyone["SP"] <= 13, everyone
    # Children first seen with high needs are those with EHC plans: the EHC mix of needs.
    high_needs = shares([area for band, area in first.values() if band in BANDS_D_E])
    for area, share in EHC_AREA_SHARES.items():
        assert abs(high_needs[area] - share) <= 7, (area, high_needs)


def test_children_with_high_needs_are_more_often_in_special_schools():
    generate(councils=1, children=1000, assessments_per_child=1, quarters=2, no_rollup=True)
    council = Council.objects.get(slug="synthetic-001")
    latest = complete_per_child(council)
    kinds = dict(Child.objects.filter(council=council).values_list("pk", "setting__kind"))
    by_kind = defaultdict(list)
    for child, (band, _) in latest.items():
        by_kind[kinds[child]].append(band in BANDS_D_E)
    special = sum(by_kind["special"]) / len(by_kind["special"])
    mainstream_children = by_kind["primary"] + by_kind["secondary"]
    mainstream = sum(mainstream_children) / len(mainstream_children)
    assert special > 0.6 > 0.2 > mainstream


def test_council_descriptions_are_the_same_for_the_same_seed_and_grow_with_the_council():
    assert council_data(7, children=500, seed=3) == council_data(7, children=500, seed=3)
    assert council_data(7, children=500, seed=3) != council_data(7, children=500, seed=4)
    small_council = council_data(1, children=100)
    large_council = council_data(1, children=20000)
    assert len(small_council["settings"]) == len(SettingKind.values)
    assert len(large_council["settings"]) > 200 and len(large_council["localities"]) == 8
    assert len({s["name"] for s in large_council["settings"]}) == len(large_council["settings"])
    assert date.fromisoformat(UNTIL)  # the fixed end keeps the quarters above stable


def test_worker_processes_draw_the_same_children_as_one_process():
    generate(
        councils=1, children=2100, assessments_per_child=1, quarters=2, workers=2, no_rollup=True
    )
    council = Council.objects.get(slug="synthetic-001")
    plan = Plan(
        councils=1,
        children=2100,
        assessments_per_child=1,
        quarters=2,
        until=date.fromisoformat(UNTIL),
    )
    placement = Placement.of(council, 1, plan.seed)
    stored = dict(
        AssessmentVersion.objects.filter(assessment__council=council).values_list(
            "assessment__child__case_reference", "need"
        )
    )
    assert len(stored) == 2100
    for batch, first in ((0, 1), (2, 2001)):  # the first and the last batch
        for number, drawn in enumerate(draw_children(plan, placement, batch, first, 100), first):
            ((_, columns),) = drawn.assessments
            assert stored[f"SY001-{number:07d}"] == json.loads(columns["need"])


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_on_a_terminal_the_progress_is_one_bar_redrawn_in_place():
    from django.core.management.base import OutputWrapper

    from vsend_plugin.core.progress import Progress

    screen = Terminal()
    bar = Progress(OutputWrapper(screen), 200, "assessments")
    for done in (50, 100, 200):
        bar(done, "synthetic-001")
    bar.finish()
    lines = screen.getvalue().split("\r")
    assert lines[0] == "" and len(lines) == 4
    assert lines[1].startswith("[#######.......................] 50/200 assessments")
    assert lines[3].startswith("[##############################] 200/200 assessments")
    assert screen.getvalue().endswith("\n")
