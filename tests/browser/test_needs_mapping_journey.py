"""A practitioner maps a child's needs in a real browser, a step at a time, and downloads the PDF.

The journey stops half way and comes back to the draft from the child's
page, changes an answer from the check-answers page, and saves from there.
Question pages and the check-answers page pass axe and fit a 320 px screen.
"""

import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest

from vsend_plugin.assessments.models import AssessmentVersion
from vsend_plugin.core.models import Role
from vsend_plugin.needs_forms.importing import import_form
from vsend_plugin.needs_forms.library import read_library_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CORE_FORM = Path(__file__).resolve().parents[2] / "forms_library" / "needs-mapping" / "core.yaml"


@pytest.fixture
def scene(live_server, make_council, make_member, make_child):
    port = urlparse(live_server.url).port
    council = make_council("northshire", "E06000991", port=port)
    council_form, _ = import_form(read_library_file(CORE_FORM), council)
    child = make_child(council, "NS-00042", "Wren")
    practitioner = make_member(council, Role.PRACTITIONER, username="northshire-practitioner")
    child.practitioners.add(practitioner)
    return {
        "base": f"http://northshire.localhost:{port}",
        "child": child,
        "practitioner": practitioner,
        "form": council_form,
    }


def sign_in(page, base):
    page.goto(f"{base}/sign-in/")
    page.get_by_label("Username").fill("northshire-practitioner")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def answer_this_step(page, first_level=None):
    """Choose a level in every question of the page (the first one's given, if it is)."""
    groups = page.locator("fieldset.govuk-fieldset")
    for index in range(groups.count()):
        radios = groups.nth(index).locator("input[type=radio]")
        level = first_level if index == 0 and first_level is not None else (1 if index % 3 else 2)
        radios.nth(level).check()


def fits_320_pixels(page):
    return page.evaluate("document.documentElement.scrollWidth") <= 320


def test_practitioner_maps_needs_and_downloads_the_pdf(
    page, scene, screenshot, axe_violations, tmp_path
):
    base = scene["base"]
    sign_in(page, base)
    page.goto(f"{base}/children/")
    screenshot(page, "children", docs="practitioner-children")
    page.get_by_role("link", name="Wren").click()
    page.get_by_role("button", name="Record a needs mapping").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Communication and interaction"
    assert "Step 1 of 6" in page.locator(".govuk-caption-l").inner_text()
    screenshot(page, "needs-mapping-step", docs="needs-mapping-step")
    assert axe_violations(page) == []

    # continuing with a question left out names it, on the page and in the summary
    page.locator("fieldset.govuk-fieldset").nth(1).locator("input[type=radio]").nth(1).check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
    summary = page.locator(".govuk-error-summary")
    assert "Select a level for understanding language" in summary.inner_text()
    assert "This field is required" not in page.content()
    screenshot(page, "needs-mapping-step-errors")
    assert axe_violations(page) == []
    summary.get_by_role("link", name="Select a level for understanding language").click()
    assert page.evaluate("document.activeElement.id").endswith("_0")

    answer_this_step(page, first_level=3)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Cognition and learning"
    answer_this_step(page)
    page.get_by_role("button", name="Save and come back later").click()
    page.wait_for_load_state()

    # back on Wren's page: the draft is waiting
    page.get_by_role("button", name="Continue the draft started on").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Social, emotional and mental health"
    for _ in range(3):
        answer_this_step(page)
        page.get_by_role("button", name="Continue").click()
        page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Strengths, hopes and views"
    page.get_by_label("Strengths", exact=False).first.fill("Loves drawing and building models.")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()

    assert page.locator("h1").inner_text() == "Check your answers before saving the needs mapping"
    assert "Significant: understands short, familiar phrases" in page.content()
    screenshot(page, "needs-mapping-check-answers", docs="needs-mapping-check-answers")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Change understanding what others say").click()
    page.wait_for_load_state()
    page.locator("fieldset.govuk-fieldset").first.get_by_label("Moderate", exact=False).check()
    page.get_by_role("button", name="Save and return to check your answers").click()
    page.wait_for_load_state()
    assert "Moderate: often misses the meaning of instructions" in page.content()
    page.get_by_role("button", name="Save needs mapping").click()
    page.wait_for_load_state()

    version = AssessmentVersion.objects.get(assessment__child=scene["child"])
    band = version.band
    assert band
    assert page.locator("#band").inner_text().startswith(f"Band {band}")
    screenshot(page, "child-profile", docs="child-profile")
    assert axe_violations(page) == []

    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDF summary").first.click()
    path = tmp_path / "summary.pdf"
    download_info.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert f"Band {band}" in text
    assert "Wren" in text and "NS-00042" in text
    assert "Loves drawing and building models." in text


def test_the_question_pages_and_check_answers_fit_a_320_pixel_screen(
    browser, scene, screenshot, axe_violations
):
    from vsend_plugin.assessments.drafts import save_answers
    from vsend_plugin.needs_forms.binding import bindings

    answers = {
        binding.field_name: "2" if binding.field_type.endswith("_rating") else "Enjoys music."
        for binding in bindings(scene["form"].form.fields)
    }
    save_answers(scene["child"], scene["practitioner"], scene["form"], answers)
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        sign_in(page, scene["base"])
        child = scene["child"].pk
        for name, path in [
            ("step", f"/children/{child}/assess/sensory-and-or-physical/"),
            ("check-answers", f"/children/{child}/assess/check-your-answers/"),
        ]:
            page.goto(scene["base"] + path)
            page.wait_for_load_state()
            screenshot(page, f"needs-mapping-{name}-320px")
            assert fits_320_pixels(page), name
            assert axe_violations(page) == [], name
    finally:
        context.close()
