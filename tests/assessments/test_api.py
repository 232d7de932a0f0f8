"""The HTTP API of children and assessments (``/api/vsend/v1/``).

Who may do what is checked as a matrix: every kind of caller against every
endpoint, for a child of their own council and a child of another, with the
exact status expected. Scoring errors are compared with what the scoring
module itself reports for the same input, and every refused write is checked
to have stored nothing.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from rest_framework import exceptions
from rest_framework.authtoken.models import Token

from tests.assessments.conftest import create_parent
from tests.conftest import create_child, create_council, create_member
from tests.once import copy_for_a_test, made_once_a_module
from vsend_plugin.assessments import api
from vsend_plugin.assessments.audit import Action
from vsend_plugin.assessments.models import (
    AccessEvent,
    Assessment,
    AssessmentVersion,
    Child,
    PdfSummary,
)
from vsend_plugin.assessments.recording import add_family_contribution, record_assessment
from vsend_plugin.assessments.tasks import make_pdf_summary
from vsend_plugin.core.api_errors import errors_from, exception_handler
from vsend_plugin.core.models import PendingTask, Role
from vsend_plugin.scoring import ScoringError, score

pytestmark = pytest.mark.django_db

NEED = {
    "CI.receptive": 1,
    "CI.expressive": 2,
    "CI.social": 2,
    "CL.literacy": 2,
    "CL.numeracy": 1,
    "CL.processing": 2,
    "SEMH.regulation": 3,
    "SEMH.wellbeing": 1,
    "SEMH.relationships": 1,
    "SP.hearing": 0,
    "SP.vision": 0,
    "SP.physical": 1,
    "SP.sensory": 1,
    "SP.health": None,
    "IND.selfcare": 1,
    "IND.travel": 1,
    "IND.choices": 1,
    "IND.community": 0,
}
PROVISION = {"CI": 2, "CL": 2, "SEMH": 1, "SP": 1, "IND": None}
CONFIDENCE = {"CI": 2, "CL": 3, "SEMH": 1, "SP": 4, "IND": 3}
RATINGS = {"need": NEED, "provision": PROVISION, "family_confidence": CONFIDENCE}
MANY_PROBLEMS = {
    "need": {"SP.vision": 7, "CI.nonsense": 1},
    "provision": 3,
    "family_confidence": {"CL": "1"},
}


def url(name, *args):
    return reverse(f"vsend_api:{name}", args=args)


def stored_counts():
    return {
        model.__name__: model.objects.count()
        for model in (Assessment, AssessmentVersion, PendingTask, AccessEvent, PdfSummary)
    }


def assert_error_shape(response):
    body = response.json()
    assert set(body) == {"errors"}
    assert body["errors"], body
    for error in body["errors"]:
        assert set(error) == {"field", "message"}
        assert isinstance(error["field"], str) and error["message"]
    return body["errors"]


def fields_of(response):
    return [error["field"] for error in assert_error_shape(response)]


def scoring_errors(need=None, provision=None, family_confidence=None):
    with pytest.raises(ScoringError) as raised:
        score(need, provision, family_confidence)
    return raised.value.errors


@pytest.fixture(autouse=True)
def isolated(pdf_storage):
    """PDFs in a temporary directory; throttle counts from zero."""
    cache.clear()
    yield
    cache.clear()


@made_once_a_module
def population():
    """Two councils, a child of each, a second Northshire child, and a caller of each kind."""
    northshire = create_council("northshire", "E06000991")
    westmoor = create_council("westmoor", "E06000992")
    child = create_child(northshire, "NS-0001", "Amara")
    sibling = create_child(northshire, "NS-0002", "Bilal")
    foreign = create_child(westmoor, "WM-0001", "Cerys")

    assigned = create_member(northshire, Role.PRACTITIONER, "ns-practitioner-assigned")
    child.practitioners.add(assigned)
    west_practitioner = create_member(westmoor, Role.PRACTITIONER)
    foreign.practitioners.add(west_practitioner)

    callers = {
        "editor": create_member(northshire, Role.EDITOR),
        "officer": create_member(northshire, Role.OFFICER),
        "practitioner assigned": assigned,
        "practitioner not assigned": create_member(
            northshire, Role.PRACTITIONER, "ns-practitioner-other"
        ),
        "parent of the child": create_parent(child, "parent-of-amara"),
        "parent of another child": create_parent(sibling, "parent-of-bilal"),
        "anonymous": None,
        "superuser": get_user_model().objects.create_superuser("root", password="x"),
    }
    assessments = {
        "own": record_assessment(child, assigned, **RATINGS).assessment,
        "other": record_assessment(foreign, west_practitioner, **RATINGS).assessment,
    }
    world = {
        "children": {"own": child, "other": foreign},
        "sibling": sibling,
        "assessments": assessments,
        "callers": callers,
        "assigned": assigned,
        "officer": callers["officer"],
        "parent": callers["parent of the child"],
    }
    return world, {"northshire": northshire, "westmoor": westmoor}


@pytest.fixture
def made(population):
    """The population, made once for the module (tests/once.py): each test's own copy."""
    return copy_for_a_test(population)


@pytest.fixture
def world(made):
    return made[0]


@pytest.fixture
def northshire(made):
    return made[1]["northshire"]


@pytest.fixture
def westmoor(made):
    return made[1]["westmoor"]


def client_for(user):
    from rest_framework.test import APIClient

    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client


# Scoring -------------------------------------------------------------------------


def test_score_answers_exactly_the_profile_and_stores_nothing(world, api_client):
    api_client.force_authenticate(world["parent"])  # anyone signed in
    before = stored_counts()
    response = api_client.post(url("score"), RATINGS, format="json")
    assert response.status_code == 200
    assert response.json() == score(NEED, PROVISION, CONFIDENCE).as_dict()
    assert stored_counts() == before


def test_score_takes_null_and_missing_optional_sections(world, api_client):
    api_client.force_authenticate(world["officer"])
    response = api_client.post(
        url("score"), {"need": {"CI.receptive": None}, "provision": None}, format="json"
    )
    assert response.status_code == 200
    assert response.json() == score({}).as_dict()


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"need": {"CI.hearing": 1}}, id="unknown indicator"),
        pytest.param({"need": {"CI.receptive": 5}}, id="level 5"),
        pytest.param({"need": {"CI.receptive": -1}}, id="level -1"),
        pytest.param({"need": {"CI.receptive": "2"}}, id="text 2"),
        pytest.param({"need": {"CI.receptive": 2.0}}, id="float 2.0"),
        pytest.param({"need": {"CI.receptive": True}}, id="true"),
        pytest.param({"need": None}, id="need null"),
        pytest.param({}, id="need missing"),
        pytest.param({"need": [1, 2]}, id="need a list"),
        pytest.param({"need": {}, "provision": {"XX": 1}}, id="unknown area"),
        pytest.param({"need": {}, "provision": {"CI": 2.0}}, id="provision float"),
        pytest.param({"need": {}, "family_confidence": "high"}, id="confidence text"),
        pytest.param({"need": {}, "family_confidence": {"IND": False}}, id="confidence false"),
        pytest.param(MANY_PROBLEMS, id="many at once"),
    ],
)
def test_score_reports_exactly_the_scoring_modules_errors(world, api_client, body):
    api_client.force_authenticate(world["officer"])
    before = stored_counts()
    response = api_client.post(url("score"), body, format="json")
    assert response.status_code == 400
    sections = (body.get(name) for name in ("need", "provision", "family_confidence"))
    assert response.json() == {"errors": scoring_errors(*sections)}
    assert stored_counts() == before


def test_score_errors_are_sorted_by_field(world, api_client):
    api_client.force_authenticate(world["officer"])
    response = api_client.post(url("score"), MANY_PROBLEMS, format="json")
    assert fields_of(response) == [
        "family_confidence.CL",
        "need.CI.nonsense",
        "need.SP.vision",
        "provision",
    ]


def test_score_refuses_unknown_fields_with_the_rest(world, api_client):
    api_client.force_authenticate(world["officer"])
    body = {"need": {"CI.receptive": 9}, "family_confidance": {"CI": 1}}
    response = api_client.post(url("score"), body, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "family_confidance", "message": "Unknown field."},
        *scoring_errors({"CI.receptive": 9}),
    ]


@pytest.mark.parametrize(
    "raw, described",
    [("[1, 2]", "a list"), ('"need"', '"need" (text)'), ("3", "3"), ("null", "null")],
)
def test_score_refuses_a_body_that_is_not_an_object(world, api_client, raw, described):
    api_client.force_authenticate(world["officer"])
    response = api_client.post(url("score"), raw, content_type="application/json")
    assert response.status_code == 400
    message = f"The body must be a JSON object; got {described}."
    assert response.json() == {"errors": [{"field": "body", "message": message}]}


def test_score_refuses_malformed_json(world, api_client):
    api_client.force_authenticate(world["officer"])
    response = api_client.post(url("score"), '{"need": {', content_type="application/json")
    assert response.status_code == 400
    [error] = assert_error_shape(response)
    assert error["field"] == "body"
    assert "JSON parse error" in error["message"]


def test_score_reads_json_only(world, api_client):
    api_client.force_authenticate(world["officer"])
    response = api_client.post(url("score"), {"need": "{}"})  # a multipart form
    assert response.status_code == 415
    assert fields_of(response) == ["body"]


def test_score_needs_a_signed_in_caller(api_client):
    response = api_client.post(url("score"), RATINGS, format="json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert fields_of(response) == [""]


def test_score_is_post_only(world, api_client):
    api_client.force_authenticate(world["officer"])
    response = api_client.get(url("score"))
    assert response.status_code == 405
    assert response.json() == {"errors": [{"field": "", "message": 'Method "GET" not allowed.'}]}


def test_score_is_throttled_per_user(world, api_client, settings):
    settings.VSEND_THROTTLE_RATES = {"score": "2/min"}
    api_client.force_authenticate(world["officer"])
    statuses = [api_client.post(url("score"), RATINGS, format="json").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    response = api_client.post(url("score"), RATINGS, format="json")
    assert int(response["Retry-After"]) > 0
    assert fields_of(response) == [""]


def test_throttle_rate_has_a_default_when_a_project_sets_none(settings):
    settings.VSEND_THROTTLE_RATES = {}
    assert api.ScoreRateThrottle().get_rate() == "600/min"


# The permission matrix -----------------------------------------------------------

CALLERS = [
    "editor",
    "officer",
    "practitioner assigned",
    "practitioner not assigned",
    "parent of the child",
    "parent of another child",
    "anonymous",
    "superuser",
]


def matrix(editor, officer, assigned, unassigned, parent, other_parent, anonymous, superuser):
    return dict(
        zip(
            CALLERS,
            [editor, officer, assigned, unassigned, parent, other_parent, anonymous, superuser],
            strict=True,
        )
    )


#: Reading a child: officers council-wide; practitioners and families per child; editors never.
READ = {
    "own": matrix(404, 200, 200, 404, 200, 404, 401, 200),
    "other": matrix(404, 404, 404, 404, 404, 404, 401, 200),
}
#: Recording: a child one may not see is "No such child." (400); one may see but not assess, 403.
RECORD = {
    "own": matrix(400, 403, 201, 400, 403, 400, 401, 201),
    "other": matrix(400, 400, 400, 400, 400, 400, 401, 201),
}
#: The PDF: as reading, but it is still being made (202).
PDF = {
    place: {caller: 202 if code == 200 else code for caller, code in codes.items()}
    for place, codes in READ.items()
}


def get_child(client, child, assessment):
    return client.get(url("child-detail", child.pk))


def get_assessments(client, child, assessment):
    return client.get(url("child-assessments", child.pk))


def post_assessment(client, child, assessment):
    return client.post(url("assessment-list"), {"child": child.pk, **RATINGS}, format="json")


def get_pdf(client, child, assessment):
    return client.get(url("assessment-pdf", assessment.pk))


ENDPOINTS = {
    "child detail": (get_child, READ),
    "child assessments": (get_assessments, READ),
    "record assessment": (post_assessment, RECORD),
    "pdf": (get_pdf, PDF),
}


@pytest.mark.parametrize("place", ["own", "other"])
@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
def test_permission_matrix(world, endpoint, place):
    call, expected = ENDPOINTS[endpoint]
    child, assessment = world["children"][place], world["assessments"][place]
    assessments_before = Assessment.objects.count()
    statuses = {}
    for caller in CALLERS:
        response = call(client_for(world["callers"][caller]), child, assessment)
        statuses[caller] = response.status_code
        assert response.status_code < 500, (caller, response.content)
        if response.status_code >= 400:
            errors = assert_error_shape(response)
            if endpoint == "record assessment" and caller != "anonymous":
                message = "No such child." if response.status_code == 400 else api.NOT_ASSIGNED
                assert errors == [{"field": "child", "message": message}], caller
    assert statuses == expected[place]
    created = list(expected[place].values()).count(201)
    assert Assessment.objects.count() == assessments_before + created


def test_children_list_shows_exactly_the_children_each_caller_may_see(world):
    expected = matrix(
        [],
        ["NS-0001", "NS-0002"],
        ["NS-0001"],
        [],
        ["NS-0001"],
        ["NS-0002"],
        401,
        ["NS-0001", "NS-0002", "WM-0001"],
    )
    seen = {}
    for caller in CALLERS:
        response = client_for(world["callers"][caller]).get(url("child-list"))
        assert response.status_code < 500
        if response.status_code == 200:
            seen[caller] = [child["case_reference"] for child in response.json()["results"]]
        else:
            assert_error_shape(response)
            seen[caller] = response.status_code
    assert seen == expected


def test_unknown_ids_are_404_like_invisible_ones(world):
    client = client_for(world["officer"])
    for path in (
        url("child-detail", 999_999),
        url("child-assessments", 999_999),
        url("assessment-pdf", 999_999),
        url("child-detail", 10**30),
        url("assessment-pdf", 10**30),
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert fields_of(response) == [""]


def test_token_authentication(world, api_client):
    token = Token.objects.create(user=world["officer"])
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = api_client.get(url("child-list"))
    assert response.status_code == 200
    assert response.json()["count"] == 2

    api_client.credentials(HTTP_AUTHORIZATION="Token not-a-real-key")
    response = api_client.get(url("child-list"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == {"errors": [{"field": "", "message": "Invalid token."}]}


# Reading -------------------------------------------------------------------------


def test_child_detail_shape(world, api_client):
    child = world["children"]["own"]
    version = world["assessments"]["own"].current
    api_client.force_authenticate(world["officer"])
    body = api_client.get(url("child-detail", child.pk)).json()
    assert body == {
        "id": child.pk,
        "council": "northshire",
        "case_reference": "NS-0001",
        "given_name": "Amara",
        "birth_month": 3,
        "birth_year": 2017,
        "year_group": "year_4",
        "setting": {"id": child.setting_id, "name": child.setting.name},
        "locality": {
            "id": child.locality_id,
            "slug": child.locality.slug,
            "name": child.locality.name,
        },
        "latest_assessment": {
            "id": version.assessment_id,
            "taken_at": body["latest_assessment"]["taken_at"],
            "band": "C",
            "complete": True,
            "primary_area": "SEMH",
        },
    }
    assert version.profile["band"] == "C" and version.profile["primary_area"] == "SEMH"
    assert (
        body["latest_assessment"]["taken_at"]
        == api_client.get(url("child-assessments", child.pk)).json()[0]["taken_at"]
    )


def test_an_incomplete_latest_assessment_has_null_band_and_area(world, api_client):
    sibling = world["sibling"]
    sibling.practitioners.add(world["assigned"])
    record_assessment(sibling, world["assigned"], need={"CI.receptive": 0})
    api_client.force_authenticate(world["assigned"])
    latest = api_client.get(url("child-detail", sibling.pk)).json()["latest_assessment"]
    assert (latest["band"], latest["complete"], latest["primary_area"]) == (None, False, None)


def test_latest_assessment_is_the_newest(world, api_client, make_child, northshire):
    from datetime import timedelta

    child = world["children"]["own"]
    first = world["assessments"]["own"]
    complete = {**NEED, "SP.health": 4}
    newer = record_assessment(
        child, world["assigned"], need=complete, taken_at=first.taken_at + timedelta(days=30)
    )
    earlier = first.taken_at - timedelta(days=30)
    record_assessment(child, world["assigned"], need={}, taken_at=earlier)
    make_child(northshire, "NS-0003", "Dara")
    api_client.force_authenticate(world["officer"])
    results = api_client.get(url("child-list")).json()["results"]
    listed = {child["case_reference"]: child["latest_assessment"] for child in results}
    assert listed["NS-0003"] is None
    assert listed["NS-0001"]["id"] == newer.assessment_id
    assert listed["NS-0001"]["band"] == score(complete).band == "D"
    assert listed["NS-0001"]["complete"] is True


def test_children_are_paginated_by_50(world, api_client, northshire):
    setting = northshire.settings.first()
    Child.objects.bulk_create(
        Child(
            council=northshire,
            setting=setting,
            locality=setting.locality,
            case_reference=f"NS-1{n:03d}",
            given_name="Child",
            birth_month=1,
            birth_year=2015,
            year_group="year_6",
        )
        for n in range(50)
    )
    api_client.force_authenticate(world["officer"])
    first = api_client.get(url("child-list")).json()
    assert first["count"] == 52
    assert len(first["results"]) == 50
    assert first["previous"] is None
    second = api_client.get(first["next"]).json()
    assert len(second["results"]) == 2
    assert AccessEvent.objects.filter(action=Action.API_CHILD).count() == 52
    response = api_client.get(url("child-list"), {"page": 3})
    assert response.status_code == 404
    assert fields_of(response) == [""]


def test_assessments_newest_first_with_their_newest_version(world, api_client):
    from datetime import timedelta

    child = world["children"]["own"]
    first = world["assessments"]["own"]
    later = record_assessment(
        child,
        world["assigned"],
        need={"CI.receptive": 2},
        strengths="Loves drawing.",
        taken_at=first.taken_at + timedelta(days=90),
    )
    family = add_family_contribution(
        first, world["parent"], family_confidence={"CI": 4}, family_views="She is happier."
    )
    api_client.force_authenticate(world["parent"])
    response = api_client.get(url("child-assessments", child.pk))
    assert response.status_code == 200
    newest, oldest = response.json()
    assert newest["id"] == later.assessment_id
    assert newest["version"] == 1
    assert newest["source"] == "practitioner"
    assert newest["need"] == {"CI.receptive": 2}
    assert newest["strengths"] == "Loves drawing."
    assert newest["profile"] == later.profile
    assert newest["author"] == "ns-practitioner-assigned"
    assert newest["form"] is None and newest["form_version"] is None
    assert newest["pdf_url"] == f"http://testserver{url('assessment-pdf', later.assessment_id)}"
    assert oldest["id"] == first.pk
    assert oldest["version"] == 2
    assert oldest["source"] == "family"
    assert oldest["family_views"] == "She is happier."
    assert oldest["family_confidence"]["CI"] == 4
    assert oldest["profile"] == family.profile
    assert set(oldest) == {
        "id", "taken_at", "version", "source", "author", "form", "form_version", "need",
        "provision", "family_confidence", "strengths", "aspirations", "views", "family_views",
        "family_aspirations", "scheme", "profile", "pdf_url",
    }  # fmt: skip


def test_reads_are_written_to_the_access_log(world):
    child = world["children"]["own"]
    sibling = world["sibling"]
    assessment = world["assessments"]["own"]
    client = client_for(world["officer"])

    client.get(url("child-detail", child.pk))
    event = AccessEvent.objects.get()
    assert (event.action, event.child, event.assessment, event.user) == (
        Action.API_CHILD,
        child,
        None,
        world["officer"],
    )
    assert event.username == "northshire-officer"
    assert event.council == child.council
    assert event.path == url("child-detail", child.pk)

    AccessEvent.objects.all().delete()
    client.get(url("child-list"))
    assert sorted(AccessEvent.objects.values_list("action", "child")) == sorted(
        [(Action.API_CHILD, child.pk), (Action.API_CHILD, sibling.pk)]
    )

    AccessEvent.objects.all().delete()
    client.get(url("child-assessments", child.pk))
    client.get(url("child-assessments", sibling.pk))  # none yet: still a read of the record
    assert sorted(AccessEvent.objects.values_list("action", "child", "assessment")) == sorted(
        [
            (Action.API_ASSESSMENT, child.pk, assessment.pk),
            (Action.API_ASSESSMENT, sibling.pk, None),
        ]
    )


def test_refused_reads_are_not_logged(world):
    client = client_for(world["callers"]["editor"])
    for path in (
        url("child-detail", world["children"]["own"].pk),
        url("child-assessments", world["children"]["own"].pk),
        url("assessment-pdf", world["assessments"]["own"].pk),
    ):
        assert client.get(path).status_code == 404
    assert client.get(url("child-list")).json()["results"] == []
    assert not AccessEvent.objects.exists()


# Recording -----------------------------------------------------------------------


def test_recording_stores_the_ratings_and_answers_with_the_profile(world, api_client):
    child = world["children"]["own"]
    api_client.force_authenticate(world["assigned"])
    body = {
        "child": child.pk,
        **RATINGS,
        "strengths": "Kind and funny.",
        "aspirations": "To be a vet.",
        "views": "I like school when it is quiet.",
    }
    response = api_client.post(url("assessment-list"), body, format="json")
    assert response.status_code == 201
    stored = response.json()
    version = AssessmentVersion.objects.get(assessment_id=stored["id"])

    expected = score(NEED, PROVISION, CONFIDENCE)
    assert stored["profile"] == expected.as_dict()
    assert stored["profile"]["band"] == expected.band
    assert version.band == (expected.band or "")
    assert version.need == {code: level for code, level in NEED.items() if level is not None}
    assert version.provision == {"CI": 2, "CL": 2, "SEMH": 1, "SP": 1}
    assert version.family_confidence == CONFIDENCE
    assert (version.author, version.source, version.number, version.form) == (
        world["assigned"],
        "practitioner",
        1,
        None,
    )
    assert version.assessment.child == child
    assert stored["strengths"] == version.strengths == "Kind and funny."
    assert stored["aspirations"] == "To be a vet."
    assert stored["views"] == "I like school when it is quiet."
    assert stored["version"] == 1
    assert stored["pdf_url"].endswith(url("assessment-pdf", stored["id"]))
    # Tasks run in process here, as in the demo: the PDF waits for its first download.
    assert not PendingTask.objects.filter(arguments=[version.pk]).exists()


def test_recording_with_a_complete_mapping_gets_its_band(world, api_client):
    api_client.force_authenticate(world["assigned"])
    need = {**NEED, "SP.health": 2}
    body = {"child": world["children"]["own"].pk, "need": need}
    response = api_client.post(url("assessment-list"), body, format="json")
    assert response.status_code == 201
    assert response.json()["profile"]["band"] == score(need).band is not None


TOO_LONG = "x" * 4001


@pytest.mark.parametrize(
    "change, fields",
    [
        pytest.param({"child": "CHILD"}, ["child"], id="child as text"),
        pytest.param({"child": 1.0}, ["child"], id="child a float"),
        pytest.param({"child": True}, ["child"], id="child true"),
        pytest.param({"child": None}, ["child"], id="child null"),
        pytest.param({"child": 999_999}, ["child"], id="no such child"),
        pytest.param({"child": 10**30}, ["child"], id="child id out of range"),
        pytest.param({"strengths": TOO_LONG}, ["strengths"], id="strengths too long"),
        pytest.param({"aspirations": TOO_LONG}, ["aspirations"], id="aspirations too long"),
        pytest.param({"views": TOO_LONG}, ["views"], id="views too long"),
        pytest.param({"strengths": 5}, ["strengths"], id="strengths a number"),
        pytest.param({"views": None}, ["views"], id="views null"),
        pytest.param({"aspirations": ["a"]}, ["aspirations"], id="aspirations a list"),
        pytest.param({"need": {**NEED, "CI.receptive": 5}}, ["need.CI.receptive"], id="level 5"),
        pytest.param({"need": {"CI.receptive": "2"}}, ["need.CI.receptive"], id="level text"),
        pytest.param({"need": None}, ["need"], id="need null"),
        pytest.param({"provision": {"XX": 1}}, ["provision.XX"], id="unknown area"),
        pytest.param({"family_views": "From the API"}, ["family_views"], id="unknown field"),
        pytest.param(
            {"child": "CHILD", "views": TOO_LONG, "need": {"CI.receptive": 2.0}, "extra": 1},
            ["child", "extra", "need.CI.receptive", "views"],
            id="everything at once",
        ),
    ],
)
def test_recording_refuses_bad_input_and_stores_nothing(world, api_client, change, fields):
    api_client.force_authenticate(world["assigned"])
    body = {"child": world["children"]["own"].pk, **RATINGS, "strengths": "Kind.", **change}
    before = stored_counts()
    response = api_client.post(url("assessment-list"), body, format="json")
    assert response.status_code == 400
    assert fields_of(response) == fields
    assert stored_counts() == before


def test_recording_reports_scoring_errors_as_the_scoring_module_does(world, api_client):
    api_client.force_authenticate(world["assigned"])
    ratings = {
        "need": {"CI.receptive": 5, "XX.y": 1},
        "provision": [],
        "family_confidence": {"CI": True},
    }
    response = api_client.post(
        url("assessment-list"), {"child": world["children"]["own"].pk, **ratings}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"errors": scoring_errors(**ratings)}


def test_recording_messages(world, api_client):
    api_client.force_authenticate(world["assigned"])
    body = {"child": "1", "need": {}, "strengths": TOO_LONG}
    response = api_client.post(url("assessment-list"), body, format="json")
    assert response.json()["errors"] == [
        {"field": "child", "message": "Give the child's id, a whole number."},
        {"field": "strengths", "message": "Ensure this field has no more than 4000 characters."},
    ]


@pytest.mark.parametrize(
    "raw, content_type, field, status",
    [
        ("[]", "application/json", "body", 400),
        ('{"child": ', "application/json", "body", 400),
        ("child=1", "application/x-www-form-urlencoded", "body", 415),
    ],
)
def test_recording_refuses_bodies_that_are_not_json_objects(
    world, api_client, raw, content_type, field, status
):
    api_client.force_authenticate(world["assigned"])
    before = stored_counts()
    response = api_client.post(url("assessment-list"), raw, content_type=content_type)
    assert response.status_code == status
    assert fields_of(response) == [field]
    assert stored_counts() == before


def test_not_assigned_is_refused_before_the_ratings_are_looked_at(world, api_client):
    api_client.force_authenticate(world["officer"])
    before = stored_counts()
    body = {"child": world["children"]["own"].pk, "need": {"CI.receptive": 9}}
    response = api_client.post(url("assessment-list"), body, format="json")
    assert response.status_code == 403
    assert response.json() == {"errors": [{"field": "child", "message": api.NOT_ASSIGNED}]}
    assert stored_counts() == before


def test_a_practitioner_no_longer_assigned_cannot_record(world, api_client):
    child = world["children"]["own"]
    child.practitioners.remove(world["assigned"])
    api_client.force_authenticate(world["assigned"])
    body = {"child": child.pk, **RATINGS}
    response = api_client.post(url("assessment-list"), body, format="json")
    assert response.status_code == 400
    assert response.json() == {"errors": [{"field": "child", "message": "No such child."}]}


# PDF summaries -------------------------------------------------------------------


def test_pdf_is_202_until_made_then_served_and_logged(world, django_capture_on_commit_callbacks):
    assessment = world["assessments"]["own"]
    client = client_for(world["parent"])

    response = client.get(url("assessment-pdf", assessment.pk))
    assert response.status_code == 202
    assert response["Retry-After"] == "5"
    assert response.json() == {"status": "being made"}
    assert not AccessEvent.objects.exists()

    make_pdf_summary(assessment.current.pk)
    response = client.get(url("assessment-pdf", assessment.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    event = AccessEvent.objects.get()
    assert (event.action, event.child, event.assessment, event.user) == (
        Action.DOWNLOAD_PDF,
        assessment.child,
        assessment,
        world["parent"],
    )


def test_pdf_answers_clients_that_accept_only_pdf(world):
    assessment = world["assessments"]["own"]
    client = client_for(world["officer"])
    response = client.get(url("assessment-pdf", assessment.pk), HTTP_ACCEPT="application/pdf")
    assert response.status_code == 202
    assert response.json() == {"status": "being made"}
    make_pdf_summary(assessment.current.pk)
    response = client.get(url("assessment-pdf", assessment.pk), HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    other_council = url("assessment-pdf", world["assessments"]["other"].pk)
    other = client.get(other_council, HTTP_ACCEPT="application/pdf")
    assert other.status_code == 404
    assert fields_of(other) == [""]


def test_pdf_of_a_new_version_is_made_afresh_on_its_first_download(
    world, django_capture_on_commit_callbacks
):
    assessment = world["assessments"]["own"]
    make_pdf_summary(assessment.current.pk)
    with django_capture_on_commit_callbacks(execute=True):
        version = add_family_contribution(assessment, world["parent"], family_confidence={"CI": 4})
    assert not PdfSummary.objects.filter(version=version).exists()
    client = client_for(world["officer"])
    # In a test's transaction the download's own commit comes at the end of the block.
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(url("assessment-pdf", assessment.pk)).status_code == 202
    assert client.get(url("assessment-pdf", assessment.pk)).status_code == 200
    assert PdfSummary.objects.get(version=version).ready


def test_pdf_recorded_through_the_api_is_made_on_its_first_download(
    world, django_capture_on_commit_callbacks
):
    client = client_for(world["assigned"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("assessment-list"), {"child": world["children"]["own"].pk, **RATINGS}, format="json"
        )
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(response.json()["pdf_url"]).status_code == 202
    pdf = client.get(response.json()["pdf_url"])
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_pdf_never_asked_for_is_asked_for_on_first_request(
    world, django_capture_on_commit_callbacks
):
    assessment = world["assessments"]["own"]
    PendingTask.objects.all().delete()  # as if loaded in bulk, with no task queued
    client = client_for(world["officer"])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert client.get(url("assessment-pdf", assessment.pk)).status_code == 202
    assert len(callbacks) == 1
    assert client.get(url("assessment-pdf", assessment.pk)).status_code == 200


# The error shape -----------------------------------------------------------------


def test_nested_validation_errors_are_flattened_with_dotted_fields():
    error = exceptions.ValidationError(
        {
            "non_field_errors": ["The body is wrong."],
            "items": [{}, {"child": ["No such child."]}],
            "need": {"non_field_errors": ["Not an object."], "CI": ["Bad.", "Worse."]},
        }
    )
    assert errors_from(error) == [
        {"field": "body", "message": "The body is wrong."},
        {"field": "items.1.child", "message": "No such child."},
        {"field": "need", "message": "Not an object."},
        {"field": "need.CI", "message": "Bad."},
        {"field": "need.CI", "message": "Worse."},
    ]


@pytest.mark.parametrize(
    "exc, status, field",
    [
        (exceptions.ValidationError("Top-level."), 400, "body"),
        (exceptions.ParseError(), 400, "body"),
        (exceptions.UnsupportedMediaType("text/csv"), 415, "body"),
        (exceptions.NotAuthenticated(), 401, ""),
        (exceptions.AuthenticationFailed(), 401, ""),
        (exceptions.PermissionDenied(), 403, ""),
        (exceptions.NotFound(), 404, ""),
        (exceptions.MethodNotAllowed("PUT"), 405, ""),
        (exceptions.NotAcceptable(), 406, ""),
        (exceptions.Throttled(wait=30), 429, ""),
    ],
)
def test_every_drf_error_has_the_one_shape(exc, status, field):
    response = exception_handler(exc, {})
    assert response.status_code == status
    [error] = response.data["errors"]
    assert error["field"] == field
    assert error["message"] == str(exc.detail if isinstance(exc.detail, str) else exc.detail[0])
    if status == 429:
        assert response["Retry-After"] == "30"


def test_django_404_and_403_have_the_shape_too():
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    assert exception_handler(Http404(), {}).status_code == 404
    assert exception_handler(PermissionDenied(), {}).data == {
        "errors": [{"field": "", "message": "You do not have permission to perform this action."}]
    }


def test_other_exceptions_are_left_to_django():
    assert exception_handler(ValueError("a bug"), {}) is None


# The schema ----------------------------------------------------------------------


def test_schema_validates_without_warnings_and_documents_every_endpoint(tmp_path):
    import yaml

    path = tmp_path / "schema.yaml"
    call_command(
        "spectacular",
        custom_settings="vsend_plugin.api.schema.SCHEMA_SETTINGS",
        validate=True,
        fail_on_warn=True,
        file=str(path),
    )
    schema = yaml.safe_load(path.read_text())
    paths = schema["paths"]
    assert {
        ("/api/vsend/v1/score/", "post"),
        ("/api/vsend/v1/children/", "get"),
        ("/api/vsend/v1/children/{id}/", "get"),
        ("/api/vsend/v1/children/{id}/assessments/", "get"),
        ("/api/vsend/v1/assessments/", "post"),
        ("/api/vsend/v1/assessments/{id}/pdf/", "get"),
    } <= {(p, method) for p, operations in paths.items() for method in operations}
    score_op = paths["/api/vsend/v1/score/"]["post"]
    assert score_op["requestBody"]["content"]["application/json"]["examples"]
    assert score_op["responses"]["200"]["content"]["application/json"]["examples"]
    error_examples = score_op["responses"]["400"]["content"]["application/json"]["examples"]
    [error_example] = error_examples.values()
    assert error_example["value"]["errors"][0].keys() == {"field", "message"}
    pdf_op = paths["/api/vsend/v1/assessments/{id}/pdf/"]["get"]
    assert "application/pdf" in pdf_op["responses"]["200"]["content"]
    assert "Retry-After" in pdf_op["responses"]["202"]["headers"]


def test_schema_examples_are_what_the_api_answers(world, api_client):
    api_client.force_authenticate(world["officer"])
    examples = {example.name: example.value for example in api.SCORE_EXAMPLES}
    good = api_client.post(url("score"), examples["A needs mapping"], format="json")
    assert good.json() == examples["Its profile"]
    bad = api_client.post(url("score"), examples["Ratings that cannot be scored"], format="json")
    assert bad.json() == examples["Every problem sorted by field"]


def test_browsable_api_renders_for_a_signed_in_caller(world):
    response = client_for(world["officer"]).get(url("child-list"), HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
