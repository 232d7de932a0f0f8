"""Errors are shown as GOV.UK pages in the council's own site, never Django's defaults."""

import pytest
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.test import Client, override_settings

from vsend_site.demo.loader import set_up_portal

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal(northshire, westmoor):
    return set_up_portal("127.0.0.1", 80)


def assert_gov_uk_page(html, heading):
    assert 'class="govuk-template' in html
    assert 'class="govuk-header' in html and 'class="govuk-footer' in html
    assert f'<h1 class="govuk-heading-l">{heading}</h1>' in html


@override_settings(DEBUG=False)
def test_a_missing_page_is_a_gov_uk_page_not_found(client, portal):
    response = client.get("/no-such-page/", HTTP_HOST="northshire.localhost")
    assert response.status_code == 404
    html = response.content.decode()
    assert_gov_uk_page(html, "Page not found")
    assert "If you typed the web address, check it is correct." in html
    assert "Northshire Council" in html and "Westmoor" not in html
    assert 'href="/accessibility/"' in html  # the council's footer
    assert "Content-Security-Policy" in response.headers
    assert "Using the URLconf" not in html  # Django's debug page


@override_settings(DEBUG=False)
def test_a_missing_child_is_the_same_page_for_anonymous_users(client, portal):
    response = client.get("/children/-1/", HTTP_HOST="northshire.localhost")
    assert response.status_code == 404
    assert_gov_uk_page(response.content.decode(), "Page not found")


def test_a_server_error_page_needs_no_request():
    """Django renders 500.html with no context at all."""
    html = render_to_string("500.html")
    assert_gov_uk_page(html, "Sorry, there is a problem with the service")
    assert "Try again later." in html


def broken(request):
    raise RuntimeError("broken on purpose")


def refused(request):
    raise PermissionDenied


def urls_with(route, view):
    from django.urls import path

    from vsend_site import urls

    return type("Urls", (), {"urlpatterns": [path(route, view), *urls.urlpatterns]})


@override_settings(DEBUG=False)
def test_a_server_error_is_the_gov_uk_page(portal, settings):
    settings.ROOT_URLCONF = urls_with("broken/", broken)
    client = Client(raise_request_exception=False)
    response = client.get("/broken/", HTTP_HOST="northshire.localhost")
    assert response.status_code == 500
    assert_gov_uk_page(response.content.decode(), "Sorry, there is a problem with the service")


@override_settings(DEBUG=False)
def test_a_refused_page_is_a_gov_uk_page(client, portal, northshire, make_member, settings):
    from vsend_plugin.core.models import Role

    settings.ROOT_URLCONF = urls_with("refused/", refused)
    response = client.get("/refused/", HTTP_HOST="northshire.localhost")
    assert response.status_code == 403
    html = response.content.decode()
    assert_gov_uk_page(html, "You cannot see this page")
    assert 'href="/sign-in/?next=/refused/"' in html
    client.force_login(make_member(northshire, Role.PRACTITIONER))
    html = client.get("/refused/", HTTP_HOST="northshire.localhost").content.decode()
    assert_gov_uk_page(html, "You cannot see this page")
    assert "does not have access to this page" in html


@override_settings(DEBUG=False, ALLOWED_HOSTS=["northshire.localhost"])
def test_a_bad_request_is_a_gov_uk_page(client, portal):
    response = client.get("/", HTTP_HOST="not-a-host-of-ours.example")
    assert response.status_code == 400
    assert_gov_uk_page(response.content.decode(), "Sorry, there is a problem with your request")


@override_settings(DEBUG=False)
def test_an_expired_form_is_a_gov_uk_page(portal):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/sign-in/", {"username": "a", "password": "b"}, HTTP_HOST="northshire.localhost"
    )
    assert response.status_code == 403
    assert_gov_uk_page(response.content.decode(), "This form has expired")
