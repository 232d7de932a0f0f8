"""FHIR R4: the form as a Questionnaire and an assessment as a Bundle, valid and true to the scheme.

Both are validated with the ``fhir.resources`` R4B models, which check the
structure only; the codes are checked here against the scheme: every
indicator once, levels 0 to 4 with their ordinal values, answers equal to
the stored ratings, an Observation per area with the stored profile's level.
"""

import pytest
from django.core.cache import cache
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.questionnaire import Questionnaire
from guardian.shortcuts import assign_perm
from rest_framework.test import APIClient

from tests.conftest import create_child, create_council, create_member
from tests.once import copy_for_a_test, made_once_a_module
from vsend_plugin.assessments.models import AccessEvent
from vsend_plugin.assessments.recording import add_family_contribution, record_assessment
from vsend_plugin.core.models import Role
from vsend_plugin.needs_forms.importing import import_form
from vsend_plugin.needs_forms.library import read_library_file
from vsend_plugin.records.fhir import ORDINAL_VALUE
from vsend_plugin.scoring import AREAS, INDICATORS

BASE = "/api/vsend/v1"


@made_once_a_module
def scene():
    from django.contrib.auth import get_user_model

    northshire = create_council("northshire", "E06000047")
    westmoor = create_council("westmoor", "E06000048")
    council_form, _ = import_form(read_library_file("core-needs-mapping"), northshire)
    practitioner = create_member(northshire, Role.PRACTITIONER)
    child = create_child(northshire, "NS-0042", "Robin")
    child.practitioners.add(practitioner)
    need = {code: index % 5 for index, code in enumerate(INDICATORS)}
    need["SP.hearing"] = None
    first = record_assessment(
        child,
        practitioner,
        need=need,
        provision={"CI": 1},
        council_form=council_form,
        queue_tasks=False,
    )
    parent = get_user_model().objects.create_user("robins-parent", password="x")
    assign_perm("vsend_assessments.view_child", parent, child)
    return {
        "form": council_form,
        "version": first,
        "child": child,
        "practitioner": practitioner,
        "parent": parent,
        "westmoor_practitioner": create_member(westmoor, Role.PRACTITIONER),
    }


@pytest.fixture
def world(scene, db):
    cache.clear()
    return copy_for_a_test(scene)


def get(user, path):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client.get(f"{BASE}/{path}")


def test_the_form_is_a_valid_questionnaire_with_every_indicator_and_level(world):
    response = get(world["practitioner"], f"forms/{world['form'].form.slug}/fhir/")
    assert response.status_code == 200
    body = response.json()
    Questionnaire.model_validate(body)
    assert body["version"] == str(world["form"].version) and body["status"] == "active"
    assert body["url"].endswith(f"/api/vsend/v1/forms/{world['form'].form.slug}/fhir/")
    assert [group["linkId"] for group in body["item"]] == [area.code for area in AREAS]
    questions = [item for group in body["item"] for item in group["item"]]
    assert sorted(q["linkId"] for q in questions) == sorted(INDICATORS)
    for question in questions:
        assert question["type"] == "choice"
        assert INDICATORS[question["linkId"]].area == next(
            g["linkId"] for g in body["item"] if question in g["item"]
        )
        options = question["answerOption"]
        assert [o["valueCoding"]["code"] for o in options] == ["0", "1", "2", "3", "4"]
        for level, option in enumerate(options):
            [ordinal] = [e for e in option["extension"] if e["url"] == ORDINAL_VALUE]
            assert ordinal["valueDecimal"] == level
    receptive = next(q for q in questions if q["linkId"] == "CI.receptive")
    assert receptive["text"] == "Understanding what others say"  # the council's wording


def test_an_assessment_is_a_valid_bundle_true_to_the_stored_ratings_and_profile(world):
    version = world["version"]
    response = get(world["practitioner"], f"assessments/{version.assessment_id}/fhir/")
    assert response.status_code == 200
    body = response.json()
    Bundle.model_validate(body)
    assert body["type"] == "collection"
    resources = [entry["resource"] for entry in body["entry"]]
    [answer] = [r for r in resources if r["resourceType"] == "QuestionnaireResponse"]
    assert answer["status"] == "completed"
    assert answer["questionnaire"].endswith(f"/fhir/|{version.form_version}")
    assert answer["subject"] == {"display": "Child NS-0042"}
    given = {
        item["linkId"]: int(item["answer"][0]["valueCoding"]["code"])
        for group in answer["item"]
        for item in group["item"]
    }
    assert given == {code: level for code, level in version.need.items() if level is not None}
    assert "SP.hearing" not in given
    observations = {
        r["code"]["coding"][0]["code"]: r for r in resources if r["resourceType"] == "Observation"
    }
    assert list(observations) == [area.code for area in AREAS]
    for code, observation in observations.items():
        assert observation["valueInteger"] == version.profile["areas"][code]["level"]
    provision = [
        c["valueQuantity"]["value"]
        for c in observations["CI"]["component"]
        if c["code"]["coding"][0]["code"] == "provision"
    ]
    assert provision == [1.0]
    assert AccessEvent.objects.filter(action="api_fhir", child=world["child"]).count() == 1


def test_a_later_version_is_amended(world):
    version = world["version"]
    # The family's view makes version 2 of the same assessment.
    add_family_contribution(
        version.assessment, world["parent"], family_confidence={"CI": 3}, family_views="We agree."
    )
    path = f"assessments/{version.assessment_id}/fhir/"
    newest = get(world["practitioner"], path).json()["entry"][0]["resource"]
    assert newest["status"] == "amended"
    first = get(world["practitioner"], path + "?version=1").json()["entry"][0]["resource"]
    assert first["status"] == "completed"
    assert get(world["practitioner"], path + "?version=x").status_code == 400
    assert get(world["practitioner"], path + "?version=9").status_code == 404


def test_who_may_read(world):
    version = world["version"]
    bundle = f"assessments/{version.assessment_id}/fhir/"
    form = f"forms/{world['form'].form.slug}/fhir/"
    assert get(world["parent"], bundle).status_code == 200  # the family may see the child
    assert get(world["westmoor_practitioner"], bundle).status_code == 404
    assert get(world["westmoor_practitioner"], form).status_code == 404
    assert get(world["parent"], form).status_code == 404
    assert get(None, bundle).status_code == 401
    assert get(world["practitioner"], "forms/no-such-form/fhir/").status_code == 404
