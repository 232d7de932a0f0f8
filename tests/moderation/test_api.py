"""The moderation endpoints: rounds, a rater's assignments and blind ratings (interfaces.md)."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from vsend_plugin.assessments.models import AccessEvent, AssessmentVersion
from vsend_plugin.benchmarking.models import Rollup
from vsend_plugin.moderation.models import ModerationRound, SecondRating
from vsend_plugin.moderation.rounds import open_round
from vsend_plugin.scoring import INDICATORS

from .scene import need

BASE = "/api/vsend/v1/moderation"


@pytest.fixture(autouse=True)
def fresh_throttle_history():
    cache.clear()
    yield
    cache.clear()


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def post(user, path, body):
    return client_for(user).post(f"{BASE}/{path}", body, format="json")


def fields(response):
    return sorted(error["field"] for error in response.json()["errors"])


def test_an_officer_opens_a_round_and_each_assessment_has_a_rater(scene):
    ids = [a.pk for a in scene["assessments"]]
    response = post(
        scene["officer"], "rounds/", {"assessments": ids, "raters": ["ns-psychologist"]}
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert sorted(a["assessment"] for a in body["assignments"]) == sorted(ids)
    assert {a["rater"] for a in body["assignments"]} == {"ns-psychologist"}
    assert ModerationRound.objects.get(pk=body["id"]).council == scene["northshire"]


@pytest.mark.parametrize(
    "body,expected",
    [
        ({"assessments": [], "raters": ["ns-psychologist"]}, ["assessments"]),
        ({"assessments": "all", "raters": ["ns-psychologist"]}, ["assessments"]),
        ({"raters": ["ns-psychologist"]}, ["assessments"]),
        ({"assessments": [1], "raters": [], "colour": "red"}, ["colour", "raters"]),
    ],
)
def test_bad_round_bodies_are_400s_naming_the_field(scene, body, expected):
    response = post(scene["officer"], "rounds/", body)
    assert response.status_code == 400
    assert fields(response) == expected
    assert not ModerationRound.objects.exists()


def test_a_round_that_cannot_be_blind_is_refused_whole(scene):
    ids = [a.pk for a in scene["assessments"]]
    response = post(scene["officer"], "rounds/", {"assessments": ids, "raters": ["ns-colleague"]})
    assert response.status_code == 400
    assert fields(response) == ["assessments.0"]
    westmoor = scene["westmoor_assessment"].pk
    response = post(
        scene["officer"],
        "rounds/",
        {"assessments": [*ids, westmoor], "raters": ["ns-psychologist"]},
    )
    assert fields(response) == ["assessments.3"]
    response = post(scene["officer"], "rounds/", {"assessments": [westmoor], "raters": ["x"]})
    assert response.status_code == 400 and fields(response) == ["assessments.0"]
    assert not ModerationRound.objects.exists() and not SecondRating.objects.exists()


@pytest.mark.parametrize("who", ["psychologist", "author", "parent", "westmoor_officer"])
def test_only_officers_open_rounds_and_only_of_their_council(scene, who):
    ids = [a.pk for a in scene["assessments"]]
    response = post(scene[who], "rounds/", {"assessments": ids, "raters": ["ns-psychologist"]})
    assert response.status_code == (400 if who == "westmoor_officer" else 403)
    assert not ModerationRound.objects.exists()


def test_a_rater_lists_open_assignments_without_any_rating(scene):
    open_round(scene["northshire"], [a.pk for a in scene["assessments"]], ["ns-psychologist"])
    response = client_for(scene["psychologist"]).get(f"{BASE}/assignments/")
    assert response.status_code == 200
    listed = response.json()
    assert [a["case_reference"] for a in listed] == ["NS-0001", "NS-0002", "NS-0003"]
    assert set(listed[0]) == {
        "id",
        "round",
        "case_reference",
        "given_name",
        "year_group",
        "setting",
        "form",
        "assigned_at",
    }
    assert listed[0]["form"] == "northshire-core-needs-mapping" or listed[0]["form"]
    text = response.content.decode()
    for word in ("need", "profile", "band", "level"):
        assert f'"{word}"' not in text
    logged = AccessEvent.objects.filter(username="ns-psychologist", action="api_second_rating")
    assert sorted(logged.values_list("child__case_reference", flat=True)) == [
        "NS-0001",
        "NS-0002",
        "NS-0003",
    ]
    assert client_for(scene["colleague"]).get(f"{BASE}/assignments/").json() == []


def test_a_second_rating_is_stored_beside_the_assessment_and_changes_nothing(scene):
    moderation_round = open_round(
        scene["northshire"], [scene["assessments"][1].pk], ["ns-psychologist"]
    )
    assignment = moderation_round.second_ratings.get()
    before = list(AssessmentVersion.objects.values_list("pk", "profile", "band"))
    rollups = list(Rollup.objects.values_list("pk", "figures"))
    response = post(
        scene["psychologist"], f"assignments/{assignment.pk}/rating/", {"need": need(0)}
    )
    assert response.status_code == 201, response.json()
    assert response.json()["assessment"] == assignment.assessment_id
    assignment.refresh_from_db()
    assert assignment.need == need(0) and assignment.band == "A" and not assignment.is_open
    assert list(AssessmentVersion.objects.values_list("pk", "profile", "band")) == before
    assert list(Rollup.objects.values_list("pk", "figures")) == rollups
    again = post(scene["psychologist"], f"assignments/{assignment.pk}/rating/", {"need": need(1)})
    assert again.status_code == 409
    assignment.refresh_from_db()
    assert assignment.need == need(0)


def test_bad_ratings_are_400s_with_scorings_errors_and_nothing_is_stored(scene):
    moderation_round = open_round(
        scene["northshire"], [scene["assessments"][1].pk], ["ns-psychologist"]
    )
    url = f"assignments/{moderation_round.second_ratings.get().pk}/rating/"
    partial = dict(need(1))
    del partial["SP.hearing"]
    partial["CI.receptive"] = None
    nearly_nothing = [
        "need.CI.receptive",
        *(f"need.{c}" for c in INDICATORS if c != "CI.receptive"),
    ]
    for body, expected in [
        ({"need": {"CI.receptive": 7}}, sorted(nearly_nothing)),
        ({"need": partial}, ["need.CI.receptive", "need.SP.hearing"]),
        (
            {"need": {**need(1), "CI.receptive": 5, "XX.made_up": 1}},
            ["need.CI.receptive", "need.XX.made_up"],
        ),
        ({"need": {**need(1), "CL.literacy": "2"}}, ["need.CL.literacy"]),
        ({"need": need(1), "provision": {"CI": 1}}, ["provision"]),
        ([1, 2], ["body"]),
    ]:
        response = post(scene["psychologist"], url, body)
        assert response.status_code == 400, body
        assert fields(response) == expected, body
    assert SecondRating.objects.get().is_open


@pytest.mark.parametrize("who", ["author", "colleague", "officer", "westmoor_practitioner"])
def test_nobody_but_its_rater_gives_the_rating(scene, who):
    moderation_round = open_round(
        scene["northshire"], [scene["assessments"][1].pk], ["ns-psychologist"]
    )
    url = f"assignments/{moderation_round.second_ratings.get().pk}/rating/"
    response = post(scene[who], url, {"need": need(1)})
    assert response.status_code == 404
    assert SecondRating.objects.get().is_open


def test_signed_out_callers_are_401(scene):
    for method, path in [("get", "assignments/"), ("post", "rounds/"), ("get", "agreement/")]:
        response = getattr(APIClient(), method)(f"{BASE}/{path}")
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Token"


def test_every_indicator_is_in_the_example_and_the_schema(scene):
    schema = APIClient().get("/api/vsend/v1/schema/?format=json").json()
    assert "/api/vsend/v1/moderation/agreement/" in schema["paths"]
    rating = schema["paths"]["/api/vsend/v1/moderation/assignments/{id}/rating/"]["post"]
    assert {"201", "400", "404", "409"} <= set(rating["responses"])
    assert all(code in str(rating) for code in INDICATORS)
