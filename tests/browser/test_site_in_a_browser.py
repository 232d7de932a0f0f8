"""The portal and a council's site, in a real browser: links, sign-in, accessibility, 320 px."""

from urllib.parse import urlparse

import pytest
from django.contrib.auth import get_user_model

from vsend_plugin.core.models import Role
from vsend_site.demo.loader import set_up_portal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def sites(live_server, make_council):
    port = urlparse(live_server.url).port
    councils = [
        make_council("northshire", "E06000991", port=port),
        make_council("westmoor", "E06000992", port=port),
    ]
    set_up_portal("127.0.0.1", port)
    return {"port": port, "councils": councils}


def test_a_family_goes_from_the_portal_to_their_councils_site(
    page, sites, screenshot, axe_violations
):
    port = sites["port"]
    page.goto(f"http://127.0.0.1:{port}/")
    screenshot(page, "portal")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Westmoor Council").click()
    page.wait_for_load_state()
    assert urlparse(page.url).hostname == "westmoor.localhost"
    assert page.get_by_role("heading", level=1).inner_text() == "Westmoor Council"
    screenshot(page, "council-home")
    assert axe_violations(page) == []


def test_a_practitioner_signs_in_on_their_councils_site(
    page, sites, make_member, screenshot, axe_violations
):
    northshire = sites["councils"][0]
    make_member(northshire, Role.PRACTITIONER, username="northshire-practitioner")
    page.goto(f"http://northshire.localhost:{sites['port']}/sign-in/")
    assert axe_violations(page) == []

    page.get_by_label("Username").fill("northshire-practitioner")
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("alert").is_visible()
    screenshot(page, "sign-in-error")
    assert axe_violations(page) == []

    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert page.get_by_role("button", name="Sign out").is_visible()
    assert get_user_model().objects.get(username="northshire-practitioner").last_login is not None


@pytest.mark.parametrize("path", ["/", "/sign-in/"])
def test_pages_fit_a_320_pixel_screen(browser, sites, path, screenshot):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(f"http://northshire.localhost:{sites['port']}{path}")
    overflow = page.evaluate("document.documentElement.scrollWidth")
    screenshot(page, f"narrow{path.replace('/', '-').rstrip('-') or '-home'}")
    context.close()
    assert overflow <= 320
