"""``GET children/{id}/record/``: the whole record, valid against its shipped JSON Schema.

A child with two assessments (one with a family version), a support plan, a
second rating and access log entries is exported; the document must hold
each, re-score to its stored profiles, and validate against the schema.
"""

import json
from importlib.resources import files

import pytest
from django.core.cache import cache
from jsonschema import Draft202012Validator
from rest_framework.test import APIClient

from tests.conftest import create_child, create_council, create_member
from tests.once import copy_for_a_test, made_once_a_module
from vsend_plugin.assessments.models import AccessEvent
from vsend_plugin.assessments.recording import record_assessment
from vsend_plugin.core.models import Role
from vsend_plugin.moderation.ratings import record_second_rating
from vsend_plugin.moderation.rounds import open_round
from vsend_plugin.planning.plans import save_plan
from vsend_plugin.planning.scheme import empty_trajectory
from vsend_plugin.scoring import INDICATORS, score

SCHEMA = json.loads(
    (files("vsend_plugin.records") / "schema" / "vsend-record-1.schema.json").read_text()
)


@made_once_a_module
def recorded():
    northshire = create_council("northshire", "E06000047")
    westmoor = create_council("westmoor", "E06000048")
    practitioner = create_member(northshire, Role.PRACTITIONER, "ns-practitioner")
    create_member(northshire, Role.PRACTITIONER, "ns-psychologist")
    child = create_child(northshire, "NS-0007", "Robin")
    child.practitioners.add(practitioner)
    first = record_assessment(
        child, practitioner, need=dict.fromkeys(INDICATORS, 1), strengths="Loves maps."
    )
    record_assessment(child, practitioner, need=dict.fromkeys(INDICATORS, 2), provision={"CI": 1})
    save_plan(
        child,
        {
            "support": [],
            "outcomes": [{"area": "CI", "text": "Asks for help", "horizon": "next_review"}],
            "trajectory": empty_trajectory(),
        },
        author=practitioner,
    )
    moderation_round = open_round(northshire, [first.assessment_id], ["ns-psychologist"])
    record_second_rating(moderation_round.second_ratings.get(), dict.fromkeys(INDICATORS, 2))
    return {
        "child": child,
        "practitioner": practitioner,
        "officer": create_member(northshire, Role.OFFICER, "ns-officer"),
        "westmoor_officer": create_member(westmoor, Role.OFFICER, "wm-officer"),
    }


@pytest.fixture
def world(recorded, db):
    cache.clear()
    return copy_for_a_test(recorded)


def get(user, child):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client.get(f"/api/vsend/v1/children/{child.pk}/record/")


def test_an_officer_exports_the_whole_record_valid_against_its_schema(world):
    response = get(world["officer"], world["child"])
    assert response.status_code == 200
    record = response.json()
    assert list(Draft202012Validator(SCHEMA).iter_errors(record)) == []
    assert record["format"] == "vsend-record/1"
    assert record["council"]["slug"] == "northshire"
    assert record["child"]["case_reference"] == "NS-0007"
    assert record["child"]["practitioners"] == ["ns-practitioner"]
    assert [len(a["versions"]) for a in record["assessments"]] == [1, 1]
    assert record["assessments"][0]["versions"][0]["strengths"] == "Loves maps."
    for assessment in record["assessments"]:
        for version in assessment["versions"]:
            rescored = score(version["need"], version["provision"], version["family_confidence"])
            assert rescored.as_dict() == version["profile"]
    assert [o["text"] for o in record["plan"]["outcomes"]] == ["Asks for help"]
    assert record["moderation"][0]["rater"] == "ns-psychologist"
    assert record["moderation"][0]["need"] == dict.fromkeys(INDICATORS, 2)
    logged = AccessEvent.objects.filter(child=world["child"], action="api_record")
    assert logged.count() == 1 and logged.get().username == "ns-officer"


def test_the_record_holds_the_access_log_about_the_child(world):
    get(world["officer"], world["child"])
    record = get(world["officer"], world["child"]).json()
    assert [entry["action"] for entry in record["access_log"]][-1] == "api_record"


@pytest.mark.parametrize("who,status", [("practitioner", 403), ("westmoor_officer", 404)])
def test_only_the_councils_officers_export(world, who, status):
    assert get(world[who], world["child"]).status_code == status
    assert not AccessEvent.objects.filter(action="api_record").exists()


def test_signed_out_is_401(world):
    assert get(None, world["child"]).status_code == 401
