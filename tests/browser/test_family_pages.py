"""The family's own pages in a real browser: accessible (axe-core) and usable at 320 px.

A parent carer opens the practitioner's invitation, reads their child's
summary with the suggested local services and what every setting provides,
adds their view (first with a mistake, to see the error summary), and answers
the council's parent carer survey.
"""

from pathlib import Path
from urllib.parse import urlparse

import pytest

from vsend_plugin.assessments.family import invite_family
from vsend_plugin.assessments.models import AssessmentVersion
from vsend_plugin.assessments.recording import record_assessment
from vsend_plugin.core.models import Role
from vsend_plugin.needs_forms.importing import import_form
from vsend_plugin.needs_forms.library import read_library_file
from vsend_plugin.scoring import AREAS, INDICATORS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LIBRARY = Path(__file__).resolve().parents[2] / "forms_library"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def scene(live_server, make_council, make_member, make_child, django_user_model):
    from vsend_plugin.local_offer.models import (
        AreaOfNeed,
        LocalOfferIndexPage,
        OrdinarilyAvailableProvision,
        ServicePage,
    )
    from vsend_plugin.toolkit.models import SurveyPage, ToolkitIndexPage

    port = urlparse(live_server.url).port
    council = make_council("northshire", "E06000991", port=port)
    for order, area in enumerate(AREAS):  # a transactional flush removes the migration's rows
        AreaOfNeed.objects.get_or_create(
            code=area.code, defaults={"name": area.name, "sort_order": order}
        )
    for name in ("needs-mapping/core.yaml", "family/contribution.yaml"):
        import_form(read_library_file(LIBRARY / name), council)

    offer = LocalOfferIndexPage(title="Local offer", slug="local-offer")
    council.site.root_page.add_child(instance=offer)
    service = ServicePage(title="Worry workshop", description="Small groups for anxious children.")
    offer.add_child(instance=service)
    service.areas_of_need.set(AreaOfNeed.objects.filter(code="SEMH"))
    service.save_revision().publish()
    OrdinarilyAvailableProvision.objects.create(
        council=council,
        area=AreaOfNeed.objects.get(code="SEMH"),
        level=3,
        what_you_can_expect="A quiet space and a trusted adult to go to.",
    )

    toolkit = ToolkitIndexPage(title="Working together", slug="toolkit")
    council.site.root_page.add_child(instance=toolkit)
    toolkit.add_child(
        instance=SurveyPage(
            title="Agree what good looks like",
            slug="survey",
            statements=[
                ("statement", "I know who to ask when my child's needs change."),
                ("statement", "My child's school listens to me."),
            ],
            thank_you_text="We share what we learn at the forum meeting.",
        )
    )

    practitioner = make_member(council, Role.PRACTITIONER)
    child = make_child(council, "NS-00077", "Robin")
    child.practitioners.add(practitioner)
    need = dict.fromkeys(INDICATORS, 1)
    need["SEMH.wellbeing"] = 3
    record_assessment(
        child, practitioner, need=need, provision={"SEMH": 2}, strengths="Kind to younger children."
    )
    django_user_model.objects.create_user("robins-parent", password=PASSWORD)
    _, token = invite_family(child, practitioner)
    return {
        "base": f"http://northshire.localhost:{port}",
        "child": child,
        "invitation": f"/family/invitation/{token}/",
    }


def sign_in(page, base, username):
    page.goto(f"{base}/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def accept_invitation(page):
    """Opening the link asks to confirm; accepting is a POST."""
    page.wait_for_load_state()
    page.get_by_role("button", name="Accept the invitation").click()
    page.wait_for_load_state()


def fits_320_pixels(page):
    return page.evaluate("document.documentElement.scrollWidth") <= 320


def test_a_parent_reads_the_summary_and_adds_their_view(page, scene, screenshot, axe_violations):
    base = scene["base"]
    sign_in(page, base, "robins-parent")

    page.goto(base + scene["invitation"])
    accept_invitation(page)
    assert page.get_by_role("heading", name="Robin", level=1).is_visible()
    assert page.get_by_text("Worry workshop").first.is_visible()
    assert page.get_by_text("A quiet space and a trusted adult to go to.").is_visible()
    screenshot(page, "family-child-summary", docs="family-summary")
    assert axe_violations(page) == []

    page.get_by_role("button", name="Add your view").click()
    page.wait_for_load_state()
    screenshot(page, "family-view-form")
    assert axe_violations(page) == []

    # Sent with nothing chosen: the GOV.UK error summary, itself accessible.
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    screenshot(page, "family-view-errors")
    assert axe_violations(page) == []

    groups = page.locator("fieldset.govuk-fieldset")
    for index in range(groups.count()):
        groups.nth(index).locator("input[type=radio]").nth(2).check()
    page.locator("textarea").first.fill("Mornings are hard; weekends are calmer.")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Robin", level=1).is_visible()
    latest = AssessmentVersion.objects.filter(assessment__child=scene["child"]).latest("number")
    assert latest.number == 2 and latest.source == "family"
    assert axe_violations(page) == []


def test_an_invitation_that_does_not_work_is_explained_accessibly(
    page, scene, screenshot, axe_violations
):
    sign_in(page, scene["base"], "robins-parent")
    page.goto(scene["base"] + scene["invitation"][:-4] + "abc/")
    assert page.get_by_text("not valid").first.is_visible()
    screenshot(page, "family-invitation-error")
    assert axe_violations(page) == []


def test_the_parent_carer_survey_is_accessible(page, scene, screenshot, axe_violations):
    page.goto(scene["base"] + "/toolkit/survey/")
    screenshot(page, "toolkit-survey")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Send my answers").click()
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").is_visible()
    assert axe_violations(page) == []
    for group in page.locator("fieldset.govuk-fieldset").all():
        group.locator("input[type=radio]").first.check()
    page.get_by_role("button", name="Send my answers").click()
    page.wait_for_load_state()
    assert page.get_by_text("Thank you for your answers").is_visible()
    screenshot(page, "toolkit-survey-thanks")
    assert axe_violations(page) == []


def test_the_family_pages_fit_a_320_pixel_screen(browser, scene, screenshot):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        sign_in(page, scene["base"], "robins-parent")
        page.goto(scene["base"] + scene["invitation"])
        accept_invitation(page)
        addresses = {
            "summary": page.url,
            "view-form": scene["base"] + f"/children/{scene['child'].pk}/family-view/",
            "survey": scene["base"] + "/toolkit/survey/",
        }
        for name, address in addresses.items():
            page.goto(address)
            screenshot(page, f"narrow-family-{name}")
            assert fits_320_pixels(page), name
    finally:
        context.close()


@pytest.fixture
def two_mappings(scene, django_user_model):
    """Robin's earlier needs mapping, so both pages say what changed; the family let in."""
    from datetime import timedelta

    from django.utils import timezone

    from vsend_plugin.assessments.family import accept_invitation

    child = scene["child"]
    practitioner = child.practitioners.get()
    earlier = dict.fromkeys(INDICATORS, 1) | {"SEMH.wellbeing": 2, "CI.receptive": 2}
    record_assessment(
        child,
        practitioner,
        need=earlier,
        provision={"SEMH": 2},
        taken_at=timezone.now() - timedelta(days=120),
    )
    token = scene["invitation"].rstrip("/").rsplit("/", 1)[-1]
    accept_invitation(token, django_user_model.objects.get(username="robins-parent"))
    return {**scene, "practitioner": practitioner.username}


@pytest.mark.parametrize("width", [1024, 320])
def test_the_family_and_the_practitioner_each_read_their_own_page(
    browser, two_mappings, screenshot, axe_violations, width
):
    """Same address, two pages: each passes axe and fits the screen, down to 320 px."""
    scene = two_mappings
    address = scene["base"] + f"/children/{scene['child'].pk}/"
    expected = {
        "robins-parent": (
            "What Robin finds hard",
            "Understanding language got easier: from needing regular targeted support to "
            "needing a little extra help.",
        ),
        scene["practitioner"]: ("Setting can meet", "Intensity change"),
    }
    for username, (heading, words) in expected.items():
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        try:
            sign_in(page, scene["base"], username)
            page.goto(address)
            page.wait_for_load_state()
            assert page.get_by_role("heading", name="Robin", level=1).is_visible()
            assert page.get_by_text(heading).first.is_visible()
            assert page.get_by_text(words).first.is_visible()
            who = "family" if username == "robins-parent" else "practitioner"
            screenshot(page, f"child-page-{who}-{width}")
            assert axe_violations(page) == [], who
            if width == 320:
                assert fits_320_pixels(page), who
        finally:
            context.close()
