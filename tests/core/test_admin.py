"""The admin: each editor manages only their own council's localities, settings and pages."""

import pytest
from django.urls import reverse

from vsend_plugin.core.models import Locality, Role, Setting

pytestmark = pytest.mark.django_db


def url(model, view, *args):
    return reverse(f"wagtailsnippets_vsend_core_{model}:{view}", args=args)


@pytest.fixture
def editor_client(client, northshire, westmoor, make_member):
    client.force_login(make_member(northshire, Role.EDITOR))
    return client


@pytest.mark.parametrize("model", ["locality", "setting"])
def test_listing_shows_only_the_editors_council(editor_client, northshire, model):
    response = editor_client.get(url(model, "list"))
    assert response.status_code == 200
    names = {str(obj) for obj in response.context["object_list"]}
    expected = {
        str(obj)
        for obj in getattr(northshire, "localities" if model == "locality" else "settings").all()
    }
    assert names == expected
    assert b"westmoor" not in response.content.lower()


@pytest.mark.parametrize("view", ["edit", "delete", "inspect", "history", "usage"])
def test_another_councils_object_is_not_found(editor_client, westmoor, view):
    other = westmoor.settings.first()
    assert editor_client.get(url("setting", view, other.pk)).status_code == 404


def test_editing_another_councils_setting_by_post_changes_nothing(editor_client, westmoor):
    other = westmoor.settings.first()
    response = editor_client.post(url("setting", "edit", other.pk), {"name": "Hijacked"})
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.name != "Hijacked"


def test_an_editor_adds_a_setting_to_their_council(editor_client, northshire):
    locality = northshire.localities.first()
    response = editor_client.post(
        url("setting", "add"),
        {
            "council": northshire.pk,
            "name": "New Nursery",
            "kind": "nursery",
            "locality": locality.pk,
            "urn": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert Setting.objects.get(name="New Nursery").council == northshire


def test_the_form_refuses_another_councils_council_or_locality(editor_client, northshire, westmoor):
    response = editor_client.post(
        url("setting", "add"),
        {
            "council": westmoor.pk,
            "name": "Sneaky",
            "kind": "primary",
            "locality": westmoor.localities.first().pk,
            "urn": "",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "council" in form.errors and "locality" in form.errors
    assert not Setting.objects.filter(name="Sneaky").exists()


def test_the_form_offers_only_own_choices(editor_client, northshire):
    form = editor_client.get(url("setting", "add")).context["form"]
    assert list(form.fields["council"].queryset) == [northshire]
    assert set(form.fields["locality"].queryset) == set(northshire.localities.all())
    assert form.fields["council"].initial == northshire.pk


def test_editors_cannot_add_councils(editor_client):
    assert editor_client.get(url("council", "add")).status_code in (302, 403)


def test_chooser_lists_only_own_localities(editor_client, northshire):
    response = editor_client.get(
        reverse("wagtailsnippetchoosers_vsend_core_locality:choose_results")
    )
    assert response.status_code == 200
    shown = {obj.pk for obj in response.context["results"]}
    assert shown == set(northshire.localities.values_list("pk", flat=True))


def test_practitioners_do_not_reach_the_admin(client, northshire, make_member):
    client.force_login(make_member(northshire, Role.PRACTITIONER))
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code in (302, 403)


def test_editors_edit_their_own_pages_but_not_another_councils(editor_client, northshire, westmoor):
    own = northshire.site.root_page
    other = westmoor.site.root_page
    assert editor_client.get(reverse("wagtailadmin_pages:edit", args=[own.pk])).status_code == 200
    assert editor_client.get(reverse("wagtailadmin_pages:edit", args=[other.pk])).status_code in (
        302,
        403,
    )
    response = editor_client.get(reverse("wagtailadmin_pages:add_subpage", args=[other.pk]))
    assert response.status_code in (302, 403)


def test_superusers_see_every_council(client, northshire, westmoor, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", password="x"))
    response = client.get(url("locality", "list"))
    assert {obj.pk for obj in response.context["object_list"]} == set(
        Locality.objects.values_list("pk", flat=True)
    )
