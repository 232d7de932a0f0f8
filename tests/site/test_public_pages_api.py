"""A site whose Wagtail pages API is public keeps it public with vsend installed.

The reference site serves Wagtail's pages API at ``/api/v2/`` the way
Wagtail's documentation sets it up, and, like a site that never used DRF
before, sets no ``REST_FRAMEWORK`` and no ``LOGIN_URL``: DRF's and Django's
defaults. vsend's own API and pages still ask for credentials their own way.
"""

from django.conf import global_settings, settings
from django.test import Client


def test_the_site_leaves_drf_and_the_sign_in_address_at_their_defaults():
    assert not hasattr(settings, "REST_FRAMEWORK")
    # only what docs/installing.md has a project without drf-spectacular settings add
    assert settings.SPECTACULAR_SETTINGS == {"ENABLE_DJANGO_DEPLOY_CHECK": False}
    assert settings.LOGIN_URL == global_settings.LOGIN_URL


def test_the_sites_own_pages_api_answers_anyone(northshire):
    response = Client().get("/api/v2/pages/", HTTP_HOST="northshire.localhost")
    assert response.status_code == 200, response.content[:500]
    titles = [page["title"] for page in response.json()["items"]]
    assert titles, "the pages API lists the site's pages"


def test_vsends_api_still_asks_for_a_token(northshire):
    response = Client().get("/api/vsend/v1/children/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == {
        "errors": [{"field": "", "message": "Authentication credentials were not provided."}]
    }


def test_vsends_pages_send_to_vsends_own_sign_in_page(northshire):
    response = Client().get("/children/", HTTP_HOST="northshire.localhost")
    assert response.status_code == 302
    assert response["Location"] == "/sign-in/?next=/children/"


def test_the_sign_in_page_vsend_sends_to_is_vsends_setting(northshire, settings):
    settings.VSEND_SIGN_IN_URL = "/council-sign-in/"
    response = Client().get("/children/", HTTP_HOST="northshire.localhost")
    assert response["Location"] == "/council-sign-in/?next=/children/"
