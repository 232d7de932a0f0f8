"""A service page shows only sections with something in them, and leads back to the search."""

import re
from urllib.parse import quote, urlsplit

import pytest

from vsend_plugin.local_offer.models import (
    LocalOfferIndexPage,
    PostcodeCentroid,
    ServiceContact,
    ServiceLocation,
    ServicePage,
)

pytestmark = pytest.mark.django_db

HOST = "northshire.localhost"


@pytest.fixture
def index(northshire):
    page = LocalOfferIndexPage(title="Local offer", slug="local-offer")
    northshire.site.root_page.add_child(instance=page)
    return page


RELATIONS = ("locations", "contacts")


def path(page):
    return urlsplit(page.url).path


def complete_service(index, **blank):
    fields = dict(
        title="Hearing support",
        description="Teachers of the deaf visit at home and school.",
        eligibility="Deaf children up to 25.",
        how_to_access="Telephone or email the team.",
        opening_times="Monday to Friday, 9am to 5pm.",
        languages="English, BSL",
        accessibility="Step-free.",
        telephone="01632 960113",
        email="hearing@northshire.example.org",
        website="https://northshire.example.org/hearing",
        min_age=0,
        max_age=25,
    )
    fields.update({name: value for name, value in blank.items() if name not in RELATIONS})
    page = ServicePage(**fields)
    index.add_child(instance=page)
    PostcodeCentroid.objects.get_or_create(
        postcode="NS1 1AA", defaults={"latitude": 54.5, "longitude": -1.5}
    )
    if "locations" not in blank:
        ServiceLocation.objects.create(
            page=page, name="Family Hub", address="12 Station Road", postcode="NS1 1AA"
        )
    if "contacts" not in blank:
        ServiceContact.objects.create(page=page, name="Duty teacher", telephone="01632 960114")
    return page


def html_of(client, page, query=""):
    response = client.get(path(page) + query, HTTP_HOST=HOST)
    assert response.status_code == 200
    return response.content.decode()


def test_a_complete_service_shows_every_section(client, index):
    html = html_of(client, complete_service(index))
    for text in (
        "Who can use it",
        "How to get it",
        "Opening times",
        "Languages",
        "Accessibility",
        ">Where<",
        ">Contact<",
        "01632 960113",
        "hearing@northshire.example.org",
        "Duty teacher",
        "Website",
    ):
        assert text in html, text


BLANKS = {
    "eligibility": ({"eligibility": ""}, "Who can use it"),
    "how_to_access": ({"how_to_access": ""}, "How to get it"),
    "opening_times": ({"opening_times": ""}, "Opening times"),
    "languages": ({"languages": " , "}, "Languages"),
    "accessibility": ({"accessibility": ""}, ">Accessibility<"),
    "ages": ({"min_age": None, "max_age": None}, ">Ages<"),
    "locations": ({"locations": None}, ">Where<"),
    "contact": ({"telephone": "", "email": "", "website": "", "contacts": None}, ">Contact<"),
}


@pytest.mark.parametrize("name", BLANKS)
def test_a_section_with_nothing_in_it_is_not_shown(client, index, name):
    blank, heading = BLANKS[name]
    html = html_of(client, complete_service(index, **blank))
    assert heading not in html


@pytest.mark.parametrize("missing", ["telephone", "email", "website"])
def test_contact_shows_only_the_ways_there_are(client, index, missing):
    html = html_of(client, complete_service(index, contacts=None, **{missing: ""}))
    assert ">Contact<" in html
    assert {"telephone": "Telephone:", "email": "Email:", "website": ">Website<"}[
        missing
    ] not in html


def back_link(html):
    return re.search(r'<a href="([^"]*)" class="govuk-back-link"', html).group(1)


def test_results_link_to_services_carrying_the_search(client, index):
    service = complete_service(index)
    html = client.get(path(index), {"q": "deaf", "age": "5"}, HTTP_HOST=HOST).content.decode()
    assert f'href="{path(service)}?back=%2Flocal-offer%2F%3Fq%3Ddeaf%26age%3D5"' in html


def test_back_to_the_local_offer_keeps_the_search(client, index):
    service = complete_service(index)
    back = quote(f"{path(index)}?q=deaf&age=5")
    assert back_link(html_of(client, service, f"?back={back}")) == f"{path(index)}?q=deaf&amp;age=5"


@pytest.mark.parametrize(
    "back",
    [
        "https://evil.example/local-offer/?q=x",
        "//evil.example/local-offer/",
        "/admin/",
        "/local-offer/../admin/",
        "javascript:alert(1)",
        "/local-offer/\\evil",
        "/local-offer/?q=\n",
        "/local-offer/?q=" + "x" * 3000,
        "/local-offer/#x",
        "\x00",
    ],
)
def test_a_back_address_elsewhere_is_ignored(client, index, back):
    service = complete_service(index)
    assert back_link(html_of(client, service, f"?back={quote(back)}")) == path(index)


def test_without_a_search_back_goes_to_the_local_offer(client, index):
    assert back_link(html_of(client, complete_service(index))) == path(index)


def test_a_distance_without_a_postcode_says_so(client, index):
    complete_service(index)
    response = client.get(path(index), {"distance": "5"}, HTTP_HOST=HOST)
    assert response.context["search"].form.errors["postcode"] == [
        "Enter a postcode to search by distance"
    ]
    html = response.content.decode()
    assert "There is a problem" in html and "Enter a postcode to search by distance" in html
    assert [r.service.title for r in response.context["search"].results] == ["Hearing support"]


def test_an_unknown_postcode_says_so(client, index):
    complete_service(index)
    response = client.get(path(index), {"postcode": "NS7 7ZZ", "distance": "5"}, HTTP_HOST=HOST)
    assert response.context["search"].form.errors["postcode"] == [
        "We could not find NS7 7ZZ. Check it, or search without it."
    ]
