"""``children/{id}/plan/``: the plan as vsend-support/1 carries it, versioned, validated, walled."""

import json

import pytest
from rest_framework.test import APIClient

from vsend_plugin.assessments.models import AccessEvent
from vsend_plugin.planning.models import Outcome, SupportItem, SupportPlan, SupportPlanVersion

pytestmark = pytest.mark.django_db

ONE_TO_ONE = {
    "type": "adult_1to1",
    "area": "SEMH",
    "name": "Learning mentor",
    "hours_per_week": 20,
    "provider": "Hill Top Primary",
    "starts": "2026-09-01",
    "ends": None,
    "planned_until_age": None,
}
TRAVEL = {
    "area": "IND",
    "text": "Travels to college on the bus with a friend",
    "horizon": "age_16",
    "adulthood": "independent_living",
}
PLAN = {
    "support": [ONE_TO_ONE],
    "outcomes": [TRAVEL],
    "trajectory": {"SEMH": {"now": 3, "next_phase": 2, "age_16": 1, "age_18": 1}},
}


def client_as(user, team):
    client = APIClient(HTTP_HOST=team["host"])
    if user is not None:
        client.force_authenticate(user)
    return client


def address(team, *rest):
    return f"/api/vsend/v1/children/{team['child'].pk}/plan/" + "".join(rest)


def put(team, body, user=None):
    return client_as(user or team["practitioner"], team).put(address(team), body, format="json")


def test_a_child_with_no_plan_has_an_empty_one(team):
    response = client_as(team["officer"], team).get(address(team))
    assert response.status_code == 200
    body = response.json()
    assert body["version"] == 0 and body["support"] == [] and body["outcomes"] == []
    assert set(body["trajectory"]) == {"CI", "CL", "SEMH", "SP", "IND"}
    assert body["trajectory"]["CI"] == {
        "now": None,
        "next_phase": None,
        "age_16": None,
        "age_18": None,
    }


def test_a_plan_put_comes_back_with_ids_and_what_the_server_sets(team):
    response = put(team, PLAN)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["version"] == 1
    [item] = body["support"]
    assert item["id"] == SupportItem.objects.get().pk
    assert item["intrusive"] is True  # may_limit at 15 hours or more
    assert {k: item[k] for k in ONE_TO_ONE} == ONE_TO_ONE
    [outcome] = body["outcomes"]
    assert outcome["status"] == "open" and outcome["reviewed_at"] is None
    assert body["trajectory"]["SEMH"] == {"now": 3, "next_phase": 2, "age_16": 1, "age_18": 1}
    assert body["trajectory"]["CL"]["now"] is None
    assert client_as(team["officer"], team).get(address(team)).json() == body


def test_ids_sent_back_are_kept_and_what_is_left_out_is_removed(team):
    first = put(
        team,
        {
            **PLAN,
            "support": [
                ONE_TO_ONE,
                {**ONE_TO_ONE, "name": "Lunch club", "type": "social_skills", "hours_per_week": 2},
            ],
        },
    ).json()
    kept, dropped = first["support"]
    changed = {**kept, "hours_per_week": 12.5, "planned_until_age": 16}
    second = put(
        team,
        {"support": [changed], "outcomes": first["outcomes"], "trajectory": first["trajectory"]},
    ).json()
    assert [item["id"] for item in second["support"]] == [kept["id"]]
    assert second["support"][0]["hours_per_week"] == 12.5
    # under 15 hours, but planned to 16: still intrusive
    assert second["support"][0]["intrusive"] is True
    assert not SupportItem.objects.filter(pk=dropped["id"]).exists()
    assert second["outcomes"][0]["id"] == first["outcomes"][0]["id"]
    assert second["version"] == 2


def test_every_change_is_a_version_and_the_old_ones_are_kept(team):
    first = put(team, PLAN).json()
    put(team, {**PLAN, "support": []})
    versions = SupportPlanVersion.objects.order_by("number")
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].document["support"] == first["support"]
    assert versions[1].document["support"] == []
    assert versions[1].author == team["practitioner"]


def test_an_outcome_is_reviewed_by_patch(team):
    plan = put(team, PLAN).json()
    outcome_id = plan["outcomes"][0]["id"]
    client = client_as(team["practitioner"], team)
    response = client.patch(
        address(team, f"outcomes/{outcome_id}/"),
        {"status": "partly", "note": "With a friend, not yet alone."},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "partly"
    reviewed_at = response.json()["reviewed_at"]
    assert reviewed_at
    outcome = Outcome.objects.get()
    assert outcome.review_note == "With a friend, not yet alone."
    assert SupportPlan.objects.get().version == 2
    # the same status again keeps the time it changed from open
    again = client.patch(
        address(team, f"outcomes/{outcome_id}/"), {"status": "partly"}, format="json"
    )
    assert again.json()["reviewed_at"] == reviewed_at
    reopened = client.patch(
        address(team, f"outcomes/{outcome_id}/"), {"status": "open"}, format="json"
    )
    assert reopened.json()["reviewed_at"] is None


def test_reviewing_another_childs_outcome_is_404(team, make_child):
    plan = put(team, PLAN).json()
    other = make_child(team["child"].council, "NS-0002")
    other.practitioners.add(team["practitioner"])
    response = client_as(team["practitioner"], team).patch(
        f"/api/vsend/v1/children/{other.pk}/plan/outcomes/{plan['outcomes'][0]['id']}/",
        {"status": "achieved"},
        format="json",
    )
    assert response.status_code == 404


# Validation: each rule of the spec is a 400 naming the field, and nothing is stored ----

BAD = [
    ({"support": [{**ONE_TO_ONE, "type": "magic"}]}, "support.0.type"),
    ({"support": [{**ONE_TO_ONE, "area": "XX"}]}, "support.0.area"),
    ({"support": [{**ONE_TO_ONE, "hours_per_week": 40.5}]}, "support.0.hours_per_week"),
    ({"support": [{**ONE_TO_ONE, "hours_per_week": -1}]}, "support.0.hours_per_week"),
    ({"support": [{**ONE_TO_ONE, "hours_per_week": 20.25}]}, "support.0.hours_per_week"),
    ({"support": [{**ONE_TO_ONE, "hours_per_week": "lots"}]}, "support.0.hours_per_week"),
    ({"support": [{**ONE_TO_ONE, "hours_per_week": True}]}, "support.0.hours_per_week"),
    ({"support": [{**ONE_TO_ONE, "planned_until_age": 3}]}, "support.0.planned_until_age"),
    ({"support": [{**ONE_TO_ONE, "planned_until_age": 26}]}, "support.0.planned_until_age"),
    ({"support": [{**ONE_TO_ONE, "planned_until_age": 16.5}]}, "support.0.planned_until_age"),
    ({"support": [{**ONE_TO_ONE, "ends": "2026-08-31"}]}, "support.0.ends"),
    ({"support": [{**ONE_TO_ONE, "starts": "2026-02-30"}]}, "support.0.starts"),
    ({"support": [{**ONE_TO_ONE, "colour": "red"}]}, "support.0.colour"),
    ({"support": [{**ONE_TO_ONE, "id": 999999}]}, "support.0.id"),
    ({"outcomes": [{**TRAVEL, "horizon": "someday"}]}, "outcomes.0.horizon"),
    ({"outcomes": [{**TRAVEL, "area": "XX"}]}, "outcomes.0.area"),
    ({"outcomes": [{**TRAVEL, "status": "great"}]}, "outcomes.0.status"),
    ({"outcomes": [{**TRAVEL, "adulthood": "fame"}]}, "outcomes.0.adulthood"),
    ({"outcomes": [{**TRAVEL, "horizon": "next_review"}]}, "outcomes.0.adulthood"),
    ({"outcomes": [{**TRAVEL, "text": ""}]}, "outcomes.0.text"),
    ({"trajectory": {"XX": {"now": 1}}}, "trajectory.XX"),
    ({"trajectory": {"CI": {"now": 5}}}, "trajectory.CI.now"),
    ({"trajectory": {"CI": {"later": 1}}}, "trajectory.CI.later"),
    ({"trajectory": {"CI": {"now": "2"}}}, "trajectory.CI.now"),
    ({"colour": "red"}, "colour"),
]


@pytest.mark.parametrize("change, field", BAD, ids=[field for _, field in BAD])
def test_a_bad_plan_is_a_400_naming_the_field_and_nothing_is_stored(team, change, field):
    put(team, PLAN)
    before = json.dumps(client_as(team["officer"], team).get(address(team)).json(), sort_keys=True)
    response = put(team, {**PLAN, **change})
    assert response.status_code == 400, response.content
    fields = [error["field"] for error in response.json()["errors"]]
    assert field in fields, fields
    after = json.dumps(client_as(team["officer"], team).get(address(team)).json(), sort_keys=True)
    assert after == before
    assert SupportPlanVersion.objects.count() == 1


def test_another_plans_id_is_refused(team, make_child):
    other = make_child(team["child"].council, "NS-0002")
    other.practitioners.add(team["practitioner"])
    client = client_as(team["practitioner"], team)
    theirs = client.put(f"/api/vsend/v1/children/{other.pk}/plan/", PLAN, format="json").json()
    response = put(team, {**PLAN, "support": [{**ONE_TO_ONE, "id": theirs["support"][0]["id"]}]})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "support.0.id"
    assert SupportItem.objects.get(pk=theirs["support"][0]["id"]).plan.child == other


# Who may read and write -----------------------------------------------------------------

READ = {
    "practitioner": 200,
    "officer": 200,
    "parent": 200,
    "other_practitioner": 404,
    "editor": 404,
    "westmoor_officer": 404,
    "westmoor_practitioner": 404,
}
WRITE = {
    "practitioner": 200,
    "officer": 403,
    "parent": 403,
    "other_practitioner": 404,
    "editor": 404,
    "westmoor_officer": 404,
    "westmoor_practitioner": 404,
}


@pytest.mark.parametrize("who", sorted(READ))
def test_who_may_read_the_plan(team, who):
    response = client_as(team[who], team).get(address(team))
    assert response.status_code == READ[who], response.content


@pytest.mark.parametrize("who", sorted(WRITE))
def test_who_may_write_the_plan_and_review_its_outcomes(team, who):
    outcomes = put(team, PLAN).json()["outcomes"]
    outcome_id = outcomes[0]["id"]
    response = put(team, {**PLAN, "support": [], "outcomes": outcomes}, user=team[who])
    assert response.status_code == WRITE[who], response.content
    review = client_as(team[who], team).patch(
        address(team, f"outcomes/{outcome_id}/"), {"status": "achieved"}, format="json"
    )
    assert review.status_code == WRITE[who]
    if WRITE[who] != 200:
        assert SupportItem.objects.count() == 1 and Outcome.objects.get().status == "open"


def test_signed_out_is_401(team):
    response = client_as(None, team).get(address(team))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_every_read_and_write_is_in_the_access_log(team):
    put(team, PLAN)
    client_as(team["officer"], team).get(address(team))
    events = AccessEvent.objects.filter(action=AccessEvent.Action.API_PLAN, child=team["child"])
    assert sorted(events.values_list("username", flat=True)) == sorted(
        [team["practitioner"].username, team["officer"].username]
    )


def test_the_plan_endpoints_are_in_the_schema_with_examples(team):
    response = APIClient().get("/api/vsend/v1/schema/?format=json")
    paths = response.json()["paths"]
    plan = paths["/api/vsend/v1/children/{id}/plan/"]
    assert {"get", "put"} <= set(plan)
    assert plan["put"]["requestBody"]["content"]["application/json"]["examples"]
    assert "patch" in paths["/api/vsend/v1/children/{id}/plan/outcomes/{outcome_id}/"]
    assert "get" in paths["/api/vsend/v1/benchmarks/support/"]


def test_a_plan_changed_through_the_api_has_the_summary_made_afresh(team, pdf_storage):
    from vsend_plugin.assessments.models import PdfSummary
    from vsend_plugin.assessments.recording import record_assessment
    from vsend_plugin.assessments.tasks import make_pdf_summary
    from vsend_plugin.scoring import INDICATORS

    version = record_assessment(
        team["child"], team["practitioner"], need=dict.fromkeys(INDICATORS, 1), queue_tasks=False
    )
    make_pdf_summary(version.pk)
    assert PdfSummary.objects.filter(version=version).exists()
    assert put(team, PLAN).status_code == 200
    assert not PdfSummary.objects.filter(version=version).exists()
