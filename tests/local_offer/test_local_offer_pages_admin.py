"""Editors build their own council's local offer, and cannot touch another council's."""

import pytest
from django.urls import reverse

from vsend_plugin.core.models import Role
from vsend_plugin.local_offer.models import LocalOfferIndexPage, ServicePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexes(northshire, westmoor):
    made = {}
    for council in (northshire, westmoor):
        index = LocalOfferIndexPage(title="Local offer", slug="local-offer")
        council.site.root_page.add_child(instance=index)
        made[council.slug] = index
    return made


def add_service_url(index):
    return reverse("wagtailadmin_pages:add", args=["vsend_local_offer", "servicepage", index.pk])


def test_an_editor_adds_a_service_to_their_own_local_offer(
    client, northshire, indexes, make_member
):
    client.force_login(make_member(northshire, Role.EDITOR))
    assert client.get(add_service_url(indexes["northshire"])).status_code == 200
    response = client.post(
        add_service_url(indexes["northshire"]),
        {
            "title": "Parent carer forum",
            "slug": "parent-carer-forum",
            "description": "Meet other parent carers.",
            "body": "[]",
            "body-count": "0",
            "is_free": "on",
            "locations-TOTAL_FORMS": "0",
            "locations-INITIAL_FORMS": "0",
            "locations-MIN_NUM_FORMS": "0",
            "locations-MAX_NUM_FORMS": "1000",
            "contacts-TOTAL_FORMS": "0",
            "contacts-INITIAL_FORMS": "0",
            "contacts-MIN_NUM_FORMS": "0",
            "contacts-MAX_NUM_FORMS": "1000",
            "action-publish": "publish",
        },
    )
    assert response.status_code == 302, (
        response.context["form"].errors if response.context else response
    )
    assert ServicePage.objects.child_of(indexes["northshire"]).get().title == "Parent carer forum"


def test_an_editor_cannot_add_or_edit_in_another_councils_tree(
    client, northshire, indexes, make_member
):
    client.force_login(make_member(northshire, Role.EDITOR))
    other = indexes["westmoor"]
    assert client.get(add_service_url(other)).status_code in (302, 403)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[other.pk])).status_code in (302, 403)
    assert not ServicePage.objects.child_of(other).exists()


def test_services_only_go_under_a_local_offer(indexes):
    assert ServicePage.can_create_at(indexes["northshire"])
    assert not ServicePage.can_create_at(indexes["northshire"].get_parent())
    assert LocalOfferIndexPage.allowed_subpage_models() == [ServicePage]
