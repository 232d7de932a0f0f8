"""The strict Content-Security-Policy in a real browser: nothing is blocked, GOV.UK Frontend starts.

Every page listens for ``securitypolicyviolation`` from before its first
script runs, and the console is read for the browser's own CSP messages. The
public sector pages are also checked with axe and at 320 pixels.
"""

from urllib.parse import urlparse

import pytest
from django.apps import apps
from django.conf import settings

from vsend_plugin.local_offer.models import ServicePage
from vsend_plugin.toolkit.models import GuidancePage
from vsend_site.demo.loader import set_up_local_offer, set_up_public_pages, set_up_toolkit

from ..core.test_public_pages import few_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""
PUBLIC_PAGES = ["/accessibility/", "/privacy/", "/cookies/"]


@pytest.fixture
def site(live_server, make_council, django_user_model, tmp_path):
    port = urlparse(live_server.url).port
    council = make_council("northshire", "E06000991", port=port)
    set_up_local_offer(council, few_services(tmp_path))
    set_up_toolkit(council, settings.DEMO_FIXTURES_DIR / "toolkit.yaml")
    set_up_public_pages(council, {"email": "send@northshire.example", "phone": "01632 960101"})
    django_user_model.objects.create_superuser("admin", password="correct horse battery staple")
    return {"council": council, "base": f"http://northshire.localhost:{port}"}


@pytest.fixture
def watched(page):
    """The page, with every CSP message the browser prints collected."""
    messages = []
    page.on(
        "console",
        lambda message: (
            messages.append(message.text)
            if "Content Security Policy" in message.text
            or "Content-Security-Policy" in message.text
            else None
        ),
    )
    page.add_init_script(LISTEN)
    page.csp_messages = messages
    return page


def visit(page, url):
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    return response


def assert_no_violations(page, url):
    violations = page.evaluate("window.__cspViolations")
    assert violations == [], f"{url}: {violations}"
    assert page.csp_messages == [], f"{url}: {page.csp_messages}"


def front_end_paths(council):
    root = council.site.root_page
    service = ServicePage.objects.descendant_of(root).live().first()
    guidance = GuidancePage.objects.descendant_of(root).live().first()
    return [
        "/",
        "/local-offer/",
        service.relative_url(council.site),
        "/toolkit/",
        guidance.relative_url(council.site),
        "/sign-in/",
        *PUBLIC_PAGES,
        "/no-such-page/",
    ]


def test_front_end_pages_break_no_rule_and_start_gov_uk_frontend(watched, site, screenshot):
    for path in front_end_paths(site["council"]):
        url = site["base"] + path
        response = visit(watched, url)
        assert "'unsafe-inline'" not in response.headers["content-security-policy"], url
        assert_no_violations(watched, url)
        classes = watched.evaluate("document.body.className").split()
        assert {"js-enabled", "govuk-frontend-supported"} <= set(classes), url
        # GOV.UK Frontend marks each component it has started
        assert watched.locator(".govuk-skip-link[data-govuk-skip-link-init]").count() == 1, url
        assert watched.locator("[data-govuk-service-navigation-init]").count() == 1, url
    screenshot(watched, "csp-front-end-last")


def test_the_admin_and_the_dashboard_break_no_rule(watched, site):
    base = site["base"]
    visit(watched, base + "/admin/login/")
    watched.get_by_label("Username").fill("admin")
    watched.get_by_label("Password").fill("correct horse battery staple")
    watched.get_by_role("button", name="Sign in").click()
    watched.wait_for_load_state("networkidle")
    home = site["council"].site.root_page
    statement = (
        home.get_children().type(apps.get_model("vsend_core", "AccessibilityStatementPage")).first()
    )
    for path in (
        "/admin/",
        f"/admin/pages/{home.pk}/",
        f"/admin/pages/{statement.pk}/edit/",
        "/admin/benchmarking/",
        "/admin/reports/site-history/",
    ):
        response = visit(watched, base + path)
        assert response.status == 200, path
        assert "/admin/login/" not in watched.url
        assert_no_violations(watched, path)


@pytest.mark.parametrize("path", [*PUBLIC_PAGES, "/no-such-page/"])
def test_the_public_sector_pages_are_accessible_and_fit_320_pixels(
    browser, watched, site, path, axe_violations, screenshot
):
    visit(watched, site["base"] + path)
    assert axe_violations(watched) == []
    context = browser.new_context(viewport={"width": 320, "height": 640})
    narrow = context.new_page()
    narrow.goto(site["base"] + path)
    width = narrow.evaluate("document.documentElement.scrollWidth")
    screenshot(narrow, f"narrow-{path.strip('/')}")
    context.close()
    assert width <= 320
