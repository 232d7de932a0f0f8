"""SEND officers: their council's children and access log in the admin, nobody else's."""

import pytest
from django.urls import reverse

from vsend_plugin.assessments.audit import Action
from vsend_plugin.assessments.models import AccessEvent
from vsend_plugin.core.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(client, northshire, westmoor, make_member):
    client.force_login(make_member(northshire, Role.OFFICER))
    return client


def test_officers_read_only_their_councils_access_log(
    officer_client, northshire, westmoor, make_child
):
    own, other = make_child(northshire, "NS-1"), make_child(westmoor, "WM-1")
    for child in (own, other):
        AccessEvent.objects.create(
            council=child.council, username="someone", action=Action.VIEW_CHILD, child=child
        )
    response = officer_client.get(reverse("wagtailsnippets_vsend_assessments_accessevent:list"))
    assert response.status_code == 200
    assert [event.child for event in response.context["object_list"]] == [own]
    assert officer_client.get(
        reverse("wagtailsnippets_vsend_assessments_accessevent:add")
    ).status_code in (302, 403)


def test_the_access_log_is_for_officers_only(client, northshire, make_member):
    for role in (Role.EDITOR, Role.PRACTITIONER):
        client.force_login(make_member(northshire, role))
        response = client.get(reverse("wagtailsnippets_vsend_assessments_accessevent:list"))
        assert response.status_code in (302, 403)


def test_officers_assign_only_their_own_councils_practitioners(
    officer_client, northshire, westmoor, make_member, make_child
):
    child = make_child(northshire, "NS-2")
    ours = make_member(northshire, Role.PRACTITIONER)
    theirs = make_member(westmoor, Role.PRACTITIONER)
    url = reverse("wagtailsnippets_vsend_assessments_child:edit", args=[child.pk])
    form = officer_client.get(url).context["form"]
    assert AccessEvent.objects.filter(child=child, action=Action.VIEW_CHILD).count() == 1
    assert list(form.fields["practitioners"].queryset) == [ours]
    data = {
        "council": northshire.pk,
        "case_reference": "NS-2",
        "given_name": "Amara",
        "birth_month": 3,
        "birth_year": 2017,
        "year_group": "year_4",
        "setting": child.setting_id,
        "locality": child.locality_id,
        "practitioners": [theirs.pk],
    }
    assert officer_client.post(url, data).status_code == 200
    assert not child.practitioners.exists()
    data["practitioners"] = [ours.pk]
    assert officer_client.post(url, data).status_code == 302
    assert list(child.practitioners.all()) == [ours]
    assert ours.has_perm("vsend_assessments.view_child", child)


def test_the_admin_listing_of_children_is_logged_child_by_child(
    officer_client, northshire, westmoor, make_child
):
    own, other = make_child(northshire, "NS-9"), make_child(westmoor, "WM-9")
    response = officer_client.get(reverse("wagtailsnippets_vsend_assessments_child:list"))
    assert response.status_code == 200
    logged = AccessEvent.objects.filter(action=Action.LIST_CHILD)
    assert [(event.child, event.council) for event in logged] == [(own, northshire)]
    assert logged.get().username == "northshire-officer"
    assert not AccessEvent.objects.filter(child=other).exists()
