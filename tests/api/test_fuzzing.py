"""Schemathesis over the whole OpenAPI schema, with every kind of caller: no 5xx, no failed check.

The schema is the one the API serves (``/api/vsend/v1/schema/``, made by
drf-spectacular), loaded through the site's own WSGI application (so CSRF
and every middleware run as in production), and every operation in it is
called with what schemathesis generates from it, both data the schema allows
and data it does not: as a practitioner, an officer, a parent carer, with a
partner token and with no credentials. Each answer must be no server error
and must match the schema (status documented, body and headers of the
documented shape, content type), and data the schema does not allow must be
refused with a 4xx.

Not checked: that every schema-valid request is accepted. A body may be
valid and still name a child that does not exist or is not the caller's;
vsend answers that with a 400 naming the field, as DRF does for a related
object, not a 404.

Derandomized, so a run is the same on every machine, and bounded by
``MAX_EXAMPLES`` per operation and mode, so the whole sweep takes a minute.
"""

import pytest
import schemathesis
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.assessments.conftest import create_parent
from tests.conftest import create_child, create_council, create_member
from tests.fuzzing import fuzz_every_mode
from tests.once import copy_for_a_test, made_once_a_module
from vsend_plugin.assessments.recording import record_assessment
from vsend_plugin.benchmarking.models import PartnerToken
from vsend_plugin.core.models import Role
from vsend_plugin.scoring import INDICATORS

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

SCHEMA_PATH = "/api/vsend/v1/schema/"

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    negative_data_rejection,
]


@made_once_a_module
def population():
    """Northshire with a child, an assessment, and a caller of every kind."""
    northshire = create_council("northshire", "E06000991")
    practitioner = create_member(northshire, Role.PRACTITIONER)
    child = create_child(northshire, "NS-0001", "Amara")
    child.practitioners.add(practitioner)
    record_assessment(child, practitioner, need=dict.fromkeys(INDICATORS, 1))
    partner = PartnerToken(council=northshire, organisation="Regional SEND network")
    partner_key = partner.set_new_key()
    partner.save()
    users = {
        "practitioner": practitioner,
        "officer": create_member(northshire, Role.OFFICER),
        "parent": create_parent(child, "parent-of-amara"),
    }
    keys = {role: Token.objects.create(user=user).key for role, user in users.items()}
    return {**keys, "partner": partner_key}, northshire.site.hostname


@pytest.fixture
def made(population):
    return copy_for_a_test(population)


def callers(keys):
    """The ``Authorization`` header of each kind of caller (none for anyone)."""
    return {"anyone": {}, **{role: {"Authorization": f"Token {key}"} for role, key in keys.items()}}


def test_no_operation_answers_a_server_error_or_fails_a_check(made, application):
    keys, host = made
    cache.clear()  # no throttle history from another test
    schema = schemathesis.openapi.from_wsgi(SCHEMA_PATH, application, headers={"Host": host})
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 20
    failures = fuzz_every_mode(operations, CHECKS, host=host, headers_of=callers(keys))
    assert not failures, f"{len(failures)} failures:\n\n" + "\n\n".join(failures[:15])
