"""Every page of a toolkit built from the forms library passes axe-core and fits 320 px."""

from pathlib import Path
from urllib.parse import urlparse

import pytest

from vsend_plugin.core.models import Role
from vsend_plugin.toolkit.library import add_toolkit_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LIBRARY = Path(__file__).resolve().parents[2] / "forms_library" / "toolkit"
PASSWORD = "correct horse battery staple"
DOCS_SCREENSHOTS = {"/toolkit/", "/toolkit/how-well-do-we-co-produce/"}


@pytest.fixture
def toolkit(live_server, make_council, make_member):
    from vsend_plugin.toolkit.models import GuidancePage, ToolkitIndexPage

    port = urlparse(live_server.url).port
    council = make_council("northshire", "E06000991", port=port)
    index = ToolkitIndexPage(title="Working together", slug="toolkit", intro="How we co-produce.")
    council.site.root_page.add_child(instance=index)
    index.add_child(
        instance=GuidancePage(
            title="What co-production means",
            slug="guidance",
            intro="Working with parent carers as equal partners.",
            body=[
                ("rich_text", "<p>Start with your parent carer forum, before you plan.</p>"),
                ("call_out", {"style": "inset", "heading": "", "text": "Talk to families early."}),
            ],
        )
    )
    pages = [add_toolkit_page(index, path) for path in sorted(LIBRARY.glob("*.yaml"))]
    make_member(council, Role.PRACTITIONER, username="reviewer")
    base = f"http://northshire.localhost:{port}"
    return base, ["/toolkit/", "/toolkit/guidance/"] + [
        urlparse(page.full_url).path for page in pages
    ]


def sign_in(page, base):
    page.goto(f"{base}/sign-in/")
    page.get_by_label("Username").fill("reviewer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_every_toolkit_page_passes_axe(page, toolkit, screenshot, axe_violations):
    base, paths = toolkit
    sign_in(page, base)  # the self-assessment and case review forms are for members
    for path in paths:
        response = page.goto(base + path)
        assert response.status == 200, path
        name = "toolkit" + path.rstrip("/").replace("/toolkit", "").replace("/", "-")
        screenshot(page, name, docs=name if path in DOCS_SCREENSHOTS else None)
        assert axe_violations(page) == [], path


def test_every_toolkit_page_fits_a_320_pixel_screen(browser, toolkit):
    base, paths = toolkit
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        sign_in(page, base)
        for path in paths:
            page.goto(base + path)
            assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
    finally:
        context.close()
