"""Moderation in a real browser: a psychologist rates a child blind, then a calibration case.

The educational psychologist signs in, lands on *Moderation*, follows the
link to rate the child they were given, answers every question by clicking
the council's own level descriptors and saves; then rates a calibration case
and reads where they differ from the reference. Every page passes axe-core,
at 1024 and at 320 pixels, and fits a 320 px screen without scrolling
sideways.
"""

from pathlib import Path
from urllib.parse import urlparse

import pytest

from vsend_plugin.assessments.recording import record_assessment
from vsend_plugin.core.models import Practitioner, Role
from vsend_plugin.moderation.calibration import calibration_cases
from vsend_plugin.moderation.models import CalibrationRating, SecondRating
from vsend_plugin.moderation.rounds import open_round
from vsend_plugin.needs_forms.importing import import_form
from vsend_plugin.needs_forms.library import read_library_file
from vsend_plugin.scoring import INDICATORS

from .test_support_plan_journey import PASSWORD, checked, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LIBRARY = Path(__file__).resolve().parents[2] / "forms_library"


@pytest.fixture
def scene(live_server, make_council, make_member, make_child):
    port = urlparse(live_server.url).port
    council = make_council("northshire", "E06000991", port=port)
    import_form(read_library_file(LIBRARY / "needs-mapping" / "core.yaml"), council)
    author = make_member(council, Role.PRACTITIONER, "northshire-practitioner")
    psychologist = make_member(council, Role.PRACTITIONER, "northshire-psychologist")
    psychologist.set_password(PASSWORD)
    psychologist.save()
    Practitioner.objects.create(
        user=psychologist, council=council, job_title="Educational psychologist"
    )
    child = make_child(council, "NS-00042", "Robin")
    child.practitioners.add(author)
    version = record_assessment(child, author, need=dict.fromkeys(INDICATORS, 2))
    open_round(council, [version.assessment_id], ["northshire-psychologist"], name="Autumn")
    return {"base": f"http://northshire.localhost:{port}", "child": child}


def answer_every_question(page, level):
    """Click the level's descriptor in every question of the page."""
    for fieldset in page.locator("fieldset").all():
        fieldset.locator(".govuk-radios__input").nth(level).check()


def rate_blind_and_calibrate(page, scene, axe_violations, screenshot):
    sign_in(page, scene["base"], "northshire-psychologist")
    assert page.url.endswith("/moderation/")
    checked(page, axe_violations, screenshot, "moderation-home")
    page.get_by_role("link", name="Rate Robin").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Second rating of Robin").is_visible()
    assert page.locator("input[type=radio]:checked").count() == 0
    checked(page, axe_violations, screenshot, "moderation-second-rating")
    if page.viewport_size["width"] > 320:
        screenshot(page, "moderation-second-rating", docs="moderation-second-rating")
    page.get_by_role("button", name="Save second rating").click()  # nothing answered
    page.wait_for_load_state()
    assert page.get_by_text("There is a problem").is_visible()
    checked(page, axe_violations, screenshot, "moderation-second-rating-errors")
    answer_every_question(page, 3)
    page.get_by_role("button", name="Save second rating").click()
    page.wait_for_load_state()
    assert page.get_by_text("Your second rating of Robin (NS-00042) is saved.").is_visible()
    rating = SecondRating.objects.get()
    assert rating.need == dict.fromkeys(INDICATORS, 3) and not rating.is_open

    case = calibration_cases()[0]
    page.get_by_role("link", name=case.title).click()
    page.wait_for_load_state()
    checked(page, axe_violations, screenshot, "moderation-calibration-case")
    answer_every_question(page, 1)
    page.get_by_role("button", name="Save and compare with the reference").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="How your rating compares with the reference")
    same = sum(level == 1 for level in case.need.values())
    assert page.get_by_text(f"{same} of 18 the same").is_visible()
    assert CalibrationRating.objects.filter(case=case.slug).exists()
    checked(page, axe_violations, screenshot, "moderation-calibration-result")
    if page.viewport_size["width"] > 320:
        screenshot(page, "moderation-calibration-result", docs="calibration-result")


@pytest.mark.parametrize("width", [1024, 320])
def test_a_psychologist_rates_blind_and_calibrates(
    browser, scene, screenshot, axe_violations, width
):
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        rate_blind_and_calibrate(context.new_page(), scene, axe_violations, screenshot)
    finally:
        context.close()
