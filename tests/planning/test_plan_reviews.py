"""After a needs mapping: the plan's open outcomes reviewed, the child's page, the PDF.

Recording a new needs mapping leads the practitioner to review the child's
open outcomes (each review a version tied to that assessment); the child's
page links to the plan and says what support was in place and what happened
to the need since; the PDF summary carries the road to adulthood.
"""

import subprocess
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.assessments.mapping import record_by_steps
from vsend_plugin.assessments.models import Assessment, PdfSummary
from vsend_plugin.assessments.recording import record_assessment
from vsend_plugin.assessments.tasks import make_pdf_summary
from vsend_plugin.needs_forms.binding import bindings
from vsend_plugin.planning import scheme
from vsend_plugin.planning.models import Outcome, SupportPlan
from vsend_plugin.planning.plans import save_plan

from .plan_scene import make_scene, need

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(northshire, make_member, make_child, django_user_model):
    return make_scene(northshire, make_member, make_child, django_user_model)


def plan_with(scene, **parts):
    plan = {"support": [], "outcomes": [], "trajectory": scheme.empty_trajectory()}
    plan.update(parts)
    return save_plan(scene["child"], plan, author=scene["practitioner"])


def answers(council_form, level=1):
    data = {"form_version": council_form.version}
    for binding in bindings(council_form.form.fields):
        if binding.field_type == "need_rating":
            data[binding.field_name] = level
        elif binding.field_type == "provision_rating":
            data[binding.field_name] = 1
        else:
            data[binding.field_name] = "Some words"
    return data


OUTCOMES = [
    {"area": "IND", "text": "Makes a snack", "horizon": "next_review", "adulthood": ""},
    {"area": "CI", "text": "Asks for help", "horizon": "next_review", "adulthood": ""},
]


def test_recording_a_needs_mapping_leads_to_reviewing_open_outcomes(client, scene):
    child = scene["child"]
    plan_with(scene, outcomes=OUTCOMES)
    client.force_login(scene["practitioner"])
    response = record_by_steps(client, child, scene["form"], answers(scene["form"]))
    assessment = Assessment.objects.get()
    review = reverse("vsend_plan_review", args=[child.pk])
    assert response.status_code == 302
    assert response["Location"] == f"{review}?assessment={assessment.pk}"

    page = client.get(response["Location"], HTTP_HOST=child.council.site.hostname)
    html = page.content.decode()
    assert "Needs mapping saved" in html and "Makes a snack" in html and "Asks for help" in html
    snack, ask = Outcome.objects.order_by("pk")
    data = {
        "assessment": assessment.pk,
        f"outcome-{snack.pk}-status": "achieved",
        f"outcome-{snack.pk}-note": "Made toast on her own; her dad says so too.",
        f"outcome-{ask.pk}-status": "open",
    }
    response = client.post(review, data, HTTP_HOST=child.council.site.hostname)
    assert response.status_code == 302
    snack.refresh_from_db()
    ask.refresh_from_db()
    assert (snack.status, snack.reviewed_with, snack.review_note) == (
        "achieved",
        assessment,
        "Made toast on her own; her dad says so too.",
    )
    assert snack.reviewed_at is not None
    assert ask.status == "open" and ask.reviewed_at is None
    latest = SupportPlan.objects.get().versions.order_by("-number").first()
    assert latest.source == "review" and latest.author == scene["practitioner"]


def test_a_bad_review_is_shown_back_and_nothing_is_stored(client, scene):
    child = scene["child"]
    plan_with(scene, outcomes=OUTCOMES[:1])
    outcome = Outcome.objects.get()
    client.force_login(scene["practitioner"])
    response = client.post(
        reverse("vsend_plan_review", args=[child.pk]),
        {f"outcome-{outcome.pk}-status": "finished"},
        HTTP_HOST=child.council.site.hostname,
    )
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
    outcome.refresh_from_db()
    assert outcome.status == "open" and SupportPlan.objects.get().version == 1


def test_without_open_outcomes_recording_goes_back_to_the_child(client, scene):
    child = scene["child"]
    client.force_login(scene["practitioner"])
    response = record_by_steps(client, child, scene["form"], answers(scene["form"]))
    assert response["Location"] == reverse("vsend_child", args=[child.pk])


def test_the_childs_page_shows_the_support_then_and_the_need_since(client, scene):
    child, practitioner = scene["child"], scene["practitioner"]
    now = timezone.now()
    first = record_assessment(
        child, practitioner, need=need(1, CI__receptive=3), taken_at=now - timedelta(days=120)
    )
    record_assessment(child, practitioner, need=need(1, CI__receptive=2), taken_at=now)
    started = timezone.localdate(first.assessment.taken_at) - timedelta(days=30)
    plan_with(
        scene,
        support=[
            {
                "support_type": "therapy_slt",
                "area": "CI",
                "name": "Speech and language therapy",
                "hours_per_week": 1,
                "starts": started,
            },
            {
                "support_type": "group",
                "area": "SEMH",
                "name": "Started later",
                "starts": timezone.localdate(),
            },
        ],
        outcomes=OUTCOMES[:1],
    )
    client.force_login(practitioner)
    html = client.get(
        reverse("vsend_child", args=[child.pk]), HTTP_HOST=child.council.site.hostname
    ).content.decode()
    assert 'id="support-plan"' in html
    assert reverse("vsend_plan", args=[child.pk]) in html
    assert "Review 1 open outcome" in html
    since = html[html.index('id="support-since"') :]
    assert (
        "<strong>Communication and interaction</strong>: Speech and language therapy "
        "(1 hour a week). Since then the need has come down." in since
    )
    assert (
        "<strong>Social, emotional and mental health</strong>: no support in the plan. "
        "Since then the need has stayed the same." in since
    )
    assert "Started later" not in since


def test_the_family_summary_links_to_their_plan(client, scene):
    child = scene["child"]
    record_assessment(child, scene["practitioner"], need=need(1))
    plan_with(scene)
    client.force_login(scene["parent"])
    html = client.get(
        reverse("vsend_child", args=[child.pk]), HTTP_HOST=child.council.site.hostname
    ).content.decode()
    assert "Read Robin's support plan and add what you hope for" in html
    # listed in the summary's contents, and shown before the local help, not under it
    assert '<a class="govuk-link" href="#support-plan">Support plan</a>' in html
    assert html.index('id="support-plan"') < html.index('id="local-help"')


def test_a_child_not_yet_assessed_still_has_a_way_to_the_plan(client, scene):
    child = scene["child"]
    client.force_login(scene["practitioner"])
    html = client.get(
        reverse("vsend_child", args=[child.pk]), HTTP_HOST=child.council.site.hostname
    ).content.decode()
    assert "No needs mapping has been recorded" in html
    assert "Write Robin" in html and reverse("vsend_plan", args=[child.pk]) in html


def test_the_pdf_summary_has_the_road_to_adulthood(scene, pdf_storage, tmp_path):
    child, practitioner = scene["child"], scene["practitioner"]
    trajectory = scheme.empty_trajectory()
    trajectory["SEMH"] = {"now": 3, "next_phase": 3, "age_16": 3, "age_18": 3}
    trajectory["IND"] = {"now": 2, "next_phase": 1, "age_16": 1, "age_18": 0}
    plan_with(
        scene,
        support=[
            {
                "support_type": "adult_1to1",
                "area": "SEMH",
                "name": "Learning mentor",
                "hours_per_week": 20,
                "starts": date(2026, 9, 1),
                "planned_until_age": 16,
            },
        ],
        outcomes=[
            {
                "area": "IND",
                "text": "Travels to college on the bus with a friend",
                "horizon": "age_16",
                "adulthood": "independent_living",
            },
        ],
        trajectory=trajectory,
    )
    version = record_assessment(child, practitioner, need=need(1, SEMH__wellbeing=3))
    assert make_pdf_summary(version.pk) == "made"
    path = tmp_path / "summary.pdf"
    path.write_bytes(PdfSummary.objects.get(version=version).file.read())
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, check=True, text=True
        ).stdout.split()
    )
    assert "The road to adulthood" in text
    assert "Learning mentor" in text and scheme.INTRUSIVE_QUESTION in text
    assert "planned provision never steps down: it stays at level 3 all the way to 18" in text
    assert "Travels to college on the bus with a friend (Independent living)" in text


def test_changing_the_plan_makes_the_pdf_afresh(client, scene, pdf_storage):
    child = scene["child"]
    version = record_assessment(child, scene["practitioner"], need=need(1))
    make_pdf_summary(version.pk)
    assert PdfSummary.objects.filter(version=version).exists()
    client.force_login(scene["practitioner"])
    client.post(
        reverse("vsend_plan_trajectory", args=[child.pk]),
        {"SEMH__now": "2"},
        HTTP_HOST=child.council.site.hostname,
    )
    assert not PdfSummary.objects.filter(version=version).exists()
