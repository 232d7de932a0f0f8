"""A parent carer finds help in a real browser: by need, age and postcode, then opens a service."""

from urllib.parse import parse_qs, urlparse

import pytest

from vsend_plugin.local_offer.models import (
    AreaOfNeed,
    LocalOfferIndexPage,
    PostcodeCentroid,
    ServiceLocation,
    ServicePage,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def local_offer(live_server, make_council):
    port = urlparse(live_server.url).port
    council = make_council("northshire", "E06000991", port=port)
    if not AreaOfNeed.objects.exists():  # a transactional flush removes the migration's rows
        for order, (code, name) in enumerate(
            [
                ("CI", "Communication and interaction"),
                ("CL", "Cognition and learning"),
                ("SEMH", "Social, emotional and mental health"),
                ("SP", "Sensory and/or physical"),
                ("IND", "Independence"),
            ]
        ):
            AreaOfNeed.objects.create(code=code, name=name, sort_order=order)
    PostcodeCentroid.objects.create(postcode="NS1 1AA", latitude=54.50, longitude=-1.50)
    PostcodeCentroid.objects.create(postcode="NS2 2AB", latitude=54.52, longitude=-1.52)
    PostcodeCentroid.objects.create(postcode="NS9 9ZZ", latitude=54.95, longitude=-1.50)
    index = LocalOfferIndexPage(title="Local offer", slug="local-offer")
    council.site.root_page.add_child(instance=index)
    for title, area, ages, postcode in [
        ("Worry and wellbeing workshops", "SEMH", (8, 16), "NS2 2AB"),
        ("Far away calm club", "SEMH", (8, 16), "NS9 9ZZ"),
        ("Toddler group", "SEMH", (0, 4), "NS1 1AA"),
        ("Reading club", "CL", (6, 12), "NS1 1AA"),
    ]:
        page = ServicePage(
            title=title,
            description=f"{title}: a friendly service.",
            min_age=ages[0],
            max_age=ages[1],
        )
        index.add_child(instance=page)
        page.areas_of_need.set(AreaOfNeed.objects.filter(code=area))
        page.save_revision().publish()
        ServiceLocation.objects.create(page=page, address="Market Street", postcode=postcode)
    return f"http://northshire.localhost:{port}/local-offer/"


def test_a_parent_finds_help_by_need_age_and_postcode(
    page, local_offer, screenshot, axe_violations
):
    page.goto(local_offer)
    assert axe_violations(page) == []
    page.get_by_label("Area of need").select_option(label="Social, emotional and mental health")
    page.get_by_label("Age of your child").fill("10")
    page.get_by_label("Postcode").fill("ns1 1aa")
    page.get_by_label("Within").select_option(label="5 miles")
    page.get_by_role("button", name="Search").click()
    page.wait_for_load_state()
    screenshot(page, "local-offer-results", docs="local-offer-search")

    query = parse_qs(urlparse(page.url).query)
    assert query["area"] == ["SEMH"] and query["age"] == ["10"]  # a shareable address
    assert page.locator("#result-count").inner_text() == "1 service found"
    assert axe_violations(page) == []

    page.get_by_role("link", name="Worry and wellbeing workshops").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Worry and wellbeing workshops"
    screenshot(page, "service-page", docs="local-offer-service")
    assert axe_violations(page) == []


def test_a_bad_postcode_is_explained(page, local_offer, axe_violations):
    page.goto(local_offer + "?postcode=hello")
    assert page.get_by_role("alert").is_visible()
    assert "Enter a full UK postcode" in page.locator(".govuk-error-summary").inner_text()
    assert axe_violations(page) == []


def test_the_local_offer_fits_a_320_pixel_screen(browser, local_offer, screenshot):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    narrow = context.new_page()
    narrow.goto(local_offer + "?area=SEMH")
    width = narrow.evaluate("document.documentElement.scrollWidth")
    screenshot(narrow, "local-offer-narrow")
    context.close()
    assert width <= 320
