"""Who reaches which page of a child's record: every role, every page, own and other council.

Refusals are 404 (or a redirect to sign in), never a 500 and never a page
that admits the child exists.
"""

from pathlib import Path

import pytest
from django.urls import reverse

from vsend_plugin.assessments.recording import record_assessment
from vsend_plugin.core.models import Role
from vsend_plugin.needs_forms.importing import import_form
from vsend_plugin.needs_forms.library import read_library_file
from vsend_plugin.scoring import INDICATORS

pytestmark = pytest.mark.django_db

LIBRARY = Path(__file__).resolve().parents[2] / "forms_library"
PAGES = ["child", "assess", "pdf", "family_view", "invite"]

# role -> (own council's child, other council's child): pages that answer 200 (or 202 for the PDF)
ALLOWED = {
    "editor": (set(), set()),
    "officer": ({"child", "pdf"}, set()),
    "practitioner_assigned": ({"child", "assess", "pdf", "invite"}, set()),
    "practitioner_not_assigned": (set(), set()),
    "parent_of_child": ({"child", "pdf", "family_view"}, set()),
    "parent_of_other_child": (set(), set()),
    "anonymous": (set(), set()),
}


@pytest.fixture
def records(northshire, westmoor, make_child, make_member, django_user_model):
    from guardian.shortcuts import assign_perm

    children = {}
    for council in (northshire, westmoor):
        for name in ("needs-mapping/core.yaml", "family/contribution.yaml"):
            import_form(read_library_file(LIBRARY / name), council)
        child = make_child(council, f"{council.slug}-1")
        author = make_member(council, Role.PRACTITIONER, username=f"{council.slug}-author")
        child.practitioners.add(author)
        version = record_assessment(child, author, need=dict.fromkeys(INDICATORS, 2))
        children[council.slug] = (child, version)
    own_child = children["northshire"][0]
    sibling = make_child(northshire, "northshire-2", "Other")
    users = {
        "editor": make_member(northshire, Role.EDITOR),
        "officer": make_member(northshire, Role.OFFICER),
        "practitioner_assigned": make_member(northshire, Role.PRACTITIONER),
        "practitioner_not_assigned": make_member(
            northshire, Role.PRACTITIONER, username="unassigned"
        ),
        "parent_of_child": django_user_model.objects.create_user("parent-of-child"),
        "parent_of_other_child": django_user_model.objects.create_user("parent-of-other"),
        "anonymous": None,
    }
    own_child.practitioners.add(users["practitioner_assigned"])
    assign_perm("vsend_assessments.view_child", users["parent_of_child"], own_child)
    assign_perm("vsend_assessments.view_child", users["parent_of_other_child"], sibling)
    return children, users


def request_page(client, page, child, version):
    host = {"HTTP_HOST": child.council.site.hostname}
    urls = {
        "child": ("get", reverse("vsend_child", args=[child.pk])),
        "assess": (
            "get",
            reverse("vsend_assess_step", args=[child.pk, "communication-and-interaction"]),
        ),
        "pdf": ("get", reverse("vsend_assessment_pdf", args=[version.assessment_id])),
        "family_view": ("get", reverse("vsend_family_view", args=[child.pk])),
        "invite": ("post", reverse("vsend_invite_family", args=[child.pk])),
    }
    method, url = urls[page]
    return getattr(client, method)(url, **host)


@pytest.mark.parametrize("role", list(ALLOWED))
@pytest.mark.parametrize("whose", ["own", "other"])
def test_page_permission_matrix(client, records, role, whose):
    children, users = records
    child, version = children["northshire" if whose == "own" else "westmoor"]
    if users[role] is not None:
        client.force_login(users[role])
    allowed = ALLOWED[role][0 if whose == "own" else 1]
    for page in PAGES:
        response = request_page(client, page, child, version)
        if page in allowed:
            assert response.status_code in (200, 202), (role, whose, page, response.status_code)
        elif role == "anonymous":
            assert response.status_code == 302 and "/sign-in/" in response["Location"], (
                page,
                response.status_code,
            )
        else:
            assert response.status_code == 404, (role, whose, page, response.status_code)
