"""Signing in leads each role to its work, and the service header carries that role's links."""

import re

import pytest
from django.urls import reverse

from vsend_plugin.core.models import Role

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def people(northshire, westmoor, make_member, make_child, make_parent, django_user_model):
    practitioner = make_member(northshire, Role.PRACTITIONER)
    child = make_child(northshire, "NS-1", "Robin")
    child.practitioners.add(practitioner)
    sibling = make_child(northshire, "NS-2", "Ash")
    one_child_parent = make_parent(child, "one-child-parent")
    two_children_parent = make_parent(child, "two-children-parent")
    from guardian.shortcuts import assign_perm

    assign_perm("vsend_assessments.view_child", two_children_parent, sibling)
    admin = django_user_model.objects.create_superuser("root", password=PASSWORD)
    return {
        "practitioner": practitioner,
        "officer": make_member(northshire, Role.OFFICER),
        "editor": make_member(northshire, Role.EDITOR),
        "one-child-parent": one_child_parent,
        "two-children-parent": two_children_parent,
        "no-child-parent": django_user_model.objects.create_user("new-parent", password=PASSWORD),
        "superuser": admin,
        "child": child,
    }


HOST = {"HTTP_HOST": "northshire.localhost"}


def sign_in(client, username, **data):
    return client.post(
        reverse("vsend_sign_in"), {"username": username, "password": PASSWORD, **data}, **HOST
    )


def header_links(response):
    """The labels and addresses of the service navigation's links, in order."""
    html = response.content.decode()
    navigation = html[html.index('id="navigation"') : html.index("</nav>")]
    links = re.findall(
        r'<a class="govuk-service-navigation__link" href="([^"]+)"[^>]*>([^<]+)</a>', navigation
    )
    buttons = re.findall(r"<button[^>]*>([^<]+)</button>", navigation)
    return [(label, url) for url, label in links] + [(label, None) for label in buttons]


@pytest.mark.parametrize(
    "who, lands_on",
    [
        ("practitioner", "/children/"),
        ("one-child-parent", "child"),
        ("two-children-parent", "/children/"),
        ("no-child-parent", "/"),
        ("officer", "/admin/"),
        ("editor", "/admin/"),
        ("superuser", "/admin/"),
    ],
)
def test_signing_in_leads_each_role_to_its_work(client, people, who, lands_on):
    response = sign_in(client, people[who].username)
    expected = (
        reverse("vsend_child", args=[people["child"].pk]) if lands_on == "child" else lands_on
    )
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize(
    "who, links",
    [
        (
            "practitioner",
            [("Your children", "/children/"), ("Moderation", "/moderation/"), ("Sign out", None)],
        ),
        ("one-child-parent", [("Your child", "child"), ("Sign out", None)]),
        ("two-children-parent", [("Your children", "/children/"), ("Sign out", None)]),
        ("no-child-parent", [("Sign out", None)]),
        ("officer", [("Council admin", "/admin/"), ("Sign out", None)]),
        ("editor", [("Council admin", "/admin/"), ("Sign out", None)]),
        ("superuser", [("Admin", "/admin/"), ("Sign out", None)]),
    ],
)
def test_the_header_carries_the_links_each_role_needs(client, people, who, links):
    client.force_login(people[who])
    child_url = reverse("vsend_child", args=[people["child"].pk])
    expected = [(label, child_url if url == "child" else url) for label, url in links]
    assert header_links(client.get("/", **HOST)) == expected


def test_signed_out_the_header_offers_sign_in(client, people):
    assert header_links(client.get("/", **HOST)) == [("Sign in", reverse("vsend_sign_in"))]


def test_the_current_section_is_marked_in_the_header(client, people):
    client.force_login(people["practitioner"])
    html = client.get(reverse("vsend_children"), **HOST).content.decode()
    assert (
        'govuk-service-navigation__item--active"><a class="govuk-service-navigation__link" '
        'href="/children/" aria-current="page">Your children'
    ) in html


def test_a_parent_never_sees_children_you_work_with(client, people):
    client.force_login(people["two-children-parent"])
    html = client.get(reverse("vsend_children"), **HOST).content.decode()
    assert "Children you work with" not in html
    assert '<h1 class="govuk-heading-l">Your children</h1>' in html
    assert "Robin" in html and "Ash" in html

    client.force_login(people["practitioner"])
    html = client.get(reverse("vsend_children"), **HOST).content.decode()
    assert "Children you work with at Northshire Council" in html


@pytest.mark.parametrize(
    "next_url, lands_on",
    [
        ("/local-offer/", "/local-offer/"),
        ("https://evil.example.invalid/", "/children/"),
        ("//evil.example.invalid/", "/children/"),
        ("http://westmoor.localhost/children/", "/children/"),
    ],
)
def test_a_safe_next_is_honoured_and_an_unsafe_one_ignored(client, people, next_url, lands_on):
    response = sign_in(client, people["practitioner"].username, next=next_url)
    assert response.status_code == 302 and response["Location"] == lands_on


def test_a_signed_in_user_opening_sign_in_goes_to_their_work(client, people):
    client.force_login(people["practitioner"])
    response = client.get(reverse("vsend_sign_in"), **HOST)
    assert response.status_code == 302 and response["Location"] == "/children/"


def test_another_app_adds_header_links_through_the_hook(client, people):
    from wagtail import hooks

    from vsend_plugin.core.navigation import NavigationLink

    def extra(request):
        return [NavigationLink("Local offer", "/local-offer/", order=5)]

    with hooks.register_temporarily("register_vsend_navigation_links", extra):
        client.force_login(people["practitioner"])
        links = header_links(client.get("/", **HOST))
    assert links[:2] == [("Local offer", "/local-offer/"), ("Your children", "/children/")]


def test_on_a_site_without_a_council_a_practitioner_is_not_sent_to_children(client, people):
    """Children are looked at on their council's own site; elsewhere the home page is safest."""
    response = client.post(
        reverse("vsend_sign_in"),
        {"username": people["practitioner"].username, "password": PASSWORD},
        HTTP_HOST="127.0.0.1",
    )
    assert response.status_code == 302 and response["Location"] == "/"
