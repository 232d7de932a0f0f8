"""Schemathesis over Open Referral UK's own OpenAPI description, against vsend's feed.

The description is ORUK 3.0's (``oruk_schemas/schema-openapi.json``), not
one vsend wrote: what a council's feed is held to by the directories that
read it. Its item schemas are referred to by address on GitHub; here they
are the copies beside it, so the run needs no network. Every endpoint vsend
publishes is called with the parameters schemathesis makes of ORUK's
(search, paging, taxonomy, ages, times, days, postcode and proximity), both
values the description allows and values it does not (its ``start_time``
and ``end_time`` are of ``type: time``, which is no JSON Schema type: read
here as strings of format ``time``). No answer may be a
server error; every 200 must be of ORUK's documented shape and content
type; a parameter the description does not allow must be refused with a 4xx.

ORUK documents only the 200 of each endpoint, so vsend's 400s (a parameter
out of range, named in the answer) and 404s (a service that does not exist)
are not checked against a status list; ``tests/local_offer/test_oruk.py``
pins those.
"""

import copy

import pytest
import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
)

from tests.conftest import create_council
from tests.fuzzing import fuzz_every_mode
from tests.local_offer.test_oruk import HOST, add_service, load, make_index
from tests.once import copy_for_a_test, made_once_a_module
from vsend_plugin.local_offer.models import AreaOfNeed, ServiceCategory, ServiceLocation

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

#: Where each item schema ORUK's description refers to by address is kept here.
COMPILED = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"
LOCAL_COPIES = {
    COMPILED + "compiled/service.json": "schema-service.json",
    COMPILED + "compiled/service_list.json": "schema-service_list.json",
    COMPILED + "compiled/service_at_location_list.json": "schema-service_at_location_list.json",
}

#: The endpoints vsend publishes (ORUK's description also has taxonomy and
#: service-at-location detail endpoints, which vsend does not serve).
PUBLISHED = {
    "/",
    "/services",
    "/services/{id}",
    "/taxonomies",
    "/taxonomy_terms",
    "/service_at_locations",
}

CHECKS = [
    not_a_server_error,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


def taxonomy_schemas():
    """ORUK's taxonomy and term: the reference set has no file of either (see test_oruk.py)."""
    service = load("schema-service.json")
    term = service["properties"]["attributes"]["items"]["properties"]["taxonomy_term"]
    return {
        COMPILED + "taxonomy_term.json": term,
        COMPILED + "taxonomy.json": {
            "type": "object",
            "required": ["id", "name"],
            "properties": {"id": {"type": "string"}, "name": {"type": "string"}},
        },
    }


def with_local_copies(value, copies):
    """``value`` with each ``{"$ref": address}`` of ``copies`` replaced by the schema kept there."""
    if isinstance(value, dict):
        reference = value.get("$ref")
        if isinstance(reference, str) and reference in copies:
            return copy.deepcopy(copies[reference])
        return {key: with_local_copies(item, copies) for key, item in value.items()}
    if isinstance(value, list):
        return [with_local_copies(item, copies) for item in value]
    return value


def oruk_description():
    """ORUK's OpenAPI description of vsend's endpoints, served under ``/api/oruk``."""
    copies = {address: load(name) for address, name in LOCAL_COPIES.items()}
    copies.update(taxonomy_schemas())
    raw = with_local_copies(load("schema-openapi.json"), copies)
    raw["paths"] = {path: item for path, item in raw["paths"].items() if path in PUBLISHED}
    for parameter in raw["components"]["parameters"].values():
        if parameter["schema"].get("type") == "time":  # not a JSON Schema type: a time string
            parameter["schema"] = {"type": "string", "format": "time"}
    raw["servers"] = [{"url": "/api/oruk"}]
    return raw


@made_once_a_module
def population():
    """Northshire's local offer: services with and without ages, places, areas and categories."""
    northshire = create_council("northshire", "E06000991")
    index = make_index(northshire)
    play = ServiceCategory.objects.create(council=northshire, name="Play", slug="play")
    club = add_service(index, "Calm club", min_age=8, max_age=16, is_free=False)
    club.areas_of_need.set(AreaOfNeed.objects.filter(code__in=["SEMH", "CI"]))
    club.categories.set([play])
    club.localities.set(northshire.localities.all())
    club.save_revision().publish()
    ServiceLocation.objects.create(
        page=club, address="1 High Street", postcode="NS1 1AA", latitude=54.5, longitude=-1.5
    )
    add_service(index, "Advice line")
    return northshire.site.hostname


@pytest.fixture
def host(population):
    return copy_for_a_test(population)


def test_the_feed_answers_every_parameter_as_oruk_describes(host, application):
    assert host == HOST
    schema = schemathesis.openapi.from_dict(oruk_description())
    schema.app = application
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {operation.path for operation in operations} == PUBLISHED
    failures = fuzz_every_mode(operations, CHECKS, host=host)
    assert not failures, f"{len(failures)} failures:\n\n" + "\n\n".join(failures[:15])
