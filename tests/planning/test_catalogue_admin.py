"""The provision catalogue in the admin: who keeps it, and the wall between councils."""

import re

import pytest
from django.urls import reverse

from vsend_plugin.core.models import Role
from vsend_plugin.local_offer.models import LocalOfferIndexPage, ServicePage
from vsend_plugin.planning.models import ProvisionService

pytestmark = pytest.mark.django_db


def url(view, *args):
    return reverse(f"wagtailsnippets_vsend_planning_provisionservice:{view}", args=args)


def service_page(council, title):
    root = council.site.root_page
    offer = LocalOfferIndexPage.objects.child_of(root).first()
    if offer is None:
        offer = root.add_child(instance=LocalOfferIndexPage(title="Local offer", slug="offer"))
    return offer.add_child(
        instance=ServicePage(title=title, slug=title.lower().replace(" ", "-"), description="A.")
    )


@pytest.fixture
def catalogues(northshire, westmoor):
    return {
        council: ProvisionService.objects.create(
            council=council,
            name=f"{council.name} Talk Boost",
            support_type="group",
            areas=["CI"],
        )
        for council in (northshire, westmoor)
    }


@pytest.mark.parametrize("role", [Role.EDITOR, Role.OFFICER])
def test_editors_and_officers_keep_their_councils_catalogue(
    client, northshire, westmoor, catalogues, make_member, role
):
    client.force_login(make_member(northshire, role))
    listing = client.get(url("list"))
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Northshire Council Talk Boost" in html
    assert "Westmoor Council Talk Boost" not in html
    assert client.get(url("edit", catalogues[northshire].pk)).status_code == 200
    assert client.get(url("edit", catalogues[westmoor].pk)).status_code == 404
    response = client.post(
        url("add"),
        {
            "council": northshire.pk,
            "name": "Learning mentor",
            "support_type": "adult_1to1",
            "areas": ["SEMH", "CL"],
            "typical_hours": "10",
            "description": "A mentor for the school day.",
        },
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    made = ProvisionService.objects.get(name="Learning mentor")
    assert made.council == northshire
    assert made.areas == ["CL", "SEMH"]  # in the scheme's order, however ticked
    response = client.post(url("delete", catalogues[northshire].pk))
    assert response.status_code == 302
    assert not ProvisionService.objects.filter(pk=catalogues[northshire].pk).exists()


def test_practitioners_do_not_keep_the_catalogue(client, northshire, catalogues, make_member):
    client.force_login(make_member(northshire, Role.PRACTITIONER))
    assert client.get(url("list")).status_code in (302, 403)
    assert client.get(url("edit", catalogues[northshire].pk)).status_code in (302, 403, 404)
    before = ProvisionService.objects.count()
    client.post(url("add"), {"council": northshire.pk, "name": "X", "support_type": "group"})
    assert ProvisionService.objects.count() == before


def test_the_areas_are_checkboxes_of_the_five_areas(client, northshire, catalogues, make_member):
    client.force_login(make_member(northshire, Role.EDITOR))
    html = client.get(url("edit", catalogues[northshire].pk)).content.decode()
    for code in ("CI", "CL", "SEMH", "SP", "IND"):
        assert f'type="checkbox" name="areas" value="{code}"' in html
    boxes = dict(re.findall(r'<input type="checkbox" name="areas" value="(\w+)"([^>]*)>', html))
    assert [code for code, rest in boxes.items() if "checked" in rest] == ["CI"]


def test_an_unknown_area_is_a_field_error(client, northshire, make_member):
    client.force_login(make_member(northshire, Role.EDITOR))
    response = client.post(
        url("add"),
        {"council": northshire.pk, "name": "Odd", "support_type": "group", "areas": ["XX"]},
    )
    assert response.status_code == 200
    assert "areas" in response.context["form"].errors
    assert not ProvisionService.objects.filter(name="Odd").exists()


def test_only_the_councils_own_local_offer_services_can_be_linked(
    client, northshire, westmoor, make_member
):
    own = service_page(northshire, "Speech drop-in")
    other = service_page(westmoor, "Chatterbox")
    client.force_login(make_member(northshire, Role.EDITOR))
    html = client.get(url("add")).content.decode()
    assert "Speech drop-in" in html and "Chatterbox" not in html
    data = {"council": northshire.pk, "name": "Talk Boost", "support_type": "group"}
    refused = client.post(url("add"), {**data, "areas": ["CI"], "services": [other.pk]})
    assert refused.status_code == 200
    assert "services" in refused.context["form"].errors
    assert not ProvisionService.objects.filter(name="Talk Boost").exists()
    kept = client.post(url("add"), {**data, "areas": ["CI"], "services": [own.pk]})
    assert kept.status_code == 302
    assert list(ProvisionService.objects.get(name="Talk Boost").services.all()) == [own]
