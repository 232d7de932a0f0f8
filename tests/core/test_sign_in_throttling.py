"""Repeated wrong passwords lock the account, and the address, out: front end and admin.

django-axes counts failures in the database, so each test starts with none
(its transaction is rolled back); the last test here proves it.
"""

import pytest
from django.http import HttpRequest
from django.urls import reverse

from vsend_plugin.core.models import Role

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
LIMIT = 5
SIGN_INS = {"front end": "vsend_sign_in", "admin": "wagtailadmin_login"}
LOCKED_OUT = "You have entered the wrong password too many times. You can try again in 15 minutes."


@pytest.fixture
def officer(northshire, make_member):
    return make_member(northshire, Role.OFFICER)


def attempt(client, where, username, password, address):
    return client.post(
        reverse(SIGN_INS[where]),
        {"username": username, "password": password},
        HTTP_HOST="northshire.localhost",
        REMOTE_ADDR=address,
    )


def signed_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("where", SIGN_INS)
def test_wrong_passwords_lock_the_account_out_even_from_another_address(client, officer, where):
    for tries in range(1, LIMIT):
        response = attempt(client, where, officer.username, "wrong", "192.0.2.1")
        assert response.status_code == 200, tries  # the form again, with its error
    locked = attempt(client, where, officer.username, "wrong", "192.0.2.1")
    assert locked.status_code == 429
    assert LOCKED_OUT in locked.content.decode()

    for address in ("192.0.2.1", "198.51.100.7"):
        response = attempt(client, where, officer.username, PASSWORD, address)
        assert response.status_code == 429 and LOCKED_OUT in response.content.decode()
        assert not signed_in(client)


@pytest.mark.parametrize("where", SIGN_INS)
def test_wrong_passwords_lock_the_address_out_for_every_account(
    client, officer, django_user_model, where
):
    for n in range(LIMIT):
        attempt(client, where, f"guess-{n}", "wrong", "203.0.113.9")
    response = attempt(client, where, officer.username, PASSWORD, "203.0.113.9")
    assert response.status_code == 429 and LOCKED_OUT in response.content.decode()
    assert not signed_in(client)

    response = attempt(client, where, officer.username, PASSWORD, "198.51.100.20")
    assert response.status_code == 302 and signed_in(client)


def test_fewer_wrong_passwords_than_the_limit_do_not_lock_out(client, officer):
    for _ in range(LIMIT - 1):
        attempt(client, "front end", officer.username, "wrong", "192.0.2.50")
    response = attempt(client, "front end", officer.username, PASSWORD, "192.0.2.50")
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_the_lockout_page_is_a_govuk_page(client, officer):
    for _ in range(LIMIT):
        response = attempt(client, "front end", officer.username, "wrong", "192.0.2.60")
    html = response.content.decode()
    assert 'class="govuk-heading-l">You cannot sign in at the moment</h1>' in html
    assert "govuk-template" in html


def test_the_test_clients_sign_ins_still_work(client, officer):
    """force_login skips authentication; login needs the request django-axes asks for."""
    client.force_login(officer)
    assert signed_in(client)
    client.logout()
    assert client.login(request=HttpRequest(), username=officer.username, password=PASSWORD)
    assert signed_in(client)


def test_each_test_starts_with_no_failures_counted(client, officer):
    """Runs after the lockouts above: their failures were rolled back with their tests."""
    from axes.models import AccessAttempt

    assert not AccessAttempt.objects.exists()
    response = attempt(client, "front end", officer.username, PASSWORD, "192.0.2.1")
    assert response.status_code == 302
