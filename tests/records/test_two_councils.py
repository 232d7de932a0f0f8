"""A practitioner who works for two councils: one sign-in, the council they act for, two walls.

An educational psychologist is a practitioner of Northshire and of Westmoor
with one account, assigned to a child in each. On each council's site they
see that council's children only, are told which council they are working
for with a link to the other, and cannot open the other council's child
there; the API lists both unless they say which council they act for.
"""

import pytest
from django.test import Client
from guardian.shortcuts import assign_perm
from rest_framework.test import APIClient

from tests.conftest import create_child, create_council, create_member
from tests.once import copy_for_a_test, made_once_a_module
from vsend_plugin.core.models import Role

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


@made_once_a_module
def scene():
    northshire = create_council("northshire", "E06000047")
    westmoor = create_council("westmoor", "E06000048")
    psychologist = create_member(northshire, Role.PRACTITIONER, "county-psychologist")
    psychologist.groups.add(westmoor.group_for(Role.PRACTITIONER))
    children = {}
    for council, reference, name in (
        (northshire, "NS-1", "Aurelia"),
        (westmoor, "WM-1", "Bartholomew"),
    ):
        child = create_child(council, reference, name)
        child.practitioners.add(psychologist)
        assign_perm("vsend_assessments.view_child", psychologist, child)
        children[council.slug] = child
    return {
        "northshire": northshire,
        "westmoor": westmoor,
        "psychologist": psychologist,
        "children": children,
        "one_council": create_member(northshire, Role.PRACTITIONER, "ns-only"),
    }


@pytest.fixture
def world(scene):
    return copy_for_a_test(scene)


def signed_in_at(council, username):
    """Signing in on the council's own site with the one account's password, as a person does."""
    client = Client(HTTP_HOST=council.site.hostname)
    response = client.post("/sign-in/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content[:500]
    return client


def test_each_councils_site_shows_its_own_children_and_says_which_council(world):
    for here, there in (("northshire", "westmoor"), ("westmoor", "northshire")):
        client = signed_in_at(world[here], "county-psychologist")
        page = client.get("/children/").content.decode()
        assert world["children"][here].given_name in page
        assert world["children"][there].given_name not in page
        assert f"You are working for <strong>{world[here].name}</strong>" in page
        assert f'href="{world[there].site.root_url}/"' in page
        other_child = client.get(f"/children/{world['children'][there].pk}/")
        assert other_child.status_code == 404
        assert client.get(f"/children/{world['children'][here].pk}/").status_code == 200


def test_someone_of_one_council_is_not_told_of_councils(world):
    client = signed_in_at(world["northshire"], "ns-only")
    assert "You are working for" not in client.get("/children/").content.decode()


def test_the_api_lists_the_council_acted_for(world):
    client = APIClient()
    client.force_authenticate(world["psychologist"])

    def references(query=""):
        response = client.get(f"/api/vsend/v1/children/{query}")
        assert response.status_code == 200, response.content
        return sorted(child["case_reference"] for child in response.json()["results"])

    assert references() == ["NS-1", "WM-1"]
    assert references("?council=westmoor") == ["WM-1"]
    assert references("?council=northshire") == ["NS-1"]
    refused = client.get("/api/vsend/v1/children/?council=eastdale")
    assert refused.status_code == 400
    assert [e["field"] for e in refused.json()["errors"]] == ["council"]
