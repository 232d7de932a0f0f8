"""Erasure: ``DELETE children/{id}/`` leaves nothing of the child, and others' figures as they were.

A child with everything vsend can hold (assessments with a family version,
PDFs, a draft, a plan, a second rating, a family with access, access log
entries) is erased by an officer. Then every front-end and API address of the
URL table is asked, as the officer and as the family, with every id the
child's things had; the private files folder and the access log are read;
and the child's name and case reference appear nowhere, while another
child's rollups are exactly as before.
"""

import re

import pytest
from django.test import Client
from django.urls import get_resolver
from guardian.shortcuts import assign_perm
from rest_framework.test import APIClient

from tests.conftest import create_child, create_council, create_member
from tests.url_table import walk
from vsend_plugin.assessments.models import (
    AccessEvent,
    Assessment,
    AssessmentVersion,
    Child,
    NeedsMappingDraft,
    PdfSummary,
)
from vsend_plugin.assessments.recording import record_assessment
from vsend_plugin.assessments.tasks import make_pdf_summary
from vsend_plugin.benchmarking.models import Rollup
from vsend_plugin.benchmarking.rollups import rebuild
from vsend_plugin.core.models import Role
from vsend_plugin.moderation.models import SecondRating
from vsend_plugin.moderation.ratings import record_second_rating
from vsend_plugin.moderation.rounds import open_round
from vsend_plugin.needs_forms.importing import import_form
from vsend_plugin.needs_forms.library import read_library_file
from vsend_plugin.planning.models import SupportPlan, SupportPlanVersion
from vsend_plugin.planning.plans import save_plan
from vsend_plugin.planning.scheme import empty_trajectory
from vsend_plugin.records.erasure import pseudonym_of
from vsend_plugin.scoring import INDICATORS

NAME, REFERENCE = "Zebedee", "NS-ERASE-1"
PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(pdf_storage, django_user_model):
    northshire = create_council("northshire", "E06000047")
    practitioner = create_member(northshire, Role.PRACTITIONER, "ns-practitioner")
    create_member(northshire, Role.PRACTITIONER, "ns-psychologist")
    officer = create_member(northshire, Role.OFFICER, "ns-officer")
    parent = django_user_model.objects.create_user("zebs-parent", password="x")
    child = create_child(northshire, REFERENCE, NAME)
    child.practitioners.add(practitioner)
    assign_perm("vsend_assessments.view_child", parent, child)
    versions = [
        record_assessment(child, practitioner, need=dict.fromkeys(INDICATORS, level))
        for level in (1, 3)
    ]
    save_plan(
        child,
        {
            "support": [],
            "outcomes": [{"area": "CI", "text": f"{NAME} asks for help", "horizon": "next_review"}],
            "trajectory": empty_trajectory(),
        },
        author=practitioner,
    )
    for version in versions:  # after the plan, whose saving has them made afresh
        make_pdf_summary(version.pk)
    moderation_round = open_round(northshire, [versions[0].assessment_id], ["ns-psychologist"])
    record_second_rating(moderation_round.second_ratings.get(), dict.fromkeys(INDICATORS, 2))
    council_form, _ = import_form(read_library_file("core-needs-mapping"), northshire)
    NeedsMappingDraft.objects.create(
        child=child,
        council=northshire,
        author=practitioner,
        form=council_form,
        form_version=council_form.version,
        answers={},
    )
    other = create_child(northshire, "NS-STAYS-1", "Remains")
    other.practitioners.add(practitioner)
    record_assessment(other, practitioner, need=dict.fromkeys(INDICATORS, 2))
    for _ in range(2):
        client = Client(HTTP_HOST=northshire.site.hostname)
        client.force_login(officer)
        client.get(f"/children/{child.pk}/")
    westmoor = create_council("westmoor", "E06000048")
    elsewhere = create_child(westmoor, "WM-STAYS-1", "Elsewhere")
    record_assessment(
        elsewhere, create_member(westmoor, Role.PRACTITIONER), need=dict.fromkeys(INDICATORS, 1)
    )
    rebuild()
    return {
        "westmoor": westmoor,
        "council": northshire,
        "child": child,
        "other": other,
        "officer": officer,
        "parent": parent,
        "practitioner": practitioner,
        "ids": sorted({child.pk, *(v.pk for v in versions), *(v.assessment_id for v in versions)}),
        "storage": pdf_storage,
        "host": northshire.site.hostname,
    }


@pytest.fixture
def erase(django_capture_on_commit_callbacks):
    """Erase through the API; what waits for the commit (files, rollups) runs as it would."""

    def delete(world, user=None):
        client = APIClient()
        client.force_authenticate(user or world["officer"])
        with django_capture_on_commit_callbacks(execute=True):
            return client.delete(f"/api/vsend/v1/children/{world['child'].pk}/")

    return delete


def test_an_officer_erases_everything_and_the_log_keeps_a_pseudonym(world, erase):
    child = world["child"]
    pseudonym = pseudonym_of(child)
    files = [
        s.file.name for s in PdfSummary.objects.filter(version__assessment__child=child) if s.file
    ]
    assert len(files) == 2 and all(world["storage"].exists(name) for name in files)
    logged_before = AccessEvent.objects.filter(child=child).count()
    assessments = list(child.assessments.values_list("pk", flat=True))
    versions = list(
        AssessmentVersion.objects.filter(assessment__child=child).values_list("pk", flat=True)
    )
    response = erase(world)
    assert response.status_code == 204 and response.content == b""
    assert not Child.objects.filter(pk=child.pk).exists()
    assert not Assessment.objects.filter(pk__in=assessments).exists()
    assert not AssessmentVersion.objects.filter(pk__in=versions).exists()
    assert not PdfSummary.objects.filter(version__in=versions).exists()
    assert AssessmentVersion.objects.filter(assessment__child=world["other"]).count() == 1
    assert not SupportPlan.objects.exists() and not SupportPlanVersion.objects.exists()
    assert not SecondRating.objects.exists() and not NeedsMappingDraft.objects.exists()
    assert not any(world["storage"].exists(name) for name in files)
    kept = AccessEvent.objects.filter(child_pseudonym=pseudonym)
    assert kept.count() == logged_before + 1  # the erasure itself is logged too
    assert kept.filter(action="erased", username="ns-officer").count() == 1
    assert not kept.exclude(path="").exists()


def test_nothing_anywhere_mentions_the_child_afterwards(world, erase):
    erase(world)
    leaks = []
    for user in (world["officer"], world["parent"], world["practitioner"]):
        client = Client(HTTP_HOST=world["host"])
        client.force_login(user)
        for route, name, _pattern in walk(get_resolver().url_patterns):
            if "(?P" in route or "^" in route or "failwhale" in route:
                continue
            if route.startswith("admin/") and user != world["officer"]:
                continue  # closed to them: the admin answers with its sign-in page
            parameters = list(PARAMETER.finditer(route))
            if any((p["converter"] or "str") != "int" for p in parameters):
                continue
            for value in world["ids"] if parameters else [None]:
                path = "/" + PARAMETER.sub(str(value), route)
                response = client.get(path)
                body = b"" if response.streaming else response.content
                if NAME.encode() in body or REFERENCE.encode() in body:
                    leaks.append(f"{user}: {name} {path}")
    assert not leaks, "\n".join(leaks)
    everything = b"".join(
        path.read_bytes() for path in world["storage"].base_location.rglob("*") if path.is_file()
    )
    assert NAME.encode() not in everything
    log = " ".join(str(v) for v in AccessEvent.objects.values_list("path", "child_pseudonym"))
    assert REFERENCE not in log


def rollups(council):
    rows = Rollup.objects.filter(council=council)
    return sorted(rows.values_list("pk", "period", "dimension", "group", "figures", "computed_at"))


def test_other_childrens_figures_are_exactly_as_before(world, erase):
    elsewhere = rollups(world["westmoor"])
    erase(world)
    assert rollups(world["westmoor"]) == elsewhere  # not even recomputed
    recomputed = [row[1:5] for row in rollups(world["council"])]
    rebuild([world["council"]])
    assert [row[1:5] for row in rollups(world["council"])] == recomputed
    children = {row[4].get("children") for row in rollups(world["council"]) if row[2] == "council"}
    assert children <= {None, 1}  # only the child who stays (shown or hidden, never 2)


@pytest.mark.parametrize("who,status", [("practitioner", 403), ("parent", 403)])
def test_only_officers_erase(world, erase, who, status):
    assert erase(world, world[who]).status_code == status
    assert Child.objects.filter(pk=world["child"].pk).exists()
