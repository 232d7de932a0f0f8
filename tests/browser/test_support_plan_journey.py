"""A support plan in a real browser: written, flagged, added to by the family, reviewed.

The practitioner writes Robin's plan with a one-to-one adult planned until
16 and sees it flagged as intrusive with the question to ask; the family read
the plan in their words and add what they hope for; a new needs mapping leads
the practitioner to review an outcome. Every page passes axe-core and fits a
320 px screen without scrolling sideways.
"""

from pathlib import Path
from urllib.parse import urlparse

import pytest

from vsend_plugin.assessments.drafts import save_answers
from vsend_plugin.assessments.recording import record_assessment
from vsend_plugin.core.models import Role
from vsend_plugin.needs_forms.binding import bindings
from vsend_plugin.needs_forms.importing import import_form
from vsend_plugin.needs_forms.library import read_library_file
from vsend_plugin.planning import scheme
from vsend_plugin.planning.models import Outcome, ProvisionService, SupportItem, SupportPlan
from vsend_plugin.scoring import INDICATORS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LIBRARY = Path(__file__).resolve().parents[2] / "forms_library"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def scene(live_server, make_council, make_member, make_child, django_user_model):
    from guardian.shortcuts import assign_perm

    port = urlparse(live_server.url).port
    council = make_council("northshire", "E06000991", port=port)
    council_form, _ = import_form(
        read_library_file(LIBRARY / "needs-mapping" / "core.yaml"), council
    )
    ProvisionService.objects.create(
        council=council, name="Talk Boost", support_type="group", areas=["CI"], typical_hours=1.5
    )
    practitioner = make_member(council, Role.PRACTITIONER, "northshire-practitioner")
    child = make_child(council, "NS-00077", "Robin")
    child.practitioners.add(practitioner)
    need = dict.fromkeys(INDICATORS, 1)
    need["SEMH.wellbeing"] = 3
    record_assessment(child, practitioner, need=need, provision={"SEMH": 2})
    parent = django_user_model.objects.create_user("robins-parent", password=PASSWORD)
    assign_perm("vsend_assessments.view_child", parent, child)
    return {
        "base": f"http://northshire.localhost:{port}",
        "child": child,
        "practitioner": practitioner,
        "form": council_form,
    }


def sign_in(page, base, username):
    page.goto(f"{base}/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def fits_320_pixels(page):
    return page.evaluate("document.documentElement.scrollWidth") <= 320


def checked(page, axe_violations, screenshot, name):
    page.wait_for_load_state()
    screenshot(page, f"{name}-{page.viewport_size['width']}px")
    assert axe_violations(page) == [], name
    if page.viewport_size["width"] == 320:
        assert fits_320_pixels(page), name


def write_the_plan(page, base, axe_violations, screenshot):
    """From the child's page: a one-to-one adult until 16, an outcome, provision towards 18."""
    page.goto(f"{base}/children/")
    page.get_by_role("link", name="Robin").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Write Robin's support plan").click()
    checked(page, axe_violations, screenshot, "plan-empty")

    page.get_by_role("button", name="Add support").click()
    checked(page, axe_violations, screenshot, "plan-support-source")
    page.get_by_role("button", name="Continue").click()  # nothing chosen: asked again
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").is_visible()
    checked(page, axe_violations, screenshot, "plan-support-source-error")
    page.get_by_label("Something not in the council's list").check()
    page.get_by_role("button", name="Continue").click()
    checked(page, axe_violations, screenshot, "plan-support-details")

    page.get_by_label("Kind of support").select_option("adult_1to1")
    page.get_by_label("Social, emotional and mental health").check()
    page.get_by_label("Name of the support").fill("Learning mentor")
    page.get_by_label("Hours a week").fill("20.25")
    page.get_by_label("Who provides it").fill("Centre Primary School")
    starts = page.get_by_role("group", name="When it starts")
    starts.get_by_label("Day").fill("1")
    starts.get_by_label("Month").fill("9")
    starts.get_by_label("Year").fill("2026")
    page.get_by_label("Until what age is it expected to be needed?").fill("16")
    page.get_by_role("button", name="Save support").click()
    page.wait_for_load_state()
    summary = page.locator(".govuk-error-summary")
    assert "Hours a week must be from 0 to 40, in steps of 0.5." in summary.inner_text()
    checked(page, axe_violations, screenshot, "plan-support-error")
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_hours_per_week"
    page.get_by_label("Hours a week").fill("20")
    page.get_by_role("button", name="Save support").click()
    page.wait_for_load_state()

    assert "Learning mentor added to the plan." in page.content()
    warning = page.locator(".vsend-intrusive").first
    assert "Intrusive support: Learning mentor, 20 hours a week, planned until age 16." in (
        warning.inner_text()
    )
    assert scheme.INTRUSIVE_QUESTION in warning.inner_text()
    checked(page, axe_violations, screenshot, "plan-with-intrusive-support")

    page.get_by_role("button", name="Add an outcome").click()
    page.wait_for_load_state()
    page.get_by_label("Independence").check()
    page.get_by_label("What will the child be able to do?").fill("Makes a snack on her own")
    page.get_by_label("By the next review").check()
    page.get_by_label("Independent living").check()
    page.get_by_role("button", name="Save outcome").click()
    page.wait_for_load_state()
    assert "A Preparing for Adulthood outcome needs a horizon of age 16, 18 or 25." in (
        page.locator(".govuk-error-summary").inner_text()
    )
    checked(page, axe_violations, screenshot, "plan-outcome-error")
    page.get_by_label("None of these").check()
    page.get_by_role("button", name="Save outcome").click()
    page.wait_for_load_state()

    page.get_by_role("button", name="Plan provision towards adulthood").click()
    checked(page, axe_violations, screenshot, "plan-trajectory")
    semh = page.get_by_role("group", name="Social, emotional and mental health")
    for label in ("Now", "Next phase", "At 16", "At 18"):
        semh.get_by_label(label).select_option("3")
    page.get_by_role("button", name="Save planned provision").click()
    page.wait_for_load_state()
    assert "planned provision never steps down: it stays at level 3 all the way to 18" in (
        page.content()
    )
    checked(page, axe_violations, screenshot, "plan-road-to-adulthood")
    plan = SupportPlan.objects.get(child__case_reference="NS-00077")
    assert plan.version == 3 and SupportItem.objects.get().intrusive


def the_family_adds_their_hopes(page, base, axe_violations, screenshot):
    sign_in(page, base, "robins-parent")
    menu = page.get_by_role("button", name="Menu")
    if menu.is_visible():  # a narrow screen folds the service navigation away
        menu.click()
    page.get_by_role("link", name="Your child").first.click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Read Robin's support plan and add what you hope for").click()
    checked(page, axe_violations, screenshot, "family-plan")
    assert "Learning mentor" in page.content() and scheme.INTRUSIVE_QUESTION in page.content()
    page.get_by_role("button", name="Add what you hope for").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Add to the plan").click()
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").is_visible()
    checked(page, axe_violations, screenshot, "family-hopes-error")
    page.get_by_label("What do you hope for?").fill("To go to secondary school with her friends.")
    page.get_by_role("button", name="Add to the plan").click()
    page.wait_for_load_state()
    assert (
        "To go to secondary school with her friends." in page.locator("#family-hopes").inner_text()
    )
    checked(page, axe_violations, screenshot, "family-plan-with-hopes")


def a_new_mapping_reviews_the_outcome(page, scene, axe_violations, screenshot):
    answers = {
        binding.field_name: "1" if binding.field_type.endswith("_rating") else "Enjoys music."
        for binding in bindings(scene["form"].form.fields)
    }
    save_answers(scene["child"], scene["practitioner"], scene["form"], answers)
    page.goto(f"{scene['base']}/children/{scene['child'].pk}/assess/check-your-answers/")
    page.get_by_role("button", name="Save needs mapping").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Review Robin's outcomes"
    checked(page, axe_violations, screenshot, "plan-review")
    card = page.locator(".govuk-summary-card").first
    card.get_by_label("Achieved", exact=True).check()
    card.get_by_label("Note").fill("Made toast on her own; her dad agrees.")
    page.get_by_role("button", name="Save the reviews").click()
    page.wait_for_load_state()
    assert "1 outcome reviewed." in page.content()
    outcome = Outcome.objects.get()
    assert outcome.status == "achieved"
    assert outcome.reviewed_with == scene["child"].latest_assessment()
    checked(page, axe_violations, screenshot, "plan-reviewed")


def test_a_plan_is_written_added_to_by_the_family_and_reviewed(
    browser, scene, screenshot, axe_violations
):
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    try:
        page = context.new_page()
        sign_in(page, scene["base"], "northshire-practitioner")
        write_the_plan(page, scene["base"], axe_violations, screenshot)
    finally:
        context.close()
    family = browser.new_context(viewport={"width": 1024, "height": 800})
    try:
        the_family_adds_their_hopes(family.new_page(), scene["base"], axe_violations, screenshot)
    finally:
        family.close()
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    page = context.new_page()
    try:
        sign_in(page, scene["base"], "northshire-practitioner")
        a_new_mapping_reviews_the_outcome(page, scene, axe_violations, screenshot)
    finally:
        context.close()


def test_the_same_journey_fits_a_320_pixel_screen(browser, scene, screenshot, axe_violations):
    narrow = {"viewport": {"width": 320, "height": 640}}
    context = browser.new_context(**narrow)
    try:
        page = context.new_page()
        sign_in(page, scene["base"], "northshire-practitioner")
        write_the_plan(page, scene["base"], axe_violations, screenshot)
    finally:
        context.close()
    context = browser.new_context(**narrow)
    try:
        the_family_adds_their_hopes(context.new_page(), scene["base"], axe_violations, screenshot)
    finally:
        context.close()
    context = browser.new_context(**narrow)
    try:
        page = context.new_page()
        sign_in(page, scene["base"], "northshire-practitioner")
        a_new_mapping_reviews_the_outcome(page, scene, axe_violations, screenshot)
    finally:
        context.close()
