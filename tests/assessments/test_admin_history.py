"""Wagtail's reports and history views never name a child outside the child's council.

A Northshire SEND officer edits a child in the admin. Every report Wagtail
registers (found from its URL configuration, not listed by hand), its CSV
exports, the dashboard, the page explorer and the history views are then
read as Westmoor's officer, editor and practitioner: none shows the child's
name or case reference, nor who edited it. Northshire's officer still reads
the entry, labelled by case reference, never by name.
"""

import pytest
from django.urls import get_resolver, reverse
from wagtail.models import ModelLogEntry

from vsend_plugin.core.log_entries import move_model_log_entries
from vsend_plugin.core.models import CouncilLogEntry, Role

pytestmark = pytest.mark.django_db

NAME, REFERENCE = "Ivy", "NO-00002"


def report_urls():
    """Every view of Wagtail's reports namespace that takes no argument, and its exports."""
    names = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                inner = f"{namespace}:{pattern.namespace}" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner.strip(":"))
            elif pattern.name and namespace == "wagtailadmin_reports":
                names.add(f"{namespace}:{pattern.name}")

    walk(get_resolver().url_patterns, "")
    urls = []
    for name in sorted(names):
        url = reverse(name)
        urls += [url, f"{url}?export=csv"] if not url.endswith("/results/") else [url]
    return urls


@pytest.fixture
def edited_child(client, northshire, make_member, make_child):
    officer = make_member(northshire, Role.OFFICER, "northshire-officer")
    child = make_child(northshire, REFERENCE, NAME)
    client.force_login(officer)
    response = client.post(
        reverse("wagtailsnippets_vsend_assessments_child:edit", args=[child.pk]),
        {
            "council": northshire.pk,
            "case_reference": REFERENCE,
            "given_name": NAME,
            "birth_month": 4,
            "birth_year": 2017,
            "year_group": "year_4",
            "setting": child.setting_id,
            "locality": child.locality_id,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    client.logout()
    return child, officer


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def other_council_staff(westmoor, make_member):
    return {
        role: make_member(westmoor, role, f"westmoor-{role}")
        for role in (Role.OFFICER, Role.EDITOR, Role.PRACTITIONER)
    }


def views_for(child):
    return report_urls() + [
        "/admin/",
        "/admin/pages/",
        reverse("wagtailsnippets_vsend_assessments_child:history", args=[child.pk]),
        reverse("wagtailsnippets_vsend_assessments_child:list"),
    ]


def test_the_edit_is_logged_by_council_and_labelled_by_case_reference(edited_child, northshire):
    child, officer = edited_child
    entry = CouncilLogEntry.objects.get(object_id=str(child.pk), action="wagtail.edit")
    assert entry.council == northshire and entry.user == officer
    assert entry.label == f"Child {REFERENCE}" and NAME not in entry.label
    assert not ModelLogEntry.objects.filter(object_id=str(child.pk)).exists()


def test_the_reports_are_found(edited_child):
    urls = report_urls()
    for report in ("site-history", "aging-pages", "locked", "workflow", "page-types-usage"):
        assert any(f"/{report}/" in url for url in urls), report


def test_no_report_or_history_names_the_child_outside_its_council(
    client, edited_child, westmoor, make_member
):
    child, officer = edited_child
    for role, user in other_council_staff(westmoor, make_member).items():
        client.force_login(user)
        for url in views_for(child):
            response = client.get(url)
            assert response.status_code < 500, (role, url, response.status_code)
            text = body(response)
            for secret in (NAME, REFERENCE, officer.username):
                assert secret not in text, (role, url, secret)


def test_the_childs_own_council_officer_still_reads_the_entry(client, edited_child, northshire):
    child, officer = edited_child
    client.force_login(officer)
    history = client.get(reverse("wagtailadmin_reports:site_history"))
    assert history.status_code == 200
    text = history.content.decode()
    assert f"Child {REFERENCE}" in text and officer.username in text
    assert f"{NAME} (" not in text
    export = client.get(reverse("wagtailadmin_reports:site_history") + "?export=csv")
    assert f"Child {REFERENCE}" in body(export)
    own = client.get(reverse("wagtailsnippets_vsend_assessments_child:history", args=[child.pk]))
    assert own.status_code == 200 and "Edited" in own.content.decode()


def test_entries_wagtail_logged_before_move_to_the_council_log(edited_child, northshire):
    child, _ = edited_child
    CouncilLogEntry.objects.all().delete()
    old = ModelLogEntry.objects.log_action(child, "wagtail.edit", title=str(child))
    assert NAME in old.label
    assert move_model_log_entries() >= 1
    assert not ModelLogEntry.objects.filter(pk=old.pk).exists()
    moved = CouncilLogEntry.objects.get(object_id=str(child.pk))
    assert moved.council == northshire and moved.label == f"Child {REFERENCE}"


def test_images_are_logged_with_the_council_whose_collection_holds_them(northshire, westmoor):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.log_actions import log

    from vsend_plugin.core.roles import council_collection

    sub = council_collection(northshire).add_child(name="Northshire events")
    image = Image.objects.create(title="Open day", file=get_test_image_file(), collection=sub)
    log(image, "wagtail.create")
    entry = CouncilLogEntry.objects.get(object_id=str(image.pk))
    assert entry.council == northshire
