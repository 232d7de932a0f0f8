"""streamforms' own admin views: copying a form, and its submissions, walled by council.

Every view (the list, its CSV export, the deletion of chosen submissions, the
copy) is tried with a form and a submission of the user's own council and of
another council. Another council's form answers like a form that does not
exist; another form's submission is treated like a submission that does not
exist, with the same response, so the response never tells which ids exist.
"""

import json
import re

import pytest
import yaml
from wagtailstreamforms.models import Form, FormSubmission

from vsend_plugin.core.models import Role
from vsend_plugin.needs_forms.importing import import_form
from vsend_plugin.needs_forms.library import read_library_text
from vsend_plugin.needs_forms.models import CouncilForm, FormKind, FormStatus

from .conftest import survey_data

pytestmark = pytest.mark.django_db


def import_for(council, slug, publish=True):
    data = survey_data(slug=slug)
    text = yaml.safe_dump(data, sort_keys=False)
    return import_form(read_library_text(text), council, publish=publish)[0]


@pytest.fixture
def world(northshire, westmoor, make_member):
    forms = {
        "own": import_for(northshire, "own-survey"),
        "other": import_for(westmoor, "their-survey"),
    }
    submissions = {
        place: FormSubmission.objects.create(
            form=council_form.form, form_data=json.dumps({"strengths": f"{place} answer {place}"})
        )
        for place, council_form in forms.items()
    }
    editor = make_member(northshire, Role.EDITOR)
    return forms, submissions, editor


def delete_url(form_id, *ids):
    query = "&".join(f"selected-submissions={i}" for i in ids)
    return f"/admin/wagtailstreamforms/{form_id}/submissions/delete/?{query}"


# --- copying (issue point 11) ---------------------------------------------------------------


def test_copying_a_council_form_makes_a_draft_of_the_same_council(client, world, northshire):
    forms, _, editor = world
    client.force_login(editor)
    original = forms["own"]
    assert original.status == FormStatus.PUBLISHED
    before = Form.objects.count()
    page = client.get(f"/admin/wagtailstreamforms/{original.form_id}/copy/")
    assert page.status_code == 200
    response = client.post(
        f"/admin/wagtailstreamforms/{original.form_id}/copy/",
        {"title": "Survey, autumn", "slug": "own-survey-autumn"},
    )
    assert response.status_code == 302
    assert Form.objects.count() == before + 1
    copied = Form.objects.get(slug="own-survey-autumn")
    assert copied.title == "Survey, autumn"
    assert copied.site == northshire.site

    def questions(form):
        return [(field["type"], field["value"]) for field in form.fields.raw_data]

    assert questions(copied) == questions(original.form)
    record = CouncilForm.objects.get(form=copied)
    assert record.council == northshire
    assert record.kind == original.kind == FormKind.SURVEY
    assert record.status == FormStatus.DRAFT and record.published_at is None
    assert record.version == 1
    assert record.library_slug != original.library_slug


def test_a_refused_copy_leaves_no_form_behind(client, world):
    forms, _, editor = world
    client.force_login(editor)
    before = set(Form.objects.values_list("pk", flat=True))
    url = f"/admin/wagtailstreamforms/{forms['own'].form_id}/copy/"
    for data in (
        {"title": "Copy", "slug": forms["other"].form.slug},  # a slug in use (by anyone)
        {"title": "Copy", "slug": "not a slug"},
        {"title": "", "slug": "fine"},
        {"title": "Copy", "slug": "x" * 300},
    ):
        response = client.post(url, data)
        assert response.status_code == 400, data
        assert response.context["form"].errors
    assert set(Form.objects.values_list("pk", flat=True)) == before


def test_copying_twice_gives_each_copy_its_own_library_slug(client, world):
    forms, _, editor = world
    client.force_login(editor)
    url = f"/admin/wagtailstreamforms/{forms['own'].form_id}/copy/"
    assert client.post(url, {"title": "A", "slug": "copy-a"}).status_code == 302
    assert client.post(url, {"title": "B", "slug": "copy-b"}).status_code == 302
    slugs = CouncilForm.objects.filter(form__slug__in=["copy-a", "copy-b"]).values_list(
        "library_slug", flat=True
    )
    assert len(set(slugs)) == 2


def test_a_form_whose_slug_is_already_a_library_slug_gets_a_free_one(client, world, northshire):
    forms, _, editor = world
    client.force_login(editor)
    url = f"/admin/wagtailstreamforms/{forms['own'].form_id}/copy/"
    taken = forms["own"].library_slug
    assert not Form.objects.filter(slug=taken).exists()
    assert client.post(url, {"title": "Same name", "slug": taken}).status_code == 302
    record = CouncilForm.objects.get(form__slug=taken)
    assert record.council == northshire and record.library_slug != taken


def test_another_councils_form_cannot_be_copied(client, world):
    forms, _, editor = world
    client.force_login(editor)
    before = Form.objects.count()
    url = f"/admin/wagtailstreamforms/{forms['other'].form_id}/copy/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"title": "Mine now", "slug": "mine-now"}).status_code == 404
    assert Form.objects.count() == before


def test_officers_cannot_copy_forms(client, world, northshire, make_member):
    forms, _, _ = world
    client.force_login(make_member(northshire, Role.OFFICER))
    url = f"/admin/wagtailstreamforms/{forms['own'].form_id}/copy/"
    # Wagtail turns a refusal into a redirect to the dashboard with a message.
    assert client.post(url, {"title": "Copy", "slug": "copy"}).status_code in (302, 403)
    assert not Form.objects.filter(slug="copy").exists()


# --- submissions (issue point 15) -----------------------------------------------------------


def test_the_list_and_export_show_only_the_forms_own_submissions(client, world):
    forms, _, editor = world
    client.force_login(editor)
    for place in ("own", "other"):
        listing = client.get(f"/admin/wagtailstreamforms/{forms[place].form_id}/submissions/")
        export = client.get(
            f"/admin/wagtailstreamforms/{forms[place].form_id}/submissions/?action=CSV"
        )
        if place == "own":
            assert listing.status_code == export.status_code == 200
            assert "own answer own" in listing.content.decode()
            assert "own answer own" in export.content.decode()
        else:
            assert listing.status_code == export.status_code == 404
        for response in (listing, export):
            assert "other answer other" not in response.content.decode()


def test_another_councils_submission_cannot_be_deleted_through_an_own_form(client, world):
    forms, submissions, editor = world
    client.force_login(editor)
    url = delete_url(forms["own"].form_id, submissions["other"].pk)
    assert client.get(url).status_code == 302
    assert client.post(url).status_code == 302
    assert FormSubmission.objects.filter(pk=submissions["other"].pk).exists()


def test_a_foreign_id_reads_exactly_like_an_id_that_does_not_exist(client, world):
    forms, submissions, editor = world
    client.force_login(editor)
    missing = FormSubmission.objects.order_by("-pk").first().pk + 1000
    own_form = forms["own"].form_id

    def seen(*ids):
        response = client.get(delete_url(own_form, *ids), follow=True)
        # The page, less the CSRF token each response carries.
        text = re.sub(r'csrf[^"]*" value="[^"]*"', "", response.content.decode())
        text = re.sub(r'"CSRF_TOKEN": "\w*"', "", text)
        return response.status_code, response.redirect_chain, text

    foreign, nonexistent, junk = seen(submissions["other"].pk), seen(missing), seen("abc")
    assert foreign == nonexistent
    assert junk[:2] == nonexistent[:2]
    assert "Choose at least one of this form" in foreign[2]
    # With an own submission beside it, the foreign id is ignored, not counted.
    mixed = client.get(delete_url(own_form, submissions["own"].pk, submissions["other"].pk))
    alone = client.get(delete_url(own_form, submissions["own"].pk))
    assert mixed.status_code == alone.status_code == 200
    assert list(mixed.context["submissions"]) == [submissions["own"]]
    client.post(delete_url(own_form, submissions["own"].pk, submissions["other"].pk))
    assert not FormSubmission.objects.filter(pk=submissions["own"].pk).exists()
    assert FormSubmission.objects.filter(pk=submissions["other"].pk).exists()


def test_another_councils_form_answers_like_a_missing_form(client, world):
    forms, submissions, editor = world
    client.force_login(editor)
    missing = Form.objects.order_by("-pk").first().pk + 1000
    for make in (
        lambda pk: f"/admin/wagtailstreamforms/{pk}/submissions/",
        lambda pk: f"/admin/wagtailstreamforms/{pk}/submissions/?action=CSV",
        lambda pk: delete_url(pk, submissions["other"].pk),
        lambda pk: f"/admin/wagtailstreamforms/{pk}/copy/",
        lambda pk: f"/admin/wagtailstreamforms/form/edit/{pk}/",
        lambda pk: f"/admin/wagtailstreamforms/form/delete/{pk}/",
        lambda pk: f"/admin/wagtailstreamforms/form/inspect/{pk}/",
    ):
        foreign = client.get(make(forms["other"].form_id))
        absent = client.get(make(missing))
        assert foreign.status_code == absent.status_code == 404, make(0)
        assert forms["other"].form.title not in foreign.content.decode()
    url = delete_url(forms["other"].form_id, submissions["other"].pk)
    assert client.post(url).status_code == 404
    assert FormSubmission.objects.filter(pk=submissions["other"].pk).exists()


def test_officers_read_but_do_not_delete_submissions(client, world, northshire, make_member):
    forms, submissions, _ = world
    client.force_login(make_member(northshire, Role.OFFICER))
    own = forms["own"].form_id
    assert client.get(f"/admin/wagtailstreamforms/{own}/submissions/").status_code == 200
    assert client.post(delete_url(own, submissions["own"].pk)).status_code in (302, 403)
    assert FormSubmission.objects.filter(pk=submissions["own"].pk).exists()
