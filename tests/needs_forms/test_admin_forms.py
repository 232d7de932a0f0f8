"""Each council's editors see, edit and publish only their own forms and submissions."""

import pytest
import yaml
from django.urls import reverse
from wagtailstreamforms.models import Form, FormSubmission

from vsend_plugin.core.models import Role
from vsend_plugin.needs_forms.importing import import_form
from vsend_plugin.needs_forms.library import read_library_text
from vsend_plugin.needs_forms.models import CouncilForm, FormStatus

from .conftest import needs_mapping_data, survey_data

pytestmark = pytest.mark.django_db


def import_for(council, data=None, publish=True):
    data = data or needs_mapping_data()
    return import_form(
        read_library_text(yaml.safe_dump(data, sort_keys=False)), council, publish=publish
    )[0]


@pytest.fixture
def forms(northshire, westmoor):
    return {"own": import_for(northshire), "other": import_for(westmoor)}


@pytest.fixture
def editor(client, northshire, make_member):
    client.force_login(make_member(northshire, Role.EDITOR))
    return client


def test_the_forms_listing_shows_only_the_editors_council(editor, forms):
    response = editor.get("/admin/wagtailstreamforms/form/")
    assert response.status_code == 200
    shown = {form.pk for form in response.context["object_list"]}
    assert shown == {forms["own"].form_id}


@pytest.mark.parametrize(
    "address",
    [
        "/admin/wagtailstreamforms/form/edit/{pk}/",
        "/admin/wagtailstreamforms/form/delete/{pk}/",
        "/admin/wagtailstreamforms/{pk}/submissions/",
        "/admin/wagtailstreamforms/{pk}/submissions/delete/",
        "/admin/wagtailstreamforms/{pk}/copy/",
    ],
)
def test_another_councils_form_is_not_found(editor, forms, address):
    assert editor.get(address.format(pk=forms["other"].form_id)).status_code == 404
    assert editor.get(address.format(pk=forms["own"].form_id)).status_code in (200, 302)


def test_officers_read_submissions_of_their_own_council_only(
    client, northshire, make_member, forms
):
    client.force_login(make_member(northshire, Role.OFFICER))
    FormSubmission.objects.create(form=forms["own"].form, form_data="{}")
    own = client.get(f"/admin/wagtailstreamforms/{forms['own'].form_id}/submissions/")
    assert own.status_code == 200
    assert (
        client.get(f"/admin/wagtailstreamforms/{forms['other'].form_id}/submissions/").status_code
        == 404
    )


def test_a_form_an_editor_creates_belongs_to_their_council(editor, northshire):
    response = editor.post(
        "/admin/wagtailstreamforms/form/create/",
        {
            "title": "Parent carer survey",
            "slug": "northshire-survey",
            "template_name": "streamforms/form_block.html",
            "submit_button_text": "Send",
            "fields-count": "1",
            "fields-0-type": "singleline",
            "fields-0-deleted": "",
            "fields-0-order": "0",
            "fields-0-id": "",
            "fields-0-value-label": "What would make the local offer better?",
            "fields-0-value-help_text": "",
            "fields-0-value-default_value": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    form = Form.objects.get(slug="northshire-survey")
    assert form.site == northshire.site
    assert CouncilForm.objects.get(form=form).council == northshire


def test_publishing_an_incomplete_needs_mapping_form_is_refused_in_words(editor, northshire):
    council_form = import_for(northshire, publish=False)
    form = council_form.form  # an editor then deletes a question in the form builder...
    form.fields = [f for f in form.fields.raw_data if f["value"].get("indicator") != "SP.vision"]
    form.save()
    url = reverse("wagtailsnippets_vsend_needs_forms_councilform:edit", args=[council_form.pk])
    response = editor.post(
        url,
        {
            "council": northshire.pk,
            "form": council_form.form_id,
            "kind": "needs_mapping",  # ...so the form cannot be published as needs mapping
            "library_slug": council_form.library_slug,
            "description": "",
            "status": "published",
        },
    )
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["status"])
    assert "SP.vision (Vision" in errors
    council_form.refresh_from_db()
    assert council_form.status == FormStatus.DRAFT


def test_a_published_form_keeps_its_bindings(northshire):
    council_form = import_for(northshire)
    from vsend_plugin.needs_forms.admin_forms import StreamFormAdminForm

    assert council_form.problems() == []
    fields = [
        f for f in council_form.form.fields.raw_data if f["value"].get("indicator") != "IND.travel"
    ]
    assert any("IND.travel" in problem for problem in council_form.problems(fields))
    assert StreamFormAdminForm is type(council_form.form).base_form_class


def test_scored_forms_cannot_be_posted_through_a_page(client, northshire, forms):
    response = client.post(
        "/",
        {"form_id": forms["own"].form_id, "form_reference": "x"},
        HTTP_HOST="northshire.localhost",
    )
    assert response.status_code == 400


def test_another_sites_form_cannot_be_posted_on_this_site(client, northshire, westmoor):
    data = survey_data(slug="survey")
    other = import_for(westmoor, data)
    response = client.post(
        "/", {"form_id": other.form_id, "form_reference": "x"}, HTTP_HOST="northshire.localhost"
    )
    assert response.status_code == 400
    assert not FormSubmission.objects.exists()


def test_the_form_chooser_offers_only_the_editors_council_forms(editor, forms):
    response = editor.get("/admin/wagtailstreamforms-chooser/")
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        f'data-chooser-modal-choice="{forms["own"].form_id}"' in html
        or f"/{forms['own'].form_id}/" in html
    )
    assert f"/admin/wagtailstreamforms-chooser/{forms['other'].form_id}/" not in html
    assert (
        editor.get(f"/admin/wagtailstreamforms-chooser/{forms['other'].form_id}/").status_code
        == 404
    )
    assert (
        editor.get(f"/admin/wagtailstreamforms-chooser/{forms['own'].form_id}/").status_code == 200
    )


def scored_field(index, indicator, label):
    prefix = f"fields-{index}"
    return {
        f"{prefix}-type": "need_rating",
        f"{prefix}-deleted": "",
        f"{prefix}-order": str(index),
        f"{prefix}-id": "",
        f"{prefix}-value-indicator": indicator,
        f"{prefix}-value-label": label,
        f"{prefix}-value-help_text": "",
        f"{prefix}-value-required": "on",
        f"{prefix}-value-age_notes": "",
        **{f"{prefix}-value-level_{level}": f"{label}: level {level}" for level in range(5)},
    }


def build_in_the_admin(editor, slug, *fields):
    data = {
        "title": "Our needs mapping",
        "slug": slug,
        "template_name": "streamforms/form_block.html",
        "submit_button_text": "Save",
        "fields-count": str(len(fields)),
    }
    for index, (indicator, label) in enumerate(fields):
        data.update(scored_field(index, indicator, label))
    return editor.post("/admin/wagtailstreamforms/form/create/", data)


def test_editors_build_scored_questions_and_publishing_names_a_doubled_indicator(
    editor, northshire
):
    response = build_in_the_admin(
        editor,
        "our-needs-mapping",
        ("CI.receptive", "Does Sam follow what is said in class?"),
        ("CI.receptive", "Does Sam understand questions?"),
    )
    assert response.status_code == 302, response.context["form"].errors
    council_form = CouncilForm.objects.get(form__slug="our-needs-mapping")
    assert council_form.council == northshire
    url = reverse("wagtailsnippets_vsend_needs_forms_councilform:edit", args=[council_form.pk])
    response = editor.post(
        url,
        {
            "council": northshire.pk,
            "form": council_form.form_id,
            "kind": "needs_mapping",
            "library_slug": "our-needs-mapping",
            "description": "",
            "status": "published",
        },
    )
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["status"])
    assert "rated by 2 questions" in errors and "CI.expressive" in errors
    council_form.refresh_from_db()
    assert council_form.status == FormStatus.DRAFT


def test_an_unknown_indicator_cannot_be_chosen_in_the_admin(editor, northshire):
    response = build_in_the_admin(editor, "made-up", ("CI.telepathy", "Reads minds?"))
    assert response.status_code == 200
    assert "fields" in response.context["form"].errors
    assert not Form.objects.filter(slug="made-up").exists()
