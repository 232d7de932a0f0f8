"""Partner tokens in the Wagtail admin: issued by a SEND officer, key shown once, revoked for good.

Another council's officer must not learn a token exists (404), and nothing
the admin shows after the issuing response may contain the key.
"""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from vsend_plugin.benchmarking.models import PartnerToken

pytestmark = pytest.mark.django_db

KEY = re.compile(r"vsp_[A-Za-z0-9_-]{40,}")
PERIODS_URL = "/api/vsend/v1/benchmarks/periods/"


def url(name, *args):
    return reverse(f"wagtailsnippets_vsend_benchmarking_partnertoken:{name}", args=args)


@pytest.fixture(autouse=True)
def fresh_throttle_history():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def officer(northshire, make_member, client):
    user = make_member(northshire, "officer")
    client.force_login(user)
    return user


def issue(client, council, organisation="Regional SEND network", purpose="Quarterly comparison"):
    return client.post(
        url("add"), {"council": council.pk, "organisation": organisation, "purpose": purpose}
    )


def token_for(council, organisation):
    token = PartnerToken(council=council, organisation=organisation)
    key = token.set_new_key()
    token.save()
    return token, key


def reads_benchmarks(client, key):
    return client.get(PERIODS_URL, HTTP_AUTHORIZATION=f"Token {key}").status_code


def test_an_officer_issues_a_token_and_sees_its_key_once(client, officer, northshire):
    form = client.get(url("add"))
    assert form.status_code == 200
    assert f'name="council" value="{northshire.pk}"' in form.content.decode()  # chosen for them

    response = issue(client, northshire)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    (key,) = set(KEY.findall(response.content.decode()))
    token = PartnerToken.objects.get()
    assert PartnerToken.objects.for_key(key) == token
    assert (token.council, token.organisation, token.purpose) == (
        northshire,
        "Regional SEND network",
        "Quarterly comparison",
    )
    assert token.created_by == officer and token.active
    assert key.startswith(token.key_prefix) and key not in (token.key_hash, token.key_prefix)

    for page in (url("list"), url("inspect", token.pk)):
        shown = client.get(page).content.decode()
        assert token.key_prefix in shown and "Regional SEND network" in shown
        assert key not in shown
    assert reads_benchmarks(client, key) == 200


def test_a_token_is_only_issued_for_the_officers_own_council(client, officer, westmoor):
    response = issue(client, westmoor)

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not KEY.search(response.content.decode())
    assert not PartnerToken.objects.exists()


def test_an_organisation_is_required(client, officer, northshire):
    response = issue(client, northshire, organisation="")

    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not PartnerToken.objects.exists()


def test_the_listing_shows_the_councils_tokens_revoked_ones_included(
    client, officer, northshire, westmoor, make_member
):
    active, _ = token_for(northshire, "Fenland Council")
    revoked, _ = token_for(northshire, "Old research project")
    revoked.revoke(officer)
    theirs, _ = token_for(westmoor, "Westmoor's partner")

    listing = client.get(url("list")).content.decode()

    assert "Fenland Council" in listing and active.key_prefix in listing
    assert "Old research project" in listing and "Revoked" in listing
    assert "Westmoor&#x27;s partner" not in listing and theirs.key_prefix not in listing
    assert url("revoke", active.pk) in listing
    assert url("revoke", revoked.pk) not in listing  # nothing left to revoke


def test_revoking_asks_first_then_stops_the_token_at_once(client, officer, northshire):
    token, key = token_for(northshire, "Fenland Council")
    assert reads_benchmarks(client, key) == 200

    confirm = client.get(url("revoke", token.pk))
    assert confirm.status_code == 200
    assert "cannot be restored" in confirm.content.decode()
    token.refresh_from_db()
    assert token.active

    response = client.post(url("revoke", token.pk))

    assert response.status_code == 302 and response["Location"] == url("list")
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == officer
    assert PartnerToken.objects.for_key(key) is None
    assert reads_benchmarks(client, key) == 401
    assert "Fenland Council" in client.get(url("list")).content.decode()


def test_another_councils_officer_cannot_see_or_revoke_a_token(
    client, northshire, westmoor, make_member
):
    token, key = token_for(northshire, "Fenland Council")
    client.force_login(make_member(westmoor, "officer"))

    assert "Fenland Council" not in client.get(url("list")).content.decode()
    for page in (url("inspect", token.pk), url("revoke", token.pk)):
        assert client.get(page).status_code == 404
    assert client.post(url("revoke", token.pk)).status_code == 404
    token.refresh_from_db()
    assert token.active
    assert reads_benchmarks(client, key) == 200


def test_tokens_are_neither_edited_nor_deleted(client, officer, northshire, django_user_model):
    token, _ = token_for(northshire, "Fenland Council")

    edit = client.get(url("edit", token.pk))
    assert edit.status_code == 302 and edit["Location"] == url("inspect", token.pk)
    assert client.post(url("edit", token.pk), {"organisation": "Someone else"}).status_code == 405
    assert url("delete", token.pk) not in client.get(url("list")).content.decode()

    client.force_login(django_user_model.objects.create_superuser("root", password="x"))
    assert client.post(url("delete", token.pk)).status_code in (302, 403)
    token.refresh_from_db()
    assert token.organisation == "Fenland Council"


@pytest.mark.parametrize("role", ["practitioner", "editor"])
def test_only_send_officers_reach_partner_tokens(client, northshire, make_member, role):
    token, _ = token_for(northshire, "Fenland Council")
    client.force_login(make_member(northshire, role))

    for page in (url("list"), url("add")):
        response = client.get(page)
        assert response.status_code in (302, 403)
        assert "Fenland Council" not in response.content.decode()
    assert client.post(url("revoke", token.pk)).status_code in (302, 403, 404)
    token.refresh_from_db()
    assert token.active
