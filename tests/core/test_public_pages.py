"""Every council's site has an accessibility statement, privacy notice and cookies page.

They are made when the council is, linked from the footer of every page,
editable by the council's editors, and filled with vsend's text (the GOV.UK
model accessibility statement) naming the council until an editor writes their own.
"""

import importlib
import re
import tempfile
from pathlib import Path

import pytest
import yaml
from django.apps import apps
from django.conf import settings as django_settings

from tests.conftest import create_council
from tests.once import copy_for_a_test, made_once_a_module
from vsend_plugin.core.models import AccessibilityStatementPage, CookiesPage, PrivacyNoticePage
from vsend_plugin.core.public_pages import add_public_information_pages
from vsend_plugin.local_offer.models import ServicePage
from vsend_site.demo.loader import set_up_local_offer, set_up_public_pages, set_up_toolkit

pytestmark = pytest.mark.django_db

FOOTER = re.compile(r'<ul class="govuk-footer__inline-list">(.*?)</ul>', re.DOTALL)
LINK = re.compile(r'<a class="govuk-footer__link" href="([^"]+)">([^<]+)</a>')


def footer_links(html):
    match = FOOTER.search(html)
    assert match, "no govuk-footer__inline-list in the footer"
    return LINK.findall(match.group(1))


def ensure_areas_of_need():
    """The areas of need a data migration adds, which a transactional test's flush removes."""
    module = importlib.import_module("vsend_plugin.local_offer.migrations.0002_areas_of_need")
    module.add_areas(apps, None)


def few_services(tmp_path, count=2):
    """The demo's services file cut down to its first few services, to keep tests quick."""
    ensure_areas_of_need()
    data = yaml.safe_load((django_settings.DEMO_FIXTURES_DIR / "services.yaml").read_text())
    data["services"] = data["services"][:count]
    path = tmp_path / "services.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


@made_once_a_module
def two_councils():
    """Northshire and Westmoor, each with a small local offer and the toolkit."""
    councils = [create_council("northshire", "E06000991"), create_council("westmoor", "E06000992")]
    with tempfile.TemporaryDirectory() as folder:
        services = few_services(Path(folder))
        for council in councils:
            set_up_local_offer(council, services)
            set_up_toolkit(council, django_settings.DEMO_FIXTURES_DIR / "toolkit.yaml")
    return councils


@pytest.fixture
def councils(two_councils):
    """The councils, made once for the module (tests/once.py): each test's own copy."""
    return copy_for_a_test(two_councils)


@pytest.fixture
def northshire(councils):
    return councils[0]


@pytest.fixture
def westmoor(councils):
    return councils[1]


def test_a_new_council_gets_the_three_pages_under_its_home_page(northshire):
    home = northshire.site.root_page
    for page_class in (AccessibilityStatementPage, PrivacyNoticePage, CookiesPage):
        page = page_class.objects.child_of(home).get()
        assert page.live and not page.show_in_menus
    # running it again adds nothing
    add_public_information_pages(northshire)
    assert AccessibilityStatementPage.objects.child_of(home).count() == 1


def test_every_footer_link_resolves_on_each_councils_site(client, councils):
    for council in councils:
        host = council.site.hostname
        pages = ["/", "/local-offer/", "/toolkit/", "/sign-in/", "/accessibility/"]
        service = ServicePage.objects.descendant_of(council.site.root_page).live().first()
        pages.append(service.relative_url(council.site))
        for path in pages:
            response = client.get(path, HTTP_HOST=host)
            assert response.status_code == 200, path
            links = footer_links(response.content.decode())
            assert [title for _, title in links] == [
                "Accessibility statement",
                "Privacy notice",
                "Cookies",
            ], path
            for href, title in links:
                linked = client.get(href, HTTP_HOST=host)
                assert linked.status_code == 200, (host, href)
                assert linked.context["page"].get_site().pk == council.site.pk
                assert f'<h1 class="govuk-heading-l">{title}</h1>' in linked.content.decode()


def test_the_default_text_names_the_council_and_its_contacts(client, councils):
    northshire = councils[0]
    set_up_public_pages(northshire, {"email": "send@northshire.example", "phone": "01632 960101"})
    html = client.get("/accessibility/", HTTP_HOST="northshire.localhost").content.decode()
    assert "This website is run by Northshire Council." in html
    assert "Westmoor" not in html
    assert 'href="mailto:send@northshire.example"' in html and "01632 960101" in html
    # the GOV.UK model statement's sections
    for heading in (
        "How accessible this website is",
        "Feedback and contact information",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Compliance status",
        "Non-accessible content",
        "Preparation of this accessibility statement",
    ):
        assert heading in html, heading
    privacy = client.get("/privacy/", HTTP_HOST="westmoor.localhost").content.decode()
    assert "Westmoor Council is the data controller" in privacy
    assert "Information Commissioner" in privacy


def test_the_cookies_page_lists_the_cookies_the_site_sets(client, councils, settings):
    settings.SESSION_COOKIE_NAME = "vsend_session"
    html = client.get("/cookies/", HTTP_HOST="northshire.localhost").content.decode()
    assert "<code>vsend_session</code>" in html
    assert f"<code>{settings.CSRF_COOKIE_NAME}</code>" in html
    assert "14 days" in html and "1 year" in html


def test_an_editors_own_text_replaces_vsends_but_the_cookie_list_stays(client, councils):
    page = CookiesPage.objects.child_of(councils[0].site.root_page).get()
    page.body = "<p>Our own words about cookies.</p>"
    page.save_revision().publish()
    html = client.get("/cookies/", HTTP_HOST="northshire.localhost").content.decode()
    assert "Our own words about cookies." in html
    assert "Cookies are small files" not in html
    assert "<code>csrftoken</code>" in html


def test_the_councils_editors_may_edit_the_pages_and_other_councils_may_not(councils, make_member):
    from vsend_plugin.core.models import Role

    northshire, westmoor = councils
    editor = make_member(northshire, Role.EDITOR)
    own = AccessibilityStatementPage.objects.child_of(northshire.site.root_page).get()
    other = AccessibilityStatementPage.objects.child_of(westmoor.site.root_page).get()
    assert own.permissions_for_user(editor).can_edit()
    assert own.permissions_for_user(editor).can_publish()
    assert not other.permissions_for_user(editor).can_edit()


def test_the_header_lists_the_councils_main_sections(client, councils):
    html = client.get("/local-offer/", HTTP_HOST="northshire.localhost").content.decode()
    navigation = html[html.index('id="navigation"') : html.index("</nav>")]
    assert 'href="/local-offer/" aria-current="page"' in navigation
    assert "govuk-service-navigation__item--active" in navigation
    assert 'href="/toolkit/"' in navigation
    assert "/accessibility/" not in navigation
    home = client.get("/", HTTP_HOST="northshire.localhost").content.decode()
    assert "Accessibility statement" not in home[home.index("<main") : home.index("</main>")]
