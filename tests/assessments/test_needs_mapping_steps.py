"""Recording a needs mapping a step at a time: drafts, check your answers, errors, who may."""

from pathlib import Path

import pytest
from django.urls import reverse

from vsend_plugin.assessments.models import (
    AccessEvent,
    Assessment,
    AssessmentVersion,
    NeedsMappingDraft,
)
from vsend_plugin.core.models import Role
from vsend_plugin.needs_forms.binding import bindings
from vsend_plugin.needs_forms.importing import import_form
from vsend_plugin.needs_forms.library import read_library_file
from vsend_plugin.needs_forms.steps import steps_for
from vsend_plugin.scoring import INDICATORS, score

from .mapping import check_url, host, record_by_steps, step_url
from .test_practitioner_pages import answers_for

pytestmark = pytest.mark.django_db

CORE_FORM = Path(__file__).resolve().parents[2] / "forms_library" / "needs-mapping" / "core.yaml"


@pytest.fixture
def scene(client, northshire, make_member, make_child):
    council_form, _ = import_form(read_library_file(CORE_FORM), northshire)
    practitioner = make_member(northshire, Role.PRACTITIONER)
    child = make_child(northshire, "NS-0001", "Wren")
    child.practitioners.add(practitioner)
    client.force_login(practitioner)
    data, ratings = answers_for(council_form)
    return {
        "client": client,
        "child": child,
        "form": council_form,
        "practitioner": practitioner,
        "steps": steps_for(council_form.form.fields),
        "data": data,
        "ratings": ratings,
    }


def share(scene, step):
    return {name: scene["data"][name] for name in step.field_names}


def draft_of(scene):
    return NeedsMappingDraft.objects.get(child=scene["child"], author=scene["practitioner"])


def test_each_step_shows_only_its_areas_questions_with_its_place_in_the_form(scene):
    client, child = scene["client"], scene["child"]
    for number, step in enumerate(scene["steps"], start=1):
        response = client.get(step_url(child, step), **host(child))
        assert response.status_code == 200
        html = response.content.decode()
        assert f'<h1 class="govuk-heading-l">{step.title}</h1>' in html
        assert f"Step {number} of {len(scene['steps'])}" in html
        for other in scene["steps"]:
            for name in other.field_names:
                assert (f'name="{name}"' in html) == (other is step), (step.slug, name)
        assert AccessEvent.objects.filter(action="view_draft", child=child).count() == number


def test_the_draft_is_saved_after_each_step_and_the_practitioner_comes_back_to_it(scene):
    client, child, steps = scene["client"], scene["child"], scene["steps"]
    for index, step in enumerate(steps[:3]):
        response = client.post(step_url(child, step), share(scene, step), **host(child))
        assert response.status_code == 302 and response["Location"] == step_url(
            child, steps[index + 1]
        )
        answers = draft_of(scene).answers
        assert {name: str(scene["data"][name]) for name in step.field_names} == {
            name: answers[name] for name in step.field_names
        }
    assert not Assessment.objects.exists()  # a draft is never an assessment

    page = client.get(reverse("vsend_child", args=[child.pk]), **host(child)).content.decode()
    started = draft_of(scene).created_at
    assert f"Continue the draft started on {started:%-d %B %Y}" in page
    assert reverse("vsend_assess_discard", args=[child.pk]) in page
    resumed = client.get(reverse("vsend_assess", args=[child.pk]), **host(child))
    assert resumed["Location"] == step_url(child, steps[3])

    # going back shows the answers as they were left
    html = client.get(step_url(child, steps[0]), **host(child)).content.decode()
    name = steps[0].field_names[0]
    level = scene["data"][name]
    assert f'name="{name}" type="radio" value="{level}" checked' in html


def test_save_and_come_back_later_keeps_a_part_answered_step(scene):
    client, child, step = scene["client"], scene["child"], scene["steps"][1]
    first = step.field_names[0]
    response = client.post(
        step_url(child, step), {first: "3", "action": "save-and-exit"}, **host(child)
    )
    assert response.status_code == 302 and response["Location"] == reverse(
        "vsend_child", args=[child.pk]
    )
    assert draft_of(scene).answers[first] == "3"
    page = client.get(response["Location"], **host(child)).content.decode()
    assert "Your answers have been saved" in page


def test_a_missing_answer_is_named_by_its_indicator_on_the_page_and_in_the_summary(scene):
    client, child = scene["client"], scene["child"]
    fields = {b.field_name: b for b in bindings(scene["form"].form.fields)}
    seen = set()
    for step in scene["steps"][:5]:
        response = client.post(step_url(child, step), {}, **host(child))
        assert response.status_code == 200
        html = response.content.decode()
        assert "There is a problem" in html and html.count("<title>Error: ") == 1
        assert "This field is required." not in html
        for name in step.field_names:
            binding = fields[name]
            if binding.field_type != "need_rating":
                continue
            indicator = INDICATORS[binding.code].name
            message = f"Select a level for {indicator[0].lower()}{indicator[1:]}"
            assert f'<a href="#id_{name}_0">{message}</a>' in html  # the error summary
            assert f'<span class="govuk-visually-hidden">Error:</span> {message}</p>' in html
            seen.add(binding.code)
    assert seen == set(INDICATORS)
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("value", ["7", "two", "-1", ""])
def test_a_bad_rating_shows_the_step_again_never_a_500(scene, value):
    client, child, step = scene["client"], scene["child"], scene["steps"][0]
    data = share(scene, step)
    data[step.field_names[0]] = value
    response = client.post(step_url(child, step), data, **host(child))
    assert response.status_code == 200
    assert "Select a level for understanding language" in response.content.decode()


def test_options_read_as_words_first_on_the_page(scene):
    child = scene["child"]
    html = scene["client"].get(step_url(child, scene["steps"][0]), **host(child)).content.decode()
    assert (
        '<span class="govuk-!-font-weight-bold">Moderate</span>: often misses the meaning' in html
    )
    assert ">2: " not in html and ">0: " not in html
    assert '<span class="govuk-!-font-weight-bold">Can meet moderate need</span>' in html


def test_a_tampered_step_name_is_a_404(scene):
    client, child = scene["client"], scene["child"]
    for step in ("ci", "strengths", "..", "check-your-answer", "communication-and-interaction-2"):
        assert client.get(f"/children/{child.pk}/assess/{step}/", **host(child)).status_code == 404
        assert (
            client.post(f"/children/{child.pk}/assess/{step}/", {}, **host(child)).status_code
            == 404
        )


def test_check_your_answers_lists_every_answer_in_words_with_change_links(scene):
    client, child, steps = scene["client"], scene["child"], scene["steps"]
    for step in steps:
        client.post(step_url(child, step), share(scene, step), **host(child))
    response = client.get(check_url(child), **host(child))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Check your answers before saving the needs mapping" in html
    assert html.count('class="govuk-summary-list__row"') == 26
    for step in steps:
        assert f'<h2 class="govuk-heading-m" id="{step.slug}">{step.title}</h2>' in html
        for name in step.field_names:
            assert f'href="{step_url(child, step)}?return=check#id_{name}' in html
    assert 'Change<span class="govuk-visually-hidden"> understanding what others say</span>' in html
    first = steps[0].field_names[0]
    level = scene["data"][first]
    words = {
        0: "No additional need: understands",
        1: "Low: understands most everyday talk",
        2: "Moderate: often misses",
        3: "Significant: understands short",
    }[level]
    assert words in html
    assert "Text for Strengths and interests" in html
    assert AccessEvent.objects.filter(action="view_draft", child=child).exists()

    # a Change link goes to the step and back to check your answers
    step = steps[0]
    changed = {**share(scene, step), first: "4"}
    page = client.get(f"{step_url(child, step)}?return=check", **host(child)).content.decode()
    assert f'href="{check_url(child)}" class="govuk-back-link"' in page
    assert "Save and return to check your answers" in page
    response = client.post(f"{step_url(child, step)}?return=check", changed, **host(child))
    assert response["Location"] == check_url(child)
    assert (
        "Profound or complex: understands a few familiar words"
        in client.get(check_url(child), **host(child)).content.decode()
    )


def test_saving_from_check_your_answers_records_through_the_usual_path(
    scene, django_capture_on_commit_callbacks
):
    client, child = scene["client"], scene["child"]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = record_by_steps(client, child, scene["form"], scene["data"])
    assert response.status_code == 302 and response["Location"] == reverse(
        "vsend_child", args=[child.pk]
    )
    version = AssessmentVersion.objects.get()
    assert (
        version.profile == score(scene["ratings"]["need"], scene["ratings"]["provision"]).as_dict()
    )
    assert version.need == scene["ratings"]["need"] and version.author == scene["practitioner"]
    assert version.form == scene["form"] and version.form_version == scene["form"].version
    assert version.strengths == "Text for Strengths and interests"
    assert callbacks  # the PDF task is queued after commit
    assert not NeedsMappingDraft.objects.exists()
    page = client.get(response["Location"], **host(child)).content.decode()
    assert "Needs mapping saved" in page and "Continue the draft" not in page


def test_a_missing_answer_at_the_end_links_back_to_its_step(scene):
    client, child, steps = scene["client"], scene["child"], scene["steps"]
    for step in steps:
        if step is not steps[2]:
            client.post(step_url(child, step), share(scene, step), **host(child))
    response = client.post(check_url(child), {"form_version": scene["form"].version}, **host(child))
    assert response.status_code == 200
    html = response.content.decode()
    name = steps[2].field_names[0]
    assert "There is a problem" in html
    assert (
        f'<a href="{step_url(child, steps[2])}?return=check#id_{name}_0">'
        "Select a level for emotional regulation and behaviour</a>"
    ) in html
    assert "Not answered" in html
    assert not Assessment.objects.exists()


def test_a_form_changed_since_the_page_was_opened_is_refused(scene):
    client, child = scene["client"], scene["child"]
    for step in scene["steps"]:
        client.post(step_url(child, step), share(scene, step), **host(child))
    response = client.post(check_url(child), {"form_version": "99"}, **host(child))
    assert response.status_code == 200
    assert "The form has changed since this page was opened" in response.content.decode()
    assert not Assessment.objects.exists()


def test_discarding_asks_first_then_deletes_the_draft(scene):
    client, child, step = scene["client"], scene["child"], scene["steps"][0]
    client.post(step_url(child, step), share(scene, step), **host(child))
    url = reverse("vsend_assess_discard", args=[child.pk])
    page = client.get(url, **host(child))
    assert (
        page.status_code == 200
        and "Are you sure you want to discard this draft?" in page.content.decode()
    )
    assert NeedsMappingDraft.objects.exists()
    response = client.post(url, **host(child))
    assert response.status_code == 302 and not NeedsMappingDraft.objects.exists()
    assert client.get(url, **host(child)).status_code == 404
    assert client.get(reverse("vsend_assess", args=[child.pk]), **host(child))[
        "Location"
    ] == step_url(child, step)


def test_nobody_else_opens_a_step_or_a_draft(scene, westmoor, make_member, make_parent, client):
    child, steps = scene["child"], scene["steps"]
    scene["client"].post(step_url(child, steps[0]), share(scene, steps[0]), **host(child))
    colleague = make_member(child.council, Role.PRACTITIONER, username="colleague")
    child.practitioners.add(colleague)
    refused = {
        "westmoor practitioner": make_member(westmoor, Role.PRACTITIONER),
        "parent": make_parent(child, "wrens-parent"),
        "unassigned practitioner": make_member(
            child.council, Role.PRACTITIONER, username="unassigned"
        ),
        "officer": make_member(child.council, Role.OFFICER),
    }
    urls = [
        reverse("vsend_assess", args=[child.pk]),
        check_url(child),
        reverse("vsend_assess_discard", args=[child.pk]),
    ] + [step_url(child, s) for s in steps]
    for who, user in refused.items():
        client.force_login(user)
        for url in urls:
            assert client.get(url, **host(child)).status_code == 404, (who, url)
            posted = client.post(url, {"action": "save-and-exit"}, **host(child)).status_code
            assert posted == (405 if url == urls[0] else 404), (
                who,
                url,
            )  # the start only redirects
    assert NeedsMappingDraft.objects.count() == 1

    # another practitioner of the child has their own drafts, never this one
    client.force_login(colleague)
    page = client.get(reverse("vsend_child", args=[child.pk]), **host(child)).content.decode()
    assert "Continue the draft" not in page and "Record a needs mapping" in page
    html = client.get(step_url(child, steps[0]), **host(child)).content.decode()
    assert " checked" not in html
    assert client.get(check_url(child), **host(child))["Location"] == step_url(child, steps[0])
    assert (
        client.get(reverse("vsend_assess_discard", args=[child.pk]), **host(child)).status_code
        == 404
    )

    client.logout()
    response = client.get(step_url(child, steps[0]), **host(child))
    assert response.status_code == 302 and "/sign-in/" in response["Location"]
    assert client.get(step_url(child, steps[0]), HTTP_HOST=westmoor.site.hostname).status_code in (
        302,
        404,
    )
