"""Every API endpoint, swept with what clients and attackers send: always a 4xx in the one shape.

The endpoints are found by walking the project's URL table under the API's
path prefixes (``/api/vsend/`` and ``/api/oruk/``); each must be described in
``ENDPOINTS`` (a new one fails :func:`test_every_endpoint_is_swept` with its
name). Then, for every endpoint:

* no credentials, a bad token, a bad partner token, a malformed header:
  ``401`` with ``WWW-Authenticate: Token`` on every endpoint that needs a
  caller; public ones (the schema, the docs, Open Referral UK) ignore
  credentials;
* bodies Python chokes on, sent by a signed-in caller to every write
  endpoint: JSON nested 1,000 deep, lone surrogates, bytes that are not
  UTF-8, ``NaN``, numbers of 5,000 digits, and whatever hypothesis makes of
  JSON; bodies over the size limit are a 413, refused before they are read;
* ids no object has, or that are not ids at all, on every detail endpoint;
* addresses under the prefixes that match nothing, and methods an endpoint
  does not take;

and the answer is always a 4xx JSON body ``{"errors": [{"field": ..., "message": ...}]}``,
never a 5xx, never HTML.
"""

import io
import json
from collections import defaultdict
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import get_resolver, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token

from tests.conftest import create_child, create_council, create_member
from tests.once import copy_for_a_test, made_once_a_module
from tests.url_table import walk
from vsend_plugin.assessments.recording import record_assessment
from vsend_plugin.core.api import MAX_JSON_DEPTH, api_path_prefixes, no_such_endpoint
from vsend_plugin.core.models import Role
from vsend_plugin.moderation.rounds import open_round
from vsend_plugin.planning.plans import save_plan
from vsend_plugin.planning.scheme import empty_trajectory
from vsend_plugin.records.document import record_of
from vsend_plugin.scoring import INDICATORS

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Endpoint:
    """How to call one endpoint: its method, its address (given an id), who it is for."""

    method: str
    path: object  # id -> path
    public: bool = False
    write: bool = False
    detail: bool = False
    #: A body the endpoint accepts, to which unknown keys are added (write endpoints).
    body: object = None
    #: The ids a write is sent to (world -> keyword arguments of ``path``), if its address has any.
    ids: object = None
    #: Other methods the address takes (``delete`` on a child is its erasure).
    also: tuple = ()

    def a_method_it_does_not_take(self):
        return next(m for m in ("delete", "put", "patch") if m not in {self.method, *self.also})

    def address(self, world):
        """Where a write is sent: an object of the world's, or the template-free address."""
        return self.path(**self.ids(world)) if self.ids else self.path()


def vsend(path):
    """The address, given the ids in it (every id ``pk`` unless named); the template given none."""

    def address(pk=None, **ids):
        template = f"/api/vsend/v1/{path}"
        if pk is None and not ids:
            return template
        return template.format_map(defaultdict(lambda: pk, id=pk, **ids))

    return address


def oruk(path):
    return lambda pk=None: f"/api/oruk/{path}".format(id=pk)


ENDPOINTS = {
    "vsend_api:score": Endpoint(
        "post", vsend("score/"), write=True, body=lambda w: {"need": {"CI.receptive": 1}}
    ),
    "vsend_api:child-list": Endpoint("get", vsend("children/")),
    "vsend_api:child-detail": Endpoint(
        "get", vsend("children/{id}/"), detail=True, also=("delete",)
    ),
    "vsend_api:child-assessments": Endpoint(
        "get", vsend("children/{id}/assessments/"), detail=True
    ),
    "vsend_api:assessment-list": Endpoint(
        "post",
        vsend("assessments/"),
        write=True,
        body=lambda w: {"child": w["child"].pk, "need": {"CI.receptive": 1}},
    ),
    "vsend_api:assessment-pdf": Endpoint("get", vsend("assessments/{id}/pdf/"), detail=True),
    "vsend_api:child-plan": Endpoint(
        "put",
        vsend("children/{id}/plan/"),
        write=True,
        detail=True,
        body=lambda w: {"support": [], "outcomes": []},
        ids=lambda w: {"pk": w["child"].pk},
    ),
    "vsend_api:child-plan-outcome": Endpoint(
        "patch",
        vsend("children/{id}/plan/outcomes/{outcome_id}/"),
        write=True,
        detail=True,
        body=lambda w: {"status": "achieved"},
        ids=lambda w: {"pk": w["child"].pk, "outcome_id": w["outcome"].pk},
    ),
    "vsend_api:child-record": Endpoint("get", vsend("children/{id}/record/"), detail=True),
    "vsend_api:child-import": Endpoint(
        "post",
        vsend("children/import/"),
        write=True,
        body=lambda w: json.loads(json.dumps(record_of(w["child"]))),
    ),
    "vsend_api:assessment-fhir": Endpoint("get", vsend("assessments/{id}/fhir/"), detail=True),
    "vsend_api:form-fhir": Endpoint("get", vsend("forms/{id}/fhir/")),
    "vsend_api:benchmarks": Endpoint("get", vsend("benchmarks/")),
    "vsend_api:benchmarks-support": Endpoint("get", vsend("benchmarks/support/")),
    "vsend_api:benchmark-periods": Endpoint("get", vsend("benchmarks/periods/")),
    "vsend_api:moderation-rounds": Endpoint(
        "post",
        vsend("moderation/rounds/"),
        write=True,
        body=lambda w: {"assessments": [w["assessment"].pk], "raters": ["ns-rater"]},
    ),
    "vsend_api:moderation-assignments": Endpoint("get", vsend("moderation/assignments/")),
    "vsend_api:moderation-assignment-rating": Endpoint(
        "post",
        vsend("moderation/assignments/{id}/rating/"),
        write=True,
        detail=True,
        body=lambda w: {"need": dict.fromkeys(INDICATORS, 1)},
        ids=lambda w: {"pk": w["assignment"].pk},
    ),
    "vsend_api:moderation-agreement": Endpoint("get", vsend("moderation/agreement/")),
    "vsend_api:schema": Endpoint("get", vsend("schema/"), public=True),
    "vsend_api:docs": Endpoint("get", vsend("docs/"), public=True),
    "vsend_oruk_info": Endpoint("get", oruk(""), public=True),
    "vsend_oruk_services": Endpoint("get", oruk("services"), public=True),
    "vsend_oruk_service": Endpoint("get", oruk("services/{id}"), public=True, detail=True),
    "vsend_oruk_taxonomies": Endpoint("get", oruk("taxonomies"), public=True),
    "vsend_oruk_taxonomy_terms": Endpoint("get", oruk("taxonomy_terms"), public=True),
    "vsend_oruk_service_at_locations": Endpoint("get", oruk("service_at_locations"), public=True),
}

AUTHENTICATED = sorted(name for name, e in ENDPOINTS.items() if not e.public)
WRITES = sorted(name for name, e in ENDPOINTS.items() if e.write)
DETAILS = sorted(name for name, e in ENDPOINTS.items() if e.detail)


def api_patterns():
    """``{URL name: route}`` of every endpoint under the API's path prefixes.

    Not the catch-all after them, which answers 404 for anything else.
    """
    return {
        name or "": "/" + route
        for route, name, pattern in walk(get_resolver().url_patterns)
        if ("/" + route).startswith(api_path_prefixes())
        and pattern.callback is not no_such_endpoint
    }


@pytest.fixture(autouse=True)
def fresh_throttles():
    cache.clear()
    yield
    cache.clear()


@made_once_a_module
def population():
    """A Northshire child with an assessment and a plan, and a superuser's API token."""
    northshire = create_council("northshire", "E06000991")
    practitioner = create_member(northshire, Role.PRACTITIONER)
    child = create_child(northshire, "NS-0001", "Amara")
    child.practitioners.add(practitioner)
    assessment = record_assessment(child, practitioner, need=dict.fromkeys(INDICATORS, 1))
    plan = save_plan(
        child,
        {
            "support": [],
            "outcomes": [{"area": "CI", "text": "Asks for help", "horizon": "next_review"}],
            "trajectory": empty_trajectory(),
        },
        author=practitioner,
    )
    superuser = get_user_model().objects.create_superuser("root", password="x")
    create_member(northshire, Role.PRACTITIONER, "ns-rater")
    moderation_round = open_round(northshire, [assessment.assessment_id], ["ns-rater"])
    world = {
        "assignment": moderation_round.second_ratings.get(),
        "child": child,
        "assessment": assessment.assessment,
        "outcome": plan.outcomes.get(),
        "token": Token.objects.create(user=superuser).key,
        "host": northshire.site.hostname,
    }
    return world, northshire


@pytest.fixture
def made(population):
    """Made once for the module (tests/once.py): each test's own copy."""
    return copy_for_a_test(population)


@pytest.fixture
def world(made):
    return made[0]


@pytest.fixture
def northshire(made):
    return made[1]


def client_for(world, token=None, **options):
    client = Client(HTTP_HOST=world["host"], **options)
    if token:
        client.defaults["HTTP_AUTHORIZATION"] = f"Token {token}"
    return client


def assert_errors(response, status=None):
    """A 4xx (``status`` if given) with the documented JSON error shape; returns the errors."""
    assert 400 <= response.status_code < 500, (response.status_code, response.content[:300])
    if status is not None:
        assert response.status_code == status, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = json.loads(response.content)
    assert set(body) == {"errors"} and body["errors"], body
    for error in body["errors"]:
        assert set(error) == {"field", "message"}, error
        assert isinstance(error["field"], str) and isinstance(error["message"], str)
        assert error["message"]
    return body["errors"]


def send(client, endpoint, path, raw, content_type="application/json"):
    return getattr(client, endpoint.method)(path, raw, content_type=content_type)


# Every endpoint is known -------------------------------------------------------------


def test_every_endpoint_is_swept():
    found = api_patterns()
    assert {"vsend_api:child-detail", "vsend_api:score", "vsend_oruk_service"} <= set(found)
    unswept = sorted(set(found) - set(ENDPOINTS))
    assert not unswept, "\n".join(
        f"{name} ({found[name]}) is an API endpoint with no entry in ENDPOINTS of "
        "tests/api/test_every_endpoint.py: add one so that it is swept"
        for name in unswept
    )
    assert not set(ENDPOINTS) - set(found), "ENDPOINTS lists endpoints that no longer exist"


# Credentials (401, WWW-Authenticate: Token) --------------------------------------------

BAD_CREDENTIALS = {
    "none": None,
    "a token nobody has": "Token 0123456789abcdef0123456789abcdef01234567",
    "a partner token nobody has": "Token vsp_not-a-partner-key",
    "a token keyword with no key": "Token",
    "a token with spaces": "Token one two",
    "a key that is not text": b"Token \xff\xfe".decode("latin-1"),
}


def test_missing_or_bad_credentials_are_401_with_the_token_challenge_everywhere(world):
    problems = []
    for name in AUTHENTICATED:
        endpoint = ENDPOINTS[name]
        path = endpoint.path(world["child"].pk)
        for label, header in BAD_CREDENTIALS.items():
            extra = {"HTTP_AUTHORIZATION": header} if header is not None else {}
            client = Client(HTTP_HOST=world["host"])
            if endpoint.write:
                response = client.post(path, "{}", content_type="application/json", **extra)
            else:
                response = client.get(path, **extra)
            try:
                assert_errors(response, 401)
                assert response.get("WWW-Authenticate") == "Token", "no WWW-Authenticate: Token"
            except AssertionError as error:
                problems.append(f"{name} with {label}: {error}")
    assert not problems, "\n".join(problems)


def test_public_endpoints_ignore_credentials(world, northshire):
    for name, endpoint in ENDPOINTS.items():
        if not endpoint.public or endpoint.detail:
            continue
        for header in (None, "Token 0123456789abcdef"):
            extra = {"HTTP_AUTHORIZATION": header} if header else {}
            response = Client(HTTP_HOST=world["host"]).get(endpoint.path(), **extra)
            assert response.status_code == 200, (name, header, response.status_code)


# Bodies -------------------------------------------------------------------------------

DEEP = '{"need": ' + "[" * 1000 + "]" * 1000 + "}"
DEEP_OBJECTS = '{"need": ' + '{"a": ' * 1000 + "1" + "}" * 1000 + "}"
JUST_TOO_DEEP = '{"need": ' + "[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH + "}"

BAD_BODIES = {
    "nested 1,000 deep in arrays": DEEP,
    "nested 1,000 deep in objects": DEEP_OBJECTS,
    "nested one level too deep": JUST_TOO_DEEP,
    "a lone surrogate in a key": '{"need": {"\\ud800": 1}}',
    "a lone surrogate in a value": '{"need": {}, "strengths": "\\udfff"}',
    "a lone low surrogate in a field name": '{"\\udc00": 1, "need": {}}',
    "a surrogate in a list": '{"need": ["\\ud83d"]}',
    "NaN": '{"need": {"CI.receptive": NaN}}',
    "Infinity": '{"need": {"CI.receptive": Infinity}}',
    "a number of 5,000 digits": '{"need": {"CI.receptive": ' + "9" * 5000 + "}}",
    "bytes that are not UTF-8": b'{"need": {"CI.receptive": "\xff\xfe"}}',
    "truncated JSON": '{"need": {',
    "an empty body": "",
    "a body that is not JSON": "need=1",
    "a list, not an object": "[[]]",
}


def test_bad_bodies_are_400s_in_the_error_shape_on_every_write_endpoint(world):
    problems = []
    client = client_for(world, world["token"])
    for name in WRITES:
        endpoint = ENDPOINTS[name]
        for label, raw in BAD_BODIES.items():
            response = send(client, endpoint, endpoint.address(world), raw)
            try:
                assert_errors(response, 400)
            except AssertionError as error:
                problems.append(f"{name} with {label}: {error}")
    assert not problems, "\n".join(problems)


class UnreadableBody:
    """A ``wsgi.input`` that fails the test if anything reads it."""

    def read(self, *arguments):
        raise AssertionError("the body was read")

    readline = read


def unread_bodies_to_every_write(world, **request):
    """The answer of every write endpoint to a body it must refuse unread (``request``: how)."""
    client = client_for(world, world["token"])
    for name in WRITES:
        endpoint = ENDPOINTS[name]
        yield getattr(client, endpoint.method)(
            endpoint.address(world), b"", **request, **{"wsgi.input": UnreadableBody()}
        )


TOO_LARGE_MESSAGE = "The body is larger than the {max} bytes this API accepts."


@pytest.mark.parametrize(
    "content_type", ["application/json", "application/x-www-form-urlencoded", "text/plain"]
)
def test_a_body_over_the_limit_is_a_413_before_it_is_read(world, settings, content_type):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # Django's default
    for response in unread_bodies_to_every_write(
        world, content_type=content_type, CONTENT_LENGTH="2621441"
    ):
        errors = assert_errors(response, 413)
        assert errors == [{"field": "body", "message": TOO_LARGE_MESSAGE.format(max=2_621_440)}]


def test_a_body_in_chunks_is_a_411_before_it_is_read(world):
    """Django reads no body without a Content-Length: refused, not taken for an empty body."""
    for response in unread_bodies_to_every_write(
        world, content_type="application/json", HTTP_TRANSFER_ENCODING="chunked"
    ):
        errors = assert_errors(response, 411)
        assert [error["field"] for error in errors] == ["body"]


def test_the_api_limit_is_vsend_max_body_bytes_when_set(world, settings):
    settings.VSEND_MAX_BODY_BYTES = 1_000
    client = client_for(world, world["token"])
    path = ENDPOINTS["vsend_api:score"].path()
    small = json.dumps({"need": {"CI.receptive": 1}})
    assert client.post(path, small, content_type="application/json").status_code == 200
    big = json.dumps({"need": {}, "strengths": "a" * 1_000})
    errors = assert_errors(client.post(path, big, content_type="application/json"), 413)
    assert errors[0]["message"] == TOO_LARGE_MESSAGE.format(max=1_000)


def test_a_body_longer_than_its_content_length_is_cut_off_at_the_limit(world, settings):
    """The parser reads at most the limit and one byte, whatever the stream holds (ASGI's)."""
    from vsend_plugin.core.api import SafeJSONParser
    from vsend_plugin.core.api_errors import BodyTooLarge

    settings.VSEND_MAX_BODY_BYTES = 100
    stream = io.BytesIO(b'{"a": "' + b"x" * 10_000 + b'"}')
    with pytest.raises(BodyTooLarge):
        SafeJSONParser().parse(stream)
    assert stream.tell() == 101


def test_nesting_and_surrogates_say_what_is_wrong_with_the_body(world):
    client = client_for(world, world["token"])
    path = ENDPOINTS["vsend_api:score"].path()
    deep = assert_errors(client.post(path, DEEP, content_type="application/json"), 400)
    assert deep == [
        {"field": "body", "message": f"The body is nested more than {MAX_JSON_DEPTH} levels deep."}
    ]
    surrogate = assert_errors(
        client.post(path, BAD_BODIES["a lone surrogate in a key"], content_type="application/json"),
        400,
    )
    assert surrogate[0]["field"] == "body" and "surrogate" in surrogate[0]["message"]
    # Nesting within the limit is read, and left to the endpoint to judge.
    ok = '{"need": {}, "provision": ' + "[" * (MAX_JSON_DEPTH - 2) + "]" * (MAX_JSON_DEPTH - 2)
    fields = [
        e["field"]
        for e in assert_errors(client.post(path, ok + "}", content_type="application/json"))
    ]
    assert "body" not in fields and "provision" in fields
    # Characters outside the Basic Multilingual Plane, as proper pairs, are fine.
    emoji = client.post(
        path, '{"need": {}, "x": "\\ud83d\\ude00"}', content_type="application/json"
    )
    assert [e["field"] for e in assert_errors(emoji, 400)] == ["x"]


# Any character, lone surrogates included (hypothesis leaves them out unless asked).
_json_text = st.text(alphabet=st.characters() | st.integers(0xD800, 0xDFFF).map(chr), max_size=12)
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _json_text,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(_json_text, children, max_size=4)
    ),
    max_leaves=20,
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    name=st.sampled_from(WRITES),
    body=st.dictionaries(
        st.sampled_from(["need", "provision", "family_confidence", "child", "strengths"])
        | _json_text,
        _json,
        max_size=5,
    )
    | _json,
)
def test_whatever_json_is_sent_the_answer_is_never_a_500(world, name, body):
    cache.clear()
    endpoint = ENDPOINTS[name]
    raw = json.dumps(body)  # escapes surrogates as \\udxxx, as a client would send them
    response = send(client_for(world, world["token"]), endpoint, endpoint.address(world), raw)
    assert response.status_code < 500, response.content[:300]
    if response.status_code >= 400:
        assert_errors(response)


def test_unknown_keys_are_refused_as_the_schema_says(world, tmp_path):
    """Where a request schema says ``additionalProperties: false``, the server refuses extras."""
    import yaml

    path = tmp_path / "schema.yaml"
    call_command(
        "spectacular", custom_settings="vsend_plugin.api.schema.SCHEMA_SETTINGS", file=str(path)
    )
    schema = yaml.safe_load(path.read_text())
    components = schema["components"]["schemas"]
    client = client_for(world, world["token"])
    checked = 0
    for name in WRITES:
        endpoint = ENDPOINTS[name]
        operation = schema["paths"][endpoint.path()][endpoint.method]
        ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        component = components[ref.rsplit("/", 1)[-1]]
        assert component.get("additionalProperties") is False, name
        body = endpoint.body(world)
        response = send(
            client, endpoint, endpoint.address(world), json.dumps({**body, "colour": "red"})
        )
        assert {"field": "colour", "message": "Unknown field."} in assert_errors(response, 400)
        for section in ("need", "provision", "family_confidence"):
            if section in component["properties"]:
                assert component["properties"][section]["additionalProperties"] is False
        checked += 1
    assert checked == len(WRITES)


# Ids ---------------------------------------------------------------------------------

BAD_IDS = ["-1", "0", "999999", str(10**30), "abc", "1.5", "%00", "%F0%9F%98%80", "x" * 300]


def test_bad_ids_are_404s_in_the_error_shape_on_every_detail_endpoint(world):
    problems = []
    client = client_for(world, world["token"])
    for name in DETAILS:
        endpoint = ENDPOINTS[name]
        for bad in BAD_IDS:
            path = endpoint.path(bad)
            if endpoint.method == "get":
                response = client.get(path)
            else:
                response = send(client, endpoint, path, json.dumps(endpoint.body(world)))
            try:
                assert_errors(response, 404)
            except AssertionError as error:
                problems.append(f"{name} with id {bad!r}: {error}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "path",
    [
        "/api/vsend/",
        "/api/vsend/v1/",
        "/api/vsend/v1/nothing-here/",
        "/api/vsend/v2/children/",
        "/api/vsend/v1/children/1/nothing/",
        "/api/oruk/nothing-here/",
        "/api/oruk/services/x/y/",
    ],
)
def test_addresses_that_match_nothing_are_json_404s(world, path):
    response = client_for(world, world["token"]).get(path, HTTP_ACCEPT="text/html")
    assert_errors(response, 404)


@pytest.mark.parametrize(
    "path", ["/api/vsend/v1/nothing-here/", "/api/oruk/nothing-here/", "/api/oruk/services/x/y/"]
)
def test_addresses_under_an_api_that_match_nothing_render_no_html_page(world, path):
    """The API's own 404, not the site's HTML page rendered to be thrown away (about 15 ms)."""
    response = client_for(world, world["token"]).get(path)
    assert_errors(response, 404)
    assert response.templates == []


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize(
    "path",
    [
        "/api/vsend/v1/moderation/assignments/-215/rating/",
        "/api/vsend/v1/children/abc/plan/",
        "/api/oruk/services/x/y/",
    ],
)
def test_writes_to_addresses_that_match_nothing_are_404s_not_csrf_refusals(world, method, path):
    """As a client that is no browser sends them: with a token, and no CSRF token to send."""
    client = client_for(world, world["token"], enforce_csrf_checks=True)
    response = getattr(client, method)(path, "{}", content_type="application/json")
    assert_errors(response, 404)


def test_methods_an_endpoint_does_not_take_are_json_405s(world):
    client = client_for(world, world["token"])
    for endpoint in ENDPOINTS.values():
        path = endpoint.path(world["child"].pk)
        response = getattr(client, endpoint.a_method_it_does_not_take())(path)
        assert_errors(response, 405)


# Query parameters --------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, field",
    [("period=", "period"), ("by=", "by"), ("period=2026-Q9", "period"), ("by=shoe", "by")],
)
def test_benchmark_parameters_that_are_empty_or_wrong_are_400s_naming_them(world, query, field):
    response = client_for(world, world["token"]).get(reverse("vsend_api:benchmarks") + "?" + query)
    assert [error["field"] for error in assert_errors(response, 400)] == [field]
