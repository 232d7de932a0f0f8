"""The Open Referral UK 3.0 API against the official schemas: paging, isolation, bad input.

The schemas are Open Referral UK's own, copied with their licence into
``oruk_schemas/`` beside this file (its README says their source and version).
A missing schema fails the tests: conformance is not optional.
"""

import copy
import datetime
import json
import math
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from jsonschema import Draft202012Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError

from tests.conftest import create_council
from tests.once import copy_for_a_test, made_once_a_module
from vsend_plugin.local_offer import oruk
from vsend_plugin.local_offer.models import (
    AreaOfNeed,
    LocalOfferIndexPage,
    Organisation,
    ServiceCategory,
    ServiceContact,
    ServiceLocation,
    ServicePage,
)

pytestmark = pytest.mark.django_db

HOST = "northshire.localhost"


# The official schemas --------------------------------------------------------


SCHEMAS = Path(__file__).resolve().parent / "oruk_schemas"


def load(name):
    path = SCHEMAS / name
    if not path.is_file():
        pytest.fail(f"The ORUK schema file {path} is missing (see {SCHEMAS / 'README.md'}).")
    return json.loads(path.read_text(encoding="utf-8"))


format_checker = FormatChecker()


@format_checker.checks("uri", raises=ValueError)
def is_uri(value):
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    if not parts.scheme or " " in value:
        raise ValueError(f"{value!r} is not an absolute URI")
    return True


@format_checker.checks("date-time", raises=ValueError)
def is_date_time(value):
    if not isinstance(value, str):
        return True
    parsed = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if parsed.tzinfo is None or "T" not in value:
        raise ValueError(f"{value!r} is not an RFC 3339 date-time")
    return True


def _datapackage_type(validator, kind, instance, schema):
    """The schemas mark dates and times with ``datapackage_type``: check those as formats."""
    if not isinstance(instance, str):
        return
    parse = {
        "date": datetime.date.fromisoformat,
        "time": datetime.time.fromisoformat,
        "datetime": lambda value: datetime.datetime.fromisoformat(value.replace("Z", "+00:00")),
    }.get(kind)
    if parse is None:
        return
    try:
        parse(instance)
    except ValueError:
        yield ValidationError(f"{instance!r} is not a valid {kind}")


# The OpenAPI document declares JSON Schema 2020-12 as its dialect; the item schemas declare none.
OrukValidator = validators.extend(Draft202012Validator, {"datapackage_type": _datapackage_type})


def validator_for(schema):
    declared = schema.get("$schema")
    cls = validators.validator_for(schema, default=OrukValidator) if declared else OrukValidator
    if cls is not OrukValidator:
        cls = validators.extend(cls, {"datapackage_type": _datapackage_type})
    cls.check_schema(schema)
    return cls(schema, format_checker=format_checker)


def assert_valid(schema, instance):
    errors = sorted(
        validator_for(schema).iter_errors(instance), key=lambda e: list(e.absolute_path)
    )
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


@pytest.fixture(scope="module")
def schemas():
    openapi = load("schema-openapi.json")
    service = load("schema-service.json")
    taxonomy_example = load("example-taxonomy_list.json")["contents"][0]
    return {
        "openapi": openapi,
        "info": openapi["paths"]["/"]["get"]["responses"]["200"]["content"]["application/json"][
            "schema"
        ],
        "page": openapi["components"]["schemas"]["Page"],
        "service": service,
        "service_list": load("schema-service_list.json"),
        "service_at_location_list": load("schema-service_at_location_list.json"),
        # the reference set has no taxonomy_term.json of its own:
        # the term nested in a service attribute is it
        "taxonomy_term": service["properties"]["attributes"]["items"]["properties"][
            "taxonomy_term"
        ],
        # ... nor a taxonomy.json: HSDS 3.0's taxonomy,
        # limited to the fields the official example shows
        "taxonomy": {
            "type": "object",
            "required": ["id", "name", "description"],
            "properties": {
                "id": {"type": "string", "format": "uuid"},
                "name": {"type": "string"},
                "description": {"type": "string"},
                "uri": {"type": "string", "format": "uri"},
                "version": {"type": "string"},
            },
            "additionalProperties": False,
        },
        "taxonomy_example_keys": set(taxonomy_example),
    }


def test_the_schemas_and_the_checks_accept_the_official_examples(schemas):
    assert_valid(schemas["service"], load("example-service_full.json"))
    for example, item_schema in [
        ("example-service_list.json", "service_list"),
        ("example-service_at_location_list.json", "service_at_location_list"),
        ("example-taxonomy_term_list.json", "taxonomy_term"),
        ("example-taxonomy_list.json", "taxonomy"),
    ]:
        envelope = load(example)
        assert_valid(schemas["page"], envelope)
        for item in envelope["contents"]:
            assert_valid(schemas[item_schema], item)


def test_the_checks_catch_what_the_schemas_forbid(schemas):
    service = load("example-service_full.json")
    for field, value in [
        ("id", "not-a-uuid"),
        ("status", "open"),
        ("email", "nobody"),
        ("url", "no scheme"),
        ("minimum_age", None),
        ("assured_date", "yesterday"),
        ("last_modified", "2023-03-15"),
    ]:
        broken = copy.deepcopy(service)
        broken[field] = value
        with pytest.raises(AssertionError):
            assert_valid(schemas["service"], broken)
    del service["name"]
    with pytest.raises(AssertionError):
        assert_valid(schemas["service"], service)


# Data ------------------------------------------------------------------------


def make_index(council):
    index = LocalOfferIndexPage(title="Local offer", slug="local-offer")
    council.site.root_page.add_child(instance=index)
    return index


def add_service(index, title, *, live=True, **fields):
    page = ServicePage(
        title=title, description=fields.pop("description", f"{title} for families."), **fields
    )
    if not live:
        page.live = False
    index.add_child(instance=page)
    if live:
        page.save_revision().publish()
    return page


@made_once_a_module
def population():
    """Northshire's local offer (every kind of service) and one Westmoor service."""
    northshire = create_council("northshire", "E06000991")
    westmoor = create_council("westmoor", "E06000992")
    index = make_index(northshire)
    centre, outskirts = northshire.localities.order_by("slug")
    short_breaks = ServiceCategory.objects.create(
        council=northshire,
        name="Short breaks",
        slug="short-breaks",
        description="Time off for carers.",
    )
    play = ServiceCategory.objects.create(council=northshire, name="Play", slug="play")
    charity = Organisation.objects.create(
        council=northshire,
        name="Northshire Parent Carers",
        description="A parent carer forum.",
        website="https://parents.example.org/",
        email="hello@parents.example.org",
    )
    bare_org = Organisation.objects.create(council=northshire, name="Tiny Trust")

    full = add_service(
        index,
        "Calm club",
        description="After-school club for children who find school hard.",
        organisation=charity,
        min_age=8,
        max_age=16,
        is_free=False,
        cost_description="£5 a session; free with a short breaks plan",
        eligibility="Children with social, emotional or mental health needs.",
        how_to_access="Self-referral by phone or email.",
        languages="English, Polish, BSL",
        accessibility="Step-free access; quiet room.",
        opening_times="Tuesdays and Thursdays, 3.30pm to 5.30pm",
        email="calm@example.org",
        telephone="01234 567890",
        website="https://calm.example.org/",
        last_reviewed=datetime.date(2026, 9, 1),
    )
    full.areas_of_need.set(AreaOfNeed.objects.filter(code__in=["SEMH", "CI"]))
    full.categories.set([short_breaks, play])
    full.localities.set([centre, outskirts])
    full.save_revision().publish()
    ServiceLocation.objects.create(
        page=full,
        name="Community centre",
        address="1 High Street",
        town="Northtown",
        postcode="NS1 1AA",
        latitude=54.5,
        longitude=-1.5,
        accessibility="Hearing loop.",
    )
    ServiceLocation.objects.create(page=full, address="2 Low Road", postcode="NS9 9ZZ")
    ServiceContact.objects.create(
        page=full,
        name="Sam Lee",
        title="Club leader",
        telephone="01234 000111",
        email="sam@example.org",
    )
    ServiceContact.objects.create(page=full, name="Ana Diaz")

    minimal = add_service(index, "Advice line", description="Advice for families.")
    free = add_service(index, "Sensory play", min_age=0, max_age=5, organisation=bare_org)
    free.areas_of_need.set(AreaOfNeed.objects.filter(code="SP"))
    free.categories.set([play])
    free.save_revision().publish()
    ServiceLocation.objects.create(page=free, address="3 Park Lane", postcode="NS2 2BB")
    teens = add_service(index, "Teen group", min_age=12, max_age=18)
    speech = add_service(index, "Speech drop-in", min_age=2, max_age=11)
    draft = add_service(index, "Draft service", live=False)
    withdrawn = add_service(index, "Withdrawn service")
    withdrawn.unpublish()

    west_index = make_index(westmoor)
    ServiceCategory.objects.create(council=westmoor, name="Westmoor only", slug="westmoor-only")
    west = add_service(west_index, "Westmoor swimming", min_age=5, max_age=12)
    ServiceLocation.objects.create(page=west, address="9 Moor Road", postcode="WM1 1AA")
    return {
        "full": full,
        "minimal": minimal,
        "free": free,
        "teens": teens,
        "speech": speech,
        "draft": draft,
        "withdrawn": withdrawn,
        "west": west,
        "short_breaks": short_breaks,
        "play": play,
    }


@pytest.fixture
def offer(population):
    """The services, made once for the module (tests/once.py): each test's own copy."""
    return copy_for_a_test(population)


def get(client, path, host=HOST, **params):
    return client.get(f"/api/oruk/{path}", params, HTTP_HOST=host)


def ok(client, path, host=HOST, **params):
    response = get(client, path, host, **params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


NORTHSHIRE_LIVE = ["Advice line", "Calm club", "Sensory play", "Speech drop-in", "Teen group"]


# Every endpoint against its schema ---------------------------------------------


def test_api_info(client, offer, schemas):
    body = ok(client, "")
    assert_valid(schemas["info"], body)
    assert body["version"] == "3.0"
    assert set(body) == {"version", "profile", "openapi_url"}


def assert_envelope(schemas, body, item_schema):
    assert set(body) == {
        "total_items",
        "total_pages",
        "page_number",
        "size",
        "first_page",
        "last_page",
        "empty",
        "contents",
    }
    assert_valid(schemas["page"], body)
    assert isinstance(body["contents"], list)
    for item in body["contents"]:
        assert_valid(schemas[item_schema], item)


def test_services_list(client, offer, schemas):
    body = ok(client, "services")
    assert_envelope(schemas, body, "service_list")
    assert [s["name"] for s in body["contents"]] == NORTHSHIRE_LIVE
    assert body["total_items"] == 5 and body["total_pages"] == 1 and body["size"] == 5
    calm = next(s for s in body["contents"] if s["name"] == "Calm club")
    assert calm["id"] == str(offer["full"].oruk_id)
    assert (
        calm["organization"]["id"]
        == calm["organization_id"]
        == str(offer["full"].organisation.oruk_id)
    )
    assert (
        calm["minimum_age"] == 8
        and calm["maximum_age"] == 16
        and calm["assured_date"] == "2026-09-01"
    )
    assert "schedules" not in calm and "contacts" not in calm


def test_a_fully_filled_service_validates_and_carries_every_field(client, offer, schemas):
    full = offer["full"]
    body = ok(client, f"services/{full.oruk_id}")
    assert_valid(schemas["service"], body)
    assert body["status"] == "active" and body["url"] == "https://calm.example.org/"
    assert body["email"] == "calm@example.org" and body["fees"].startswith("£5")
    assert body["cost_options"][0]["amount_description"].startswith("£5")
    assert body["schedules"][0]["description"].startswith("Tuesdays")
    assert [a["name"] for a in body["service_areas"]] == ["Centre", "Outskirts"]
    assert [language["name"] for language in body["languages"]] == ["English", "Polish", "BSL"]
    assert body["phones"][0]["number"] == "01234 567890"
    assert body["eligibility_description"].startswith("Children")
    assert body["application_process"].startswith("Self-referral")
    assert body["organization"]["website"] == "https://parents.example.org/"

    places = body["service_at_locations"]
    assert len(places) == 2
    first = places[0]["location"]
    assert first["latitude"] == 54.5 and first["name"] == "Community centre"
    assert (
        first["addresses"][0]["postal_code"] == "NS1 1AA"
        and first["addresses"][0]["city"] == "Northtown"
    )
    assert first["addresses"][0]["country"] == "GB"
    assert first["accessibility"][0]["description"] == "Hearing loop."
    assert all(place["service_id"] == body["id"] for place in places)

    contacts = body["contacts"]
    assert [c["name"] for c in contacts] == ["Sam Lee", "Ana Diaz"]
    first_contact = full.contacts.get(name="Sam Lee")
    assert contacts[0]["id"] == str(uuid.uuid5(full.oruk_id, f"contact:{first_contact.pk}"))
    assert contacts[0]["title"] == "Club leader" and "title" not in contacts[1]

    terms = {a["taxonomy_term"]["name"]: a for a in body["attributes"]}
    areas = set(AreaOfNeed.objects.filter(code__in=["SEMH", "CI"]).values_list("name", flat=True))
    assert set(terms) == areas | {"Short breaks", "Play"}
    area = next(
        a
        for a in body["attributes"]
        if a["taxonomy_term"]["taxonomy_id"] == str(oruk.AREAS_TAXONOMY_ID)
    )
    assert area["taxonomy_term_id"] == area["taxonomy_term"]["id"]
    assert terms["Short breaks"]["taxonomy_term"]["id"] == str(offer["short_breaks"].oruk_id)
    assert (
        terms["Play"]["taxonomy_term"]["description"] == "Play"
    )  # blank description falls back to the name

    # identifiers are stable from one request to the next
    assert ok(client, f"services/{full.oruk_id}") == body
    ids = (
        [body["id"]]
        + [p["id"] for p in places]
        + [p["location"]["id"] for p in places]
        + [c["id"] for c in contacts]
    )
    assert len(ids) == len(set(ids))


def test_a_service_with_only_the_required_fields_validates(client, offer, schemas):
    minimal = offer["minimal"]
    body = ok(client, f"services/{minimal.oruk_id}")
    assert_valid(schemas["service"], body)
    for absent in (
        "email",
        "minimum_age",
        "maximum_age",
        "assured_date",
        "schedules",
        "contacts",
        "service_at_locations",
        "languages",
        "attributes",
        "phones",
        "alert",
        "eligibility_description",
        "application_process",
    ):
        assert absent not in body
    assert None not in body.values()
    # a service naming no organisation is published as the council's
    assert body["organization"]["name"] == "Northshire Council"
    assert body["organization_id"] == str(
        oruk.council_organisation_id(offer["minimal"].get_site().council)
    )
    assert body["cost_options"][0]["option"] == "Free" and body["cost_options"][0]["amount"] == 0
    assert body["service_areas"][0]["name"] == "Northshire Council"
    assert body["url"].startswith("http://northshire.localhost/")


def test_an_organisation_without_a_description_still_has_one(client, offer, schemas):
    body = ok(client, f"services/{offer['free'].oruk_id}")
    assert_valid(schemas["service"], body)
    assert body["organization"]["description"] == "Tiny Trust"
    assert "email" not in body["organization"] and "website" not in body["organization"]
    address = body["service_at_locations"][0]["location"]["addresses"][0]
    assert address["city"] and address["state_province"]


def test_service_at_locations(client, offer, schemas):
    body = ok(client, "service_at_locations")
    assert_envelope(schemas, body, "service_at_location_list")
    assert body["total_items"] == 3
    assert [item["service"]["name"] for item in body["contents"]] == [
        "Calm club",
        "Calm club",
        "Sensory play",
    ]
    for item in body["contents"]:
        assert item["location"]["id"] == item["location_id"]
        assert item["service"]["id"] == item["service_id"]
    full = ok(client, f"services/{offer['full'].oruk_id}")
    assert [i["id"] for i in body["contents"][:2]] == [
        p["id"] for p in full["service_at_locations"]
    ]


def test_taxonomies(client, offer, schemas):
    body = ok(client, "taxonomies")
    assert_envelope(schemas, body, "taxonomy")
    for item in body["contents"]:
        assert set(item) <= schemas["taxonomy_example_keys"]
    assert [t["name"] for t in body["contents"]] == [
        "Areas of need",
        "Northshire Council service categories",
    ]
    assert body["contents"][0]["id"] == str(oruk.AREAS_TAXONOMY_ID)
    west = ok(client, "taxonomies", host="westmoor.localhost")
    assert west["contents"][0]["id"] == body["contents"][0]["id"]  # the areas of need are shared
    assert (
        west["contents"][1]["id"] != body["contents"][1]["id"]
    )  # each council's categories are its own


def test_taxonomy_terms(client, offer, schemas):
    body = ok(client, "taxonomy_terms")
    assert_envelope(schemas, body, "taxonomy_term")
    names = [t["name"] for t in body["contents"]]
    assert len(names) == 5 + 2 and "Short breaks" in names and "Westmoor only" not in names
    taxonomy_ids = {t["id"] for t in ok(client, "taxonomies")["contents"]}
    assert {t["taxonomy_id"] for t in body["contents"]} == taxonomy_ids
    areas = [t for t in body["contents"] if t["taxonomy_id"] == str(oruk.AREAS_TAXONOMY_ID)]
    assert [t["id"] for t in areas] == [
        str(uuid.uuid5(oruk.VSEND_ORUK_NAMESPACE, f"area-of-need:{code}"))
        for code in AreaOfNeed.objects.values_list("code", flat=True)
    ]
    only_areas = ok(client, "taxonomy_terms", taxonomy_id=str(oruk.AREAS_TAXONOMY_ID))
    assert only_areas["total_items"] == 5


# Paging --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path,total",
    [("services", 5), ("service_at_locations", 3), ("taxonomies", 2), ("taxonomy_terms", 7)],
)
@pytest.mark.parametrize("per_page", [1, 2])
def test_paging_envelope_arithmetic(client, offer, schemas, path, total, per_page):
    item_schema = {
        "services": "service_list",
        "service_at_locations": "service_at_location_list",
        "taxonomies": "taxonomy",
        "taxonomy_terms": "taxonomy_term",
    }[path]
    pages = math.ceil(total / per_page)
    seen = []
    for number in range(1, pages + 2):
        body = ok(client, path, page=number, per_page=per_page)
        assert_envelope(schemas, body, item_schema)
        expected_size = max(0, min(per_page, total - (number - 1) * per_page))
        assert body["total_items"] == total
        assert body["total_pages"] == pages
        assert body["page_number"] == number
        assert body["size"] == len(body["contents"]) == expected_size
        assert body["first_page"] is (number == 1)
        assert body["last_page"] is (number >= pages)
        assert body["empty"] is (expected_size == 0)
        seen += [item["id"] for item in body["contents"]]
    assert len(seen) == len(set(seen)) == total
    everything = ok(client, path)
    assert [item["id"] for item in everything["contents"]] == seen


def test_an_empty_result(client, offer, schemas):
    body = ok(client, "services", search="zebra")
    assert_envelope(schemas, body, "service_list")
    assert body == {
        "total_items": 0,
        "total_pages": 0,
        "page_number": 1,
        "size": 0,
        "first_page": True,
        "last_page": True,
        "empty": True,
        "contents": [],
    }


def test_a_page_far_past_the_end_is_empty(client, offer):
    body = ok(client, "services", page="99999999999999999999999")
    assert body["contents"] == [] and body["empty"] is True and body["last_page"] is True


def test_per_page_defaults_to_50_and_allows_200(client, offer):
    assert ok(client, "services")["size"] == 5
    assert ok(client, "services", per_page=200)["size"] == 5


# Filters ---------------------------------------------------------------------------


def names(body):
    return [item["name"] for item in body["contents"]]


@pytest.mark.parametrize(
    "params,expected",
    [
        ({"search": "club"}, ["Calm club"]),
        ({"search": "FAMILIES sensory"}, ["Sensory play"]),
        ({"text": "advice"}, ["Advice line"]),
        ({"minimum_age": "2"}, ["Calm club", "Speech drop-in", "Teen group"]),
        ({"maximum_age": "11"}, ["Sensory play", "Speech drop-in"]),
        ({"minimum_age": "2", "maximum_age": "16"}, ["Calm club", "Speech drop-in"]),
        ({"minimum_age": "0"}, NORTHSHIRE_LIVE),
        ({"minimum_age": "7.5"}, ["Calm club", "Teen group"]),
    ],
)
def test_service_filters(client, offer, params, expected):
    assert names(ok(client, "services", **params)) == expected


def test_taxonomy_filters(client, offer):
    sp = str(oruk.area_term_id("SP"))
    assert names(ok(client, "services", taxonomy_term_id=sp)) == ["Sensory play"]
    play = str(offer["play"].oruk_id)
    assert names(ok(client, "services", taxonomy_term_id=play)) == ["Calm club", "Sensory play"]
    assert names(ok(client, "services", taxonomy_term_id=str(uuid.uuid4()))) == []
    assert names(ok(client, "services", taxonomy_id=str(oruk.AREAS_TAXONOMY_ID))) == [
        "Calm club",
        "Sensory play",
    ]
    assert ok(client, "service_at_locations", taxonomy_term_id=sp)["total_items"] == 1


# Isolation and what is published -----------------------------------------------------


def test_only_live_services_of_the_hosts_council_are_published(client, offer):
    everything = ok(client, "services", per_page=200)
    assert names(everything) == NORTHSHIRE_LIVE
    for hidden in ("draft", "withdrawn", "west"):
        assert get(client, f"services/{offer[hidden].oruk_id}").status_code == 404
    west_ids = [
        i["service_id"] for i in ok(client, "service_at_locations", per_page=200)["contents"]
    ]
    assert str(offer["west"].oruk_id) not in west_ids

    westmoor = ok(client, "services", host="westmoor.localhost")
    assert names(westmoor) == ["Westmoor swimming"]
    assert (
        ok(client, f"services/{offer['west'].oruk_id}", host="westmoor.localhost")["name"]
        == "Westmoor swimming"
    )
    assert (
        get(client, f"services/{offer['full'].oruk_id}", host="westmoor.localhost").status_code
        == 404
    )
    assert ok(client, "service_at_locations", host="westmoor.localhost")["total_items"] == 1


def test_a_host_with_no_council_is_not_found(client, offer):
    response = get(client, "services", host="nowhere.localhost")
    assert response.status_code == 404
    assert response.json()["errors"][0]["message"]


# Bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path,params,field,words",
    [
        ("services", {"page": "0"}, "page", "1 or more"),
        ("services", {"page": "abc"}, "page", "whole number"),
        ("services", {"page": "-3"}, "page", "1 or more"),
        ("services", {"per_page": "1000"}, "per_page", "200 or fewer"),
        ("services", {"per_page": "0"}, "per_page", "1 or more"),
        ("services", {"per_page": "2.5"}, "per_page", "whole number"),
        ("services", {"taxonomy_term_id": "not-a-uuid"}, "taxonomy_term_id", "UUID"),
        ("services", {"taxonomy_id": "123"}, "taxonomy_id", "UUID"),
        ("services", {"minimum_age": "ten"}, "minimum_age", "number"),
        # the value quoted back in the message holds a %: no formatting directive of its own
        ("services", {"minimum_age": "{'%s"}, "minimum_age", "not '{'%s'"),
        ("services", {"maximum_age": "50%"}, "maximum_age", "not '50%'"),
        ("services", {"maximum_age": "-1"}, "maximum_age", "between 0 and 150"),
        ("services", {"maximum_age": "nan"}, "maximum_age", "between 0 and 150"),
        ("service_at_locations", {"page": "x"}, "page", "whole number"),
        ("service_at_locations", {"taxonomy_term_id": "zzz"}, "taxonomy_term_id", "UUID"),
        ("taxonomies", {"per_page": "201"}, "per_page", "200 or fewer"),
        ("taxonomy_terms", {"page": "0"}, "page", "1 or more"),
        ("taxonomy_terms", {"taxonomy_id": "nope"}, "taxonomy_id", "UUID"),
        # PostgreSQL cannot compare text holding NUL: refused before any query runs.
        ("services", {"text": "speech\x00"}, "text", "null character"),
        ("service_at_locations", {"search": "\x00"}, "search", "null character"),
        ("services", {"search": "x" * 201}, "search", "200 characters or fewer"),
    ],
)
def test_bad_query_parameters_are_400_with_a_message(client, offer, path, params, field, words):
    response = get(client, path, **params)
    assert response.status_code == 400
    assert response.json() == {
        "errors": [{"field": field, "message": response.json()["errors"][0]["message"]}]
    }
    assert words in response.json()["errors"][0]["message"]


def test_every_bad_query_parameter_is_said_at_once(client, offer):
    response = get(client, "services", page="0", per_page="x", minimum_age="ten", text="\x00")
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == [
        "minimum_age",
        "page",
        "per_page",
        "text",
    ]


@pytest.mark.parametrize(
    "service_id",
    # a named id for the random one: parallel processes must collect the same tests
    ["not-a-uuid", "12345", pytest.param(str(uuid.uuid4()), id="unknown-uuid")],
)
def test_unknown_services_are_404_json(client, offer, service_id):
    response = get(client, f"services/{service_id}")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["errors"][0]["message"] == "There is no such service."


def test_the_api_is_public_and_read_only(client, offer):
    assert get(client, "services").status_code == 200  # no sign-in
    response = client.post("/api/oruk/services", {}, HTTP_HOST=HOST)
    assert response.status_code == 405


# Queries -------------------------------------------------------------------------------


def queries_for(client, path, **params):
    with CaptureQueriesContext(connection) as queries:
        ok(client, path, **params)
    return len(queries)


@pytest.mark.parametrize("path", ["services", "service_at_locations", "taxonomy_terms"])
def test_a_page_costs_the_same_queries_however_many_it_holds(
    client, offer, path, django_assert_max_num_queries
):
    index = offer["full"].get_parent()
    for number in range(3):
        extra = add_service(index, f"Extra {number}", organisation=offer["full"].organisation)
        ServiceLocation.objects.create(page=extra, address=f"{number} Side Street", postcode="NS3")
    ok(client, path)  # the site's root paths are cached after the first request
    one = queries_for(client, path, per_page=1)
    assert one <= 8
    with django_assert_max_num_queries(one):
        ok(client, path, per_page=200)


def test_a_fully_nested_service_costs_as_few_queries_as_a_bare_one(
    client, offer, django_assert_max_num_queries
):
    ok(client, "services")
    bare = queries_for(client, f"services/{offer['minimal'].oruk_id}")
    with django_assert_max_num_queries(bare):
        ok(client, f"services/{offer['full'].oruk_id}")
    # the service, the site, the checks Wagtail makes, and one a kind of nested object
    with django_assert_max_num_queries(10):
        ok(client, f"services/{offer['full'].oruk_id}")
