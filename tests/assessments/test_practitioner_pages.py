"""A practitioner records a needs mapping on their council's own form and reads the profile."""

import random
from pathlib import Path

import pytest
import yaml
from django.urls import reverse

from vsend_plugin.assessments.models import AccessEvent, AssessmentVersion, PdfSummary
from vsend_plugin.assessments.recording import PDF_TASK
from vsend_plugin.core.models import PendingTask, Role
from vsend_plugin.needs_forms.binding import bindings
from vsend_plugin.needs_forms.importing import import_form
from vsend_plugin.needs_forms.library import read_library_file, read_library_text
from vsend_plugin.scoring import score

from .mapping import check_url, host, post_steps, record_by_steps

pytestmark = pytest.mark.django_db

CORE_FORM = Path(__file__).resolve().parents[2] / "forms_library" / "needs-mapping" / "core.yaml"


@pytest.fixture
def scene(client, northshire, make_member, make_child):
    council_form, _ = import_form(read_library_file(CORE_FORM), northshire)
    practitioner = make_member(northshire, Role.PRACTITIONER)
    child = make_child(northshire, "NS-0001")
    child.practitioners.add(practitioner)
    client.force_login(practitioner)
    return {"client": client, "child": child, "form": council_form, "practitioner": practitioner}


def answers_for(council_form, seed=1):
    """A full set of answers: a level for every rating, some text."""
    rng = random.Random(seed)
    data = {"form_version": council_form.version}
    ratings = {"need": {}, "provision": {}}
    for binding in bindings(council_form.form.fields):
        if binding.field_type == "need_rating":
            data[binding.field_name] = ratings["need"][binding.code] = rng.choice([0, 1, 1, 2, 3])
        elif binding.field_type == "provision_rating":
            data[binding.field_name] = ratings["provision"][binding.code] = rng.choice([1, 2])
        else:
            data[binding.field_name] = f"Text for {binding.label}"
    return data, ratings


def test_the_councils_form_is_shown_for_the_child_a_step_at_a_time(scene):
    child = scene["child"]
    response = scene["client"].get(reverse("vsend_assess", args=[child.pk]), **host(child))
    assert response.status_code == 302
    assert response["Location"].endswith("/assess/communication-and-interaction/")
    total = 0
    for step in (
        "communication-and-interaction",
        "cognition-and-learning",
        "social-emotional-and-mental-health",
        "sensory-and-or-physical",
        "independence",
    ):
        html = (
            scene["client"]
            .get(f"/children/{child.pk}/assess/{step}/", **host(child))
            .content.decode()
        )
        assert "govuk-fieldset__legend" in html
        total += html.count('class="govuk-radios__input"')
    assert total == (18 + 5) * 5


def test_submitting_stores_ratings_and_profile_and_does_not_wait_for_the_pdf(
    scene, django_capture_on_commit_callbacks
):
    data, ratings = answers_for(scene["form"])
    with django_capture_on_commit_callbacks(execute=True):
        response = record_by_steps(scene["client"], scene["child"], scene["form"], data)
    assert response.status_code == 302
    version = AssessmentVersion.objects.get()
    expected = score(ratings["need"], ratings["provision"]).as_dict()
    assert version.profile == expected
    assert version.need == ratings["need"]
    assert version.form == scene["form"] and version.form_version == scene["form"].version
    assert version.strengths.startswith("Text for")
    # Tasks run in process here, as in the demo: the PDF is made when first asked for.
    assert not PdfSummary.objects.filter(version=version).exists()
    assert not PendingTask.objects.filter(name=PDF_TASK).exists()

    page = scene["client"].get(response["Location"], **host(scene["child"]))
    assert f"Band {expected['band']}" in page.content.decode()
    assert AccessEvent.objects.filter(action="view_child", child=scene["child"]).count() == 1


@pytest.mark.django_db(transaction=True)
def test_with_tasks_in_process_the_first_download_makes_the_pdf_and_serves_it(scene):
    data, _ = answers_for(scene["form"])
    record_by_steps(scene["client"], scene["child"], scene["form"], data)
    version = AssessmentVersion.objects.get()
    assert not PdfSummary.objects.filter(version=version).exists()

    pdf = scene["client"].get(
        reverse("vsend_assessment_pdf", args=[version.assessment_id]), **host(scene["child"])
    )
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert PdfSummary.objects.get(version=version).ready
    assert AccessEvent.objects.filter(action="download_pdf").count() == 1


def test_the_pdf_answers_202_until_it_is_made(scene):
    data, _ = answers_for(scene["form"])
    record_by_steps(scene["client"], scene["child"], scene["form"], data)
    version = AssessmentVersion.objects.get()
    response = scene["client"].get(
        reverse("vsend_assessment_pdf", args=[version.assessment_id]), **host(scene["child"])
    )
    assert response.status_code == 202 and response["Retry-After"] == "5"


@pytest.mark.parametrize(
    "spoil",
    [
        lambda data, names: data.pop(names[0]),  # a rating left out
        lambda data, names: data.update({names[0]: "7"}),  # out of range
        lambda data, names: data.update({names[0]: "two"}),  # wrong type
        lambda data, names: data.update(form_version=99),  # tampered hidden field
        lambda data, names: data.update({names[-1]: "x" * 4001}),  # oversized text
    ],
)
def test_bad_input_is_refused_with_field_errors_and_nothing_stored(scene, spoil):
    """A bad step answer shows its page again; a tampered version is refused at the end."""
    data, _ = answers_for(scene["form"])
    names = [b.field_name for b in bindings(scene["form"].form.fields)]
    spoil(data, names)
    client, child = scene["client"], scene["child"]
    pages = [
        response
        for response in post_steps(client, child, scene["form"], data)
        if response.status_code != 302
    ]
    pages.append(
        client.post(check_url(child), {"form_version": data["form_version"]}, **host(child))
    )
    assert all(page.status_code == 200 for page in pages)
    assert any("There is a problem" in page.content.decode() for page in pages)
    assert "There is a problem" in pages[-1].content.decode()
    assert not AssessmentVersion.objects.exists()


def test_other_people_cannot_assess_or_see_the_child(scene, westmoor, make_member, client):
    child = scene["child"]
    other_practitioner = make_member(child.council, Role.PRACTITIONER, username="not-assigned")
    officer = make_member(child.council, Role.OFFICER)
    westmoor_officer = make_member(westmoor, Role.OFFICER)
    editor = make_member(child.council, Role.EDITOR)
    for user, page_status in [
        (other_practitioner, 404),
        (westmoor_officer, 404),
        (editor, 404),
        (officer, 200),
    ]:
        client.force_login(user)
        assert (
            client.get(reverse("vsend_child", args=[child.pk]), **host(child)).status_code
            == page_status
        )
        assert (
            client.get(reverse("vsend_assess", args=[child.pk]), **host(child)).status_code == 404
        )
    client.logout()
    response = client.get(reverse("vsend_child", args=[child.pk]), **host(child))
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


def test_a_child_is_only_shown_on_their_own_councils_site(scene, westmoor):
    response = scene["client"].get(
        reverse("vsend_child", args=[scene["child"].pk]), HTTP_HOST=westmoor.site.hostname
    )
    assert response.status_code == 404


def test_two_councils_differently_worded_forms_give_the_same_profile(
    scene, westmoor, make_member, make_child, client
):
    """Comparability: wording and order are local, indicators and levels are shared."""
    library = yaml.safe_load(CORE_FORM.read_text())
    library["fields"] = list(reversed(library["fields"]))
    for field in library["fields"]:
        field["label"] = "Westmoor asks: " + field["label"]
    westmoor_form, _ = import_form(
        read_library_text(yaml.safe_dump(library, sort_keys=False)), westmoor
    )
    westmoor_child = make_child(westmoor, "WM-0001", "Bea")
    westmoor_practitioner = make_member(westmoor, Role.PRACTITIONER)
    westmoor_child.practitioners.add(westmoor_practitioner)

    northshire_data, ratings = answers_for(scene["form"], seed=7)
    record_by_steps(scene["client"], scene["child"], scene["form"], northshire_data)

    westmoor_data = {"form_version": westmoor_form.version}
    for binding in bindings(westmoor_form.form.fields):
        table = {"need_rating": ratings["need"], "provision_rating": ratings["provision"]}.get(
            binding.field_type
        )
        westmoor_data[binding.field_name] = table[binding.code] if table else "text"
    client.force_login(westmoor_practitioner)
    record_by_steps(client, westmoor_child, westmoor_form, westmoor_data)

    northshire_profile = AssessmentVersion.objects.get(assessment__child=scene["child"]).profile
    westmoor_profile = AssessmentVersion.objects.get(assessment__child=westmoor_child).profile
    assert northshire_profile == westmoor_profile


def test_error_summary_links_reach_the_first_radio_of_a_question(scene):
    data, _ = answers_for(scene["form"])
    first = [b.field_name for b in bindings(scene["form"].form.fields)][0]
    data.pop(first)
    html = post_steps(scene["client"], scene["child"], scene["form"], data)[0].content.decode()
    assert f'href="#id_{first}_0"' in html and f'id="id_{first}_0"' in html


def test_the_list_of_children_is_logged_child_by_child(scene, make_child):
    from vsend_plugin.assessments.audit import Action
    from vsend_plugin.assessments.models import AccessEvent

    child, practitioner = scene["child"], scene["practitioner"]
    unassigned = make_child(child.council, "NS-0002", given_name="Rowan")
    response = scene["client"].get(reverse("vsend_children"), **host(child))
    assert response.status_code == 200
    events = AccessEvent.objects.filter(action=Action.LIST_CHILD)
    assert [(event.child, event.username) for event in events] == [(child, practitioner.username)]
    assert not events.filter(child=unassigned).exists()
