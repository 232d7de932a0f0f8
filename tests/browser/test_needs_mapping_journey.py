"""A practitioner maps a child's needs in a real browser and downloads the PDF summary."""

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
    import_form(read_library_file(CORE_FORM), council)
    child = make_child(council, "NS-00042", "Wren")
    practitioner = make_member(council, Role.PRACTITIONER, username="northshire-practitioner")
    child.practitioners.add(practitioner)
    return {"base": f"http://northshire.localhost:{port}", "child": child}


def test_practitioner_maps_needs_and_downloads_the_pdf(page, scene, screenshot, axe_violations, tmp_path):
    base = scene["base"]
    page.goto(f"{base}/sign-in/")
    page.get_by_label("Username").fill("northshire-practitioner")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign in").click()

    page.goto(f"{base}/children/")
    page.get_by_role("link", name="Wren").click()
    page.get_by_role("button", name="Record a needs mapping").click()
    page.wait_for_load_state()
    screenshot(page, "needs-mapping-form")
    assert axe_violations(page) == []

    groups = page.locator("fieldset.govuk-fieldset")
    for index in range(groups.count()):
        radios = groups.nth(index).locator("input[type=radio]")
        level = 3 if index == 0 else (1 if index % 3 else 2)
        radios.nth(level).check()
    page.get_by_label("Strengths", exact=False).first.fill("Loves drawing and building models.")
    page.get_by_role("button", name="Save needs mapping").click()
    page.wait_for_load_state()

    version = AssessmentVersion.objects.get(assessment__child=scene["child"])
    band = version.band
    assert band
    assert page.locator("#band").inner_text().startswith(f"Band {band}")
    screenshot(page, "child-profile")
    assert axe_violations(page) == []

    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDF summary").first.click()
    path = tmp_path / "summary.pdf"
    download_info.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert f"Band {band}" in text
    assert "Wren" in text and "NS-00042" in text
    assert "Loves drawing and building models." in text
