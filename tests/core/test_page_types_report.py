"""Wagtail's page types usage report counts and names only the user's own council's pages."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from vsend_plugin.core.models import Role

pytestmark = pytest.mark.django_db

REPORT = "wagtailadmin_reports:page_types_usage"


@pytest.fixture
def pages(northshire, westmoor):
    # Northshire's page is the one edited last, so the report would name it first.
    for council, title in (
        (westmoor, "Westmoor respite nights"),
        (northshire, "Northshire short breaks"),
    ):
        council.site.root_page.add_child(instance=Page(title=title, slug="breaks"))


@pytest.mark.parametrize("role", [Role.EDITOR, Role.OFFICER])
def test_a_councils_staff_see_only_their_own_sites_pages(
    client, pages, northshire, westmoor, make_member, role
):
    client.force_login(make_member(westmoor, role))

    for query in ("", f"?site={northshire.site.root_page.path}"):
        response = client.get(reverse(REPORT) + query)
        if response.status_code == 200:
            html = response.content.decode()
            assert "Northshire short breaks" not in html
            assert "Westmoor respite nights" in html or role == Role.OFFICER


def test_a_superuser_still_sees_every_site(client, pages, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", password="x"))

    html = client.get(reverse(REPORT)).content.decode()

    assert "Northshire short breaks" in html or "Westmoor respite nights" in html
