"""The portal lists councils; each council's host answers with its own home page."""

import pytest

from vsend_site.demo.loader import set_up_portal

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal(northshire, westmoor):
    return set_up_portal("127.0.0.1", 80)


def test_the_portal_lists_every_council_with_a_link_to_its_site(client, portal):
    response = client.get("/", HTTP_HOST="127.0.0.1")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="http://northshire.localhost/"' in html
    assert 'href="http://westmoor.localhost/"' in html
    assert html.index("Northshire Council") < html.index("Westmoor Council")


@pytest.mark.parametrize("slug", ["northshire", "westmoor"])
def test_each_council_host_serves_its_own_home_page(client, portal, slug):
    response = client.get("/", HTTP_HOST=f"{slug}.localhost")
    assert response.status_code == 200
    assert response.context["page"].slug == slug
    assert response.context["council"].slug == slug
    other = {"northshire": "Westmoor", "westmoor": "Northshire"}[slug]
    assert other not in response.content.decode()


def test_pages_use_the_gov_uk_design_system(client, portal):
    html = client.get("/", HTTP_HOST="northshire.localhost").content.decode()
    assert 'class="govuk-template' in html
    assert "govuk-frontend.min.css" in html
    assert 'class="govuk-skip-link"' in html
    assert 'lang="en-GB"' in html


def test_an_unknown_host_falls_back_to_the_portal(client, portal):
    response = client.get("/", HTTP_HOST="elsewhere.localhost")
    assert response.status_code == 200
    assert response.context["page"].specific_class.__name__ == "PortalPage"


def test_the_api_schema_documents_only_vsend_paths(client, portal, django_user_model):
    client.force_login(django_user_model.objects.create_user("someone"))
    response = client.get("/api/vsend/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert all(path.startswith("/api/vsend/") for path in paths)


def test_pages_outside_the_page_tree_know_their_council(client, portal):
    response = client.get("/sign-in/", HTTP_HOST="westmoor.localhost")
    assert response.context["council"].slug == "westmoor"
    assert "<title>Sign in – Westmoor Council – Support for children with SEND</title>" in (
        response.content.decode()
    )
    assert client.get("/sign-in/", HTTP_HOST="127.0.0.1").context["council"] is None
