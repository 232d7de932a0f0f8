"""`manage.py vsend_load_demo`: the three councils, their sign-ins, idempotent.

The demo is loaded once for this module's tests (:mod:`tests.demo.loading`);
tests that load it again do so in their own transaction, undone after them.
What it refuses and the bigger population are in ``test_load_demo_options``.
"""

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.http import HttpRequest
from wagtail.models import Page, Site

from tests.demo.loading import demo_loaded_once, load_demo
from vsend_plugin.assessments.models import Assessment, Child
from vsend_plugin.core.models import (
    AccessibilityStatementPage,
    Council,
    Locality,
    Practitioner,
    Role,
    Setting,
)
from vsend_plugin.core.permissions import can_view, roles_of
from vsend_plugin.needs_forms.models import CouncilForm

pytestmark = pytest.mark.django_db

SLUGS = ["northshire", "westmoor", "eastbrook"]
ARGUMENTS = ("--children", "4", "--population", "0")

demo = demo_loaded_once(*ARGUMENTS)


def load():
    return load_demo(*ARGUMENTS)


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Council,
            Locality,
            Setting,
            Site,
            Practitioner,
            get_user_model(),
            Child,
            Assessment,
            CouncilForm,
        )
    }


def test_it_creates_the_three_councils_each_with_its_own_site(demo):
    assert sorted(Council.objects.values_list("slug", flat=True)) == sorted(SLUGS)
    for slug in SLUGS:
        council = Council.objects.get(slug=slug)
        assert council.site.hostname == f"{slug}.localhost"
        assert council.site.port == 8000
        assert council.localities.count() >= 3
        kinds = set(council.settings.values_list("kind", flat=True))
        assert {"nursery", "primary", "secondary", "college"} <= kinds
    default = Site.objects.get(is_default_site=True)
    assert (default.hostname, default.port) == ("127.0.0.1", 8000)


def test_every_documented_sign_in_works_with_its_role(demo):
    """Signs in as a request does: django-axes, which throttles sign-in, needs the request."""
    admin = authenticate(HttpRequest(), username="admin", password="vsend-demo")
    assert admin and admin.is_superuser
    for slug in SLUGS:
        council = Council.objects.get(slug=slug)
        for role in Role:
            user = authenticate(
                HttpRequest(), username=f"{slug}-{role.value}", password="vsend-demo"
            )
            assert user is not None, f"{slug}-{role.value}"
            assert roles_of(user, council) == {role}
            assert f"{slug}-{role.value}" in demo
        parent = authenticate(HttpRequest(), username=f"{slug}-parent", password="vsend-demo")
        assert parent is not None and not parent.groups.exists()
        practitioner = Practitioner.objects.get(user__username=f"{slug}-practitioner")
        assert practitioner.setting.council == council


def test_running_it_twice_changes_nothing(demo):
    before = counts()
    load()
    assert counts() == before


def test_the_demo_sites_answer_on_their_hosts(demo, settings, client):
    settings.DEBUG = True
    response = client.get("/", HTTP_HOST="eastbrook.localhost:8000")
    assert response.context["council"].slug == "eastbrook"
    portal = client.get("/", HTTP_HOST="127.0.0.1:8000").content.decode()
    for slug in SLUGS:
        assert f"http://{slug}.localhost:8000/" in portal


def test_each_council_gets_the_library_forms_and_synthetic_children(demo):
    for slug in SLUGS:
        council = Council.objects.get(slug=slug)
        kinds = set(
            CouncilForm.objects.filter(council=council, status="published").values_list(
                "kind", flat=True
            )
        )
        assert kinds == {"needs_mapping", "family_contribution"}
        children = list(council.children.all())
        assert len(children) == 4
        for child in children:
            assert 2 <= child.assessments.count() <= 4
        practitioner = get_user_model().objects.get(username=f"{slug}-practitioner")
        parent = get_user_model().objects.get(username=f"{slug}-parent")
        assert any(can_view(practitioner, child) for child in children)
        assert sum(can_view(parent, child) for child in children) == 1


def test_each_council_gets_a_local_offer_with_services_and_postcodes(demo, settings, client):
    from vsend_plugin.local_offer.models import PostcodeCentroid, ServicePage

    settings.DEBUG = True
    assert PostcodeCentroid.objects.filter(postcode="WM1 1AA").exists()
    telephones, total = set(), 0
    for slug in SLUGS:
        council = Council.objects.get(slug=slug)
        services = ServicePage.objects.live().descendant_of(council.site.root_page)
        assert services.count() >= 30
        for service in services:
            assert_complete(service, council)
            telephones.add(service.telephone)
            total += 1
    assert len(telephones) == total  # no two services share a line
    response = client.get("/local-offer/?area=SEMH&age=10", HTTP_HOST="westmoor.localhost:8000")
    titles = [result.service.title for result in response.context["search"].results]
    assert "Worry and wellbeing workshops" in titles and "Travel training" not in titles


def assert_complete(service, council):
    """Every detail a family looks for, fictional: drama-range numbers, example.org addresses."""
    import re

    for name in (
        "description",
        "eligibility",
        "how_to_access",
        "opening_times",
        "telephone",
        "email",
        "website",
    ):
        assert getattr(service, name).strip(), (service.title, name)
    assert service.organisation and service.organisation.council == council
    assert service.areas_of_need.exists() and service.categories.exists()
    assert re.fullmatch(r"01632 960\d{3}", service.telephone), service.telephone
    assert re.search(r"@([a-z-]+\.)*example\.(org|com)$", service.email), service.email
    assert re.match(r"https://([a-z-]+\.)*example\.org/", service.website), service.website
    assert service.is_free or service.cost_description
    how = service.how_to_access.lower()
    assert "{" not in service.description + how + service.eligibility  # every placeholder filled
    locations = list(service.locations.all())
    assert locations
    for location in locations:
        assert location.address and location.town and location.latitude is not None
    for contact in service.contacts.all():
        assert contact.telephone or contact.email


def test_the_demo_comes_with_benchmark_rollups_for_every_council(demo):
    from vsend_plugin.benchmarking.models import Rollup
    from vsend_plugin.benchmarking.rollups import periods_with_assessments

    for council in Council.objects.all():
        periods = periods_with_assessments(council)
        assert periods
        stored = set(
            Rollup.objects.filter(council=council, dimension="council").values_list(
                "period", flat=True
            )
        )
        assert stored == set(periods)


def test_each_council_has_its_public_sector_pages_with_its_contacts(demo, settings, client):
    settings.DEBUG = True
    for slug in SLUGS:
        council = Council.objects.get(slug=slug)
        host = f"{slug}.localhost:8000"
        for path in ("/accessibility/", "/privacy/", "/cookies/"):
            response = client.get(path, HTTP_HOST=host)
            assert response.status_code == 200, (slug, path)
            html = response.content.decode()
            assert council.name in html
            assert f"send.localoffer@{slug}.example" in html
        home = client.get("/", HTTP_HOST=host).content.decode()
        assert 'class="govuk-footer__link" href="/accessibility/"' in home
        assert 'href="/local-offer/"' in home[home.index('id="navigation"') :]
    load()  # idempotent: still one of each
    assert Page.objects.type(AccessibilityStatementPage).count() == len(SLUGS)
