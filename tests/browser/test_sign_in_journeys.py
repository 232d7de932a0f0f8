"""Signing in from the home page as each role, and following the header's link to the work.

Then a parent carer with no account follows a family invitation, creates an
account, confirms and arrives at their child; every page passes axe-core.
"""

from urllib.parse import urlparse

import pytest

from vsend_plugin.assessments.family import invite_family
from vsend_plugin.assessments.recording import record_assessment
from vsend_plugin.core.models import Role
from vsend_plugin.scoring import INDICATORS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"


@pytest.fixture
def scene(live_server, make_council, make_member, make_child, django_user_model):
    from guardian.shortcuts import assign_perm

    port = urlparse(live_server.url).port
    council = make_council("northshire", "E06000991", port=port)
    practitioner = make_member(council, Role.PRACTITIONER)
    make_member(council, Role.OFFICER)
    make_member(council, Role.EDITOR)
    child = make_child(council, "NS-00088", "Robin")
    child.practitioners.add(practitioner)
    record_assessment(child, practitioner, need=dict.fromkeys(INDICATORS, 1), provision={})
    parent = django_user_model.objects.create_user("robins-parent", password=PASSWORD)
    assign_perm("vsend_assessments.view_child", parent, child)
    _, token = invite_family(make_child(council, "NS-00089", "Ash"), practitioner)
    return {
        "base": f"http://northshire.localhost:{port}",
        "child": child,
        "invitation": f"/family/invitation/{token}/",
    }


def header(page):
    return page.get_by_role("navigation", name="Menu")


def sign_in_from_the_home_page(page, base, username):
    page.goto(base + "/")
    header(page).get_by_role("link", name="Sign in").click()
    page.wait_for_load_state()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


@pytest.mark.parametrize(
    "username, lands_on, link, link_leads_to",
    [
        ("northshire-practitioner", "/children/", "Your children", "/children/"),
        ("robins-parent", "child", "Your child", "child"),
        ("northshire-officer", "/admin/", "Council admin", "/admin/"),
        ("northshire-editor", "/admin/", "Council admin", "/admin/"),
    ],
)
def test_each_role_signs_in_and_the_header_leads_to_its_work(
    page, scene, screenshot, axe_violations, username, lands_on, link, link_leads_to
):
    child_path = f"/children/{scene['child'].pk}/"
    sign_in_from_the_home_page(page, scene["base"], username)
    assert urlparse(page.url).path == (child_path if lands_on == "child" else lands_on)

    page.goto(scene["base"] + "/")
    assert header(page).get_by_role("button", name="Sign out").is_visible()
    assert axe_violations(page) == []
    screenshot(page, f"header-{username}")
    header(page).get_by_role("link", name=link, exact=True).click()
    page.wait_for_load_state()
    assert urlparse(page.url).path == (child_path if link_leads_to == "child" else link_leads_to)
    if link_leads_to == "/children/":
        assert "Children you work with" in page.content()


def test_a_parent_with_no_account_follows_an_invitation_to_their_child(
    page, scene, screenshot, axe_violations
):
    page.goto(scene["base"] + scene["invitation"])
    assert page.get_by_role(
        "heading", name="You have been invited to see Ash's needs mapping"
    ).is_visible()
    assert page.get_by_text("Northshire Council").first.is_visible()
    screenshot(page, "invitation-signed-out")
    assert axe_violations(page) == []

    page.get_by_role("button", name="Create an account").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Create account").click()  # nothing filled in
    page.wait_for_load_state()
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible() and "Enter your full name" in summary.inner_text()
    screenshot(page, "invitation-create-account-errors")
    assert axe_violations(page) == []

    page.get_by_label("Full name").fill("Jo Example")
    page.get_by_label("Email address").fill("jo.example@example.invalid")
    page.get_by_label("Create a password").fill("lantern-meadow-pebble-7")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_load_state()

    assert page.get_by_role(
        "heading", name="Accept the invitation to see Ash's needs mapping"
    ).is_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Accept the invitation").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Ash", level=1).is_visible()
    assert header(page).get_by_role("link", name="Your child").is_visible()
    screenshot(page, "invitation-accepted")
    assert axe_violations(page) == []
