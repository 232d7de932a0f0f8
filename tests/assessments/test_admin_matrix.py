"""Who reaches children and the access log in the Wagtail admin: every role, own and other council.

Only a SEND officer of the child's council gets in. Everyone else is turned
away (Wagtail answers a refused admin page with a redirect, an unknown or
another council's object with 404), never with a 500, and no refusal shows
the child's name.
"""

import pytest
from django.urls import reverse

from vsend_plugin.core.models import Role

pytestmark = pytest.mark.django_db

CALLERS = [
    "editor",
    "officer",
    "practitioner assigned",
    "practitioner not assigned",
    "parent of the child",
    "parent of another child",
    "anonymous",
]
REFUSED = {302, 403, 404}


@pytest.fixture
def world(northshire, westmoor, make_member, make_child, make_parent):
    children = {
        "own": make_child(northshire, "NS-1", "Amara"),
        "other": make_child(westmoor, "WM-1", "Cerys"),
    }
    sibling = make_child(northshire, "NS-2", "Bilal")
    assigned = make_member(northshire, Role.PRACTITIONER, "assigned")
    children["own"].practitioners.add(assigned)
    callers = {
        "editor": make_member(northshire, Role.EDITOR),
        "officer": make_member(northshire, Role.OFFICER),
        "practitioner assigned": assigned,
        "practitioner not assigned": make_member(northshire, Role.PRACTITIONER, "unassigned"),
        "parent of the child": make_parent(children["own"], "parent-of-amara"),
        "parent of another child": make_parent(sibling, "parent-of-bilal"),
        "anonymous": None,
    }
    return children, callers


def pages(child):
    return {
        "children": reverse("wagtailsnippets_vsend_assessments_child:list"),
        "child": reverse("wagtailsnippets_vsend_assessments_child:edit", args=[child.pk]),
        "access log": reverse("wagtailsnippets_vsend_assessments_accessevent:list"),
    }


@pytest.mark.parametrize("place", ["own", "other"])
def test_admin_permission_matrix(client, world, place):
    children, callers = world
    child = children[place]
    for caller in CALLERS:
        client.logout()
        if callers[caller] is not None:
            client.force_login(callers[caller])
        for name, url in pages(child).items():
            response = client.get(url)
            status = response.status_code
            assert status < 500, (caller, name, status)
            if caller == "officer" and (place == "own" or name != "child"):
                assert status == 200, (caller, name, status)  # their own council's listings
            else:
                assert status in REFUSED, (caller, name, status)
            shown = status == 200 and child.given_name in response.content.decode()
            if name != "access log":
                assert shown == (caller == "officer" and place == "own"), (caller, name, status)
