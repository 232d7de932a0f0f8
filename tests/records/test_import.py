"""``POST children/import/``: a record exported here is taken back whole; a bad one, never in part.

The record of a Northshire child with two assessments (one with the family's
version) and a plan is exported and imported into Westmoor: the profiles are
the same bytes, the plan's outcomes are there. Then bad records, each a 400
naming the place, a taken case reference a 409, and nothing stored by any.
"""

import copy
import json

import pytest
from guardian.shortcuts import assign_perm
from rest_framework.test import APIClient

from tests.conftest import create_child, create_council, create_member
from tests.once import copy_for_a_test, made_once_a_module
from vsend_plugin.assessments.models import AccessEvent, Assessment, Child
from vsend_plugin.assessments.recording import add_family_contribution, record_assessment
from vsend_plugin.core.models import Role
from vsend_plugin.planning.plans import save_plan
from vsend_plugin.planning.scheme import empty_trajectory
from vsend_plugin.records.document import record_of
from vsend_plugin.records.models import ImportedRecord
from vsend_plugin.scoring import INDICATORS

pytestmark = pytest.mark.django_db
IMPORT = "/api/vsend/v1/children/import/"


@made_once_a_module
def scene():
    from django.contrib.auth import get_user_model

    northshire = create_council("northshire", "E06000047")
    westmoor = create_council("westmoor", "E06000048")
    practitioner = create_member(northshire, Role.PRACTITIONER)
    parent = get_user_model().objects.create_user("rowans-parent", password="x")
    child = create_child(northshire, "NS-0077", "Rowan")
    assign_perm("vsend_assessments.view_child", parent, child)
    first = record_assessment(
        child,
        practitioner,
        need={code: i % 5 for i, code in enumerate(INDICATORS)},
        provision={"CI": 2},
        queue_tasks=False,
    )
    add_family_contribution(first.assessment, parent, family_confidence={"CI": 3})
    record_assessment(child, practitioner, need=dict.fromkeys(INDICATORS, 1), queue_tasks=False)
    save_plan(
        child,
        {
            "support": [
                {
                    "support_type": "group",
                    "area": "CI",
                    "name": "Talk Boost",
                    "starts": "2026-09-01",
                }
            ],
            "outcomes": [
                {"area": "CI", "text": "Asks for help in class", "horizon": "next_review"}
            ],
            "trajectory": empty_trajectory(),
        },
        author=practitioner,
    )
    wm_setting = westmoor.settings.order_by("pk").first()
    return {
        "record": json.loads(json.dumps(record_of(child))),
        "child": child,
        "westmoor": westmoor,
        "setting": wm_setting,
        "officer": create_member(westmoor, Role.OFFICER),
        "ns_officer": create_member(northshire, Role.OFFICER),
        "wm_practitioner": create_member(westmoor, Role.PRACTITIONER),
        "parent": parent,
    }


@pytest.fixture
def world(scene):
    return copy_for_a_test(scene)


def post(user, document, query=None, raw=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    query = query or ""
    body = raw if raw is not None else json.dumps(document)
    return client.post(f"{IMPORT}?{query}", body, content_type="application/json")


def placed(world, extra=""):
    return f"setting={world['setting'].pk}&locality=centre{extra}"


def test_an_exported_record_imports_whole_with_the_same_profiles(world):
    record = world["record"]
    response = post(world["officer"], record, placed(world))
    assert response.status_code == 201, response.content
    child = Child.objects.get(pk=response.json()["id"])
    assert child.council == world["westmoor"] and child.case_reference == "NS-0077"
    imported = [
        json.dumps(v.profile, sort_keys=True)
        for a in Assessment.objects.filter(child=child).order_by("taken_at", "pk")
        for v in a.versions.order_by("number")
    ]
    given = [
        json.dumps(v["profile"], sort_keys=True)
        for a in record["assessments"]
        for v in a["versions"]
    ]
    assert imported == given and len(given) == 3
    assert [o.text for o in child.support_plan.outcomes.all()] == ["Asks for help in class"]
    assert ImportedRecord.objects.get(child=child).document == record
    assert AccessEvent.objects.filter(child=child, action="imported").count() == 1
    # exported again here, the record says the same of the assessments
    again = record_of(child)
    assert [
        [(v["need"], v["provision"], v["family_confidence"], v["profile"]) for v in a["versions"]]
        for a in again["assessments"]
    ] == [
        [(v["need"], v["provision"], v["family_confidence"], v["profile"]) for v in a["versions"]]
        for a in record["assessments"]
    ]
    # the same record again is a 409: import never merges
    conflict = post(world["officer"], record, placed(world))
    assert conflict.status_code == 409 and "NS-0077" in conflict.content.decode()
    renamed = post(world["officer"], record, placed(world, "&case_reference=WM-0077"))
    assert renamed.status_code == 201


def broken(record, change):
    record = copy.deepcopy(record)
    change(record)
    return record


def _set(path, value):
    def change(record):
        target = record
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


BAD = {
    "wrong format": (_set(["format"], "vsend-record/2"), "format"),
    "unknown scheme": (
        _set(["assessments", 0, "versions", 0, "scheme"], "other/9"),
        "assessments.0.versions.0.scheme",
    ),
    "a profile its ratings do not give": (
        _set(["assessments", 1, "versions", 0, "need", "CI.receptive"], 4),
        "assessments.1.versions.0.profile",
    ),
    "a malformed date": (
        _set(["assessments", 0, "taken_at"], "14/09/2026"),
        "assessments.0.taken_at",
    ),
    "a level out of range": (
        _set(["assessments", 0, "versions", 1, "need", "CI.receptive"], 7),
        "assessments.0.versions.1.need.CI.receptive",
    ),
    "an unknown key": (_set(["child", "nhs_number"], "999"), "child.nhs_number"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_record_is_a_400_naming_the_place_and_stores_nothing(world, case):
    change, place = BAD[case]
    before = Child.objects.count(), Assessment.objects.count()
    response = post(world["officer"], broken(world["record"], change), placed(world))
    assert response.status_code == 400, response.content
    fields = [error["field"] for error in response.json()["errors"]]
    assert place in fields, fields
    assert (Child.objects.count(), Assessment.objects.count()) == before


def test_placement_and_council_errors_name_them(world):
    before = Child.objects.count()
    another = post(world["officer"], world["record"], "council=northshire")
    assert another.status_code == 400
    assert [e["field"] for e in another.json()["errors"]] == ["council"]
    unplaced = post(world["officer"], world["record"], "locality=nowhere")
    assert {e["field"] for e in unplaced.json()["errors"]} == {"setting", "locality"}
    foreign = world["child"].setting.pk  # Northshire's
    assert (
        post(world["officer"], world["record"], f"setting={foreign}&locality=centre").status_code
        == 400
    )
    assert Child.objects.count() == before


def test_an_oversized_or_malformed_body_is_refused(world, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    big = broken(world["record"], _set(["child", "given_name"], "x" * 20_000))
    response = post(world["officer"], big, placed(world))
    assert 400 <= response.status_code < 500
    assert post(world["officer"], None, placed(world), raw="{not json").status_code == 400
    assert post(world["officer"], None, placed(world), raw="[1, 2]").status_code == 400


def test_only_officers_import(world):
    assert post(None, world["record"]).status_code == 401
    for user in (world["wm_practitioner"], world["parent"]):
        assert post(user, world["record"], placed(world)).status_code == 403, user


def test_the_admin_upload_imports_or_lists_every_problem(world, client):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    def upload(document, name="record.json"):
        raw = document if isinstance(document, bytes) else json.dumps(document).encode()
        return client.post(
            reverse("vsend_record_import"),
            {
                "record": SimpleUploadedFile(name, raw, content_type="application/json"),
                "setting": world["setting"].pk,
                "locality": world["westmoor"].localities.get(slug="centre").pk,
            },
        )

    client.force_login(world["officer"])
    transfers = client.get(reverse("vsend_transfers")).content.decode()
    assert reverse("vsend_record_import") in transfers  # where an officer finds it
    before = Child.objects.count()
    bad = broken(world["record"], BAD["unknown scheme"][0])
    refused = upload(bad)
    assert refused.status_code == 400
    assert "assessments.0.versions.0.scheme" in refused.content.decode()
    assert "Nothing was imported" in refused.content.decode()
    assert upload(b"{not json").status_code == 400
    assert Child.objects.count() == before
    assert upload(world["record"]).status_code == 302
    assert Child.objects.filter(council=world["westmoor"], case_reference="NS-0077").exists()
    client.force_login(world["wm_practitioner"])
    assert client.get(reverse("vsend_record_import")).status_code in (302, 403)
