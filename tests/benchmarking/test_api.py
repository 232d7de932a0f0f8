"""``GET /api/vsend/v1/benchmarks/``: who sees which figures, partner tokens, bad queries.

The figures themselves are pinned against ``aggregate()`` in the rollup
tests; here the API must serve exactly what the rollups stored, to exactly
the callers allowed, and never a small count.
"""

from datetime import datetime

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.benchmarking.population import assess_children
from tests.conftest import create_child, create_council, create_member
from tests.once import copy_for_a_test, made_once_a_module
from vsend_plugin.benchmarking.models import PartnerToken, Rollup
from vsend_plugin.benchmarking.rollups import rebuild
from vsend_plugin.benchmarking.serializers import BenchmarkPeriodsSerializer, BenchmarksSerializer

pytestmark = pytest.mark.django_db

URL = "/api/vsend/v1/benchmarks/"
PERIODS_URL = "/api/vsend/v1/benchmarks/periods/"
IN_Q2 = timezone.make_aware(datetime(2026, 5, 12, 10))


@pytest.fixture(autouse=True)
def fresh_throttle_history():
    cache.clear()  # throttle history lives in the cache, which outlives each test's transaction
    yield
    cache.clear()


@made_once_a_module
def population():
    """Two councils with assessed children in Q3 (and northshire in Q2), rolled up."""
    northshire = create_council("northshire", "E06000991")
    westmoor = create_council("westmoor", "E06000992")
    author = create_member(northshire, "practitioner")
    assess_children(northshire, author, create_child, [24, 12])
    assess_children(northshire, author, create_child, [11], when=IN_Q2, prefix="Q2-")
    assess_children(westmoor, create_member(westmoor, "practitioner"), create_child, [15, 3])
    rebuild()
    return northshire, westmoor


@pytest.fixture
def figures(population):
    """The population's two councils, made once for the module (tests/once.py)."""
    return copy_for_a_test(population)


def client_for(user=None, token=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    if token is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def issue_partner_token(council, organisation="Regional SEND network"):
    token = PartnerToken(council=council, organisation=organisation)
    key = token.set_new_key()
    token.save()
    return token, key


def stored(council, dimension, period="2026-Q3"):
    return list(
        Rollup.objects.filter(council=council, dimension=dimension, period=period).order_by(
            "position"
        )
    )


def test_an_officer_sees_every_council_at_council_level(figures, make_member):
    northshire, westmoor = figures
    body = client_for(make_member(northshire, "officer")).get(URL, {"period": "2026-Q3"}).json()

    assert body["scheme"] == "vsend-core/1"
    assert (body["period"], body["by"], body["min_group"]) == ("2026-Q3", "council", 10)
    by_council = {group["key"]["council"]: group for group in body["groups"]}
    assert set(by_council) == {"northshire", "westmoor"}
    for council in (northshire, westmoor):
        (rollup,) = stored(council, "council")
        group = by_council[council.slug]
        assert group == {"key": {"council": council.slug}, "label": council.name, **rollup.figures}
    assert by_council["northshire"]["children"] == 36


@pytest.mark.parametrize("by", ["locality", "setting", "primary_area", "band"])
def test_below_council_level_an_officer_sees_only_their_own_council(figures, make_member, by):
    northshire, westmoor = figures
    for council in (northshire, westmoor):
        body = (
            client_for(make_member(council, "officer"))
            .get(URL, {"by": by, "period": "2026-Q3"})
            .json()
        )
        assert {group["key"]["council"] for group in body["groups"]} == {council.slug}
        rollups = stored(council, by)
        assert [group["label"] for group in body["groups"]] == [rollup.label for rollup in rollups]
        for group, rollup in zip(body["groups"], rollups, strict=True):
            assert {k: v for k, v in group.items() if k not in ("key", "label")} == rollup.figures
            assert set(group["key"]) == {"council", by}


@pytest.mark.parametrize("by", ["council", "locality", "setting", "primary_area", "band"])
def test_every_answer_is_one_the_serializer_that_checks_peers_accepts(figures, make_member, by):
    northshire, _ = figures
    client = client_for(make_member(northshire, "officer"))
    body = client.get(URL, {"by": by, "period": "2026-Q3"}).json()
    answer = BenchmarksSerializer(data=body, context={"period": "2026-Q3", "by": by})
    assert answer.is_valid(), answer.errors
    assert len(answer.validated_data["groups"]) == len(body["groups"]) > 0
    quarters = BenchmarkPeriodsSerializer(data=client.get(URL + "periods/").json())
    assert quarters.is_valid(), quarters.errors
    assert quarters.validated_data["periods"][-1] == "2026-Q3"


def test_a_locality_group_is_keyed_by_slug_and_small_ones_are_suppressed(figures, make_member):
    northshire, _ = figures
    body = (
        client_for(make_member(northshire, "officer"))
        .get(URL, {"by": "locality", "period": "2026-Q3"})
        .json()
    )
    groups = {group["key"]["locality"]: group for group in body["groups"]}
    assert set(groups) == {"centre", "outskirts"}
    assert groups["centre"]["suppressed"] is False and groups["centre"]["children"] == 24
    assert groups["outskirts"]["children"] == 12


def test_the_latest_quarter_is_the_default_and_periods_are_listed(figures, make_member):
    northshire, _ = figures
    client = client_for(make_member(northshire, "officer"))
    assert client.get(URL).json()["period"] == "2026-Q3"
    assert client.get(PERIODS_URL).json() == {
        "scheme": "vsend-core/1",
        "periods": ["2026-Q2", "2026-Q3"],
    }
    q2 = client.get(URL, {"period": "2026-Q2"}).json()
    assert [group["key"] for group in q2["groups"]] == [{"council": "northshire"}]
    assert q2["groups"][0]["children"] == 11


def test_a_quarter_without_figures_is_empty_not_an_error(figures, make_member):
    northshire, _ = figures
    response = client_for(make_member(northshire, "officer")).get(URL, {"period": "2019-Q1"})
    assert response.status_code == 200
    assert response.json()["groups"] == []


@pytest.mark.parametrize(
    "query, fields",
    [
        ({"by": "child"}, ["by"]),
        ({"period": "2026-Q5"}, ["period"]),
        ({"period": "Q3 2026"}, ["period"]),
        ({"period": "2026-q3"}, ["period"]),
        ({"by": "child", "period": "0000-Q1"}, ["by", "period"]),
    ],
)
def test_bad_queries_get_400_with_field_errors(figures, make_member, query, fields):
    northshire, _ = figures
    response = client_for(make_member(northshire, "officer")).get(URL, query)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert [error["field"] for error in errors] == fields
    assert all(error["message"] for error in errors)


@pytest.mark.parametrize("role", ["editor", "practitioner"])
def test_other_staff_roles_are_refused(figures, make_member, role):
    northshire, _ = figures
    client = client_for(make_member(northshire, role, username=f"another-{role}"))
    for url in (URL, PERIODS_URL):
        response = client.get(url)
        assert response.status_code == 403
        assert response.json()["errors"][0]["field"] == ""


def test_a_parent_carer_and_anonymous_callers_are_refused(figures, django_user_model):
    parent = django_user_model.objects.create_user("a-parent", password="x")
    assert client_for(parent).get(URL).status_code == 403
    assert client_for().get(URL).status_code in (401, 403)


def test_an_officer_may_use_their_own_api_token(figures, make_member):
    northshire, _ = figures
    officer = make_member(northshire, "officer")
    key = Token.objects.create(user=officer).key
    response = client_for(token=key).get(URL, {"by": "locality"})
    assert response.status_code == 200
    assert {group["key"]["council"] for group in response.json()["groups"]} == {"northshire"}


def test_a_superuser_sees_every_council_in_every_dimension(figures, django_user_model):
    admin = django_user_model.objects.create_superuser("root", password="x")
    body = client_for(admin).get(URL, {"by": "locality", "period": "2026-Q3"}).json()
    assert {group["key"]["council"] for group in body["groups"]} == {"northshire", "westmoor"}


# Partner tokens ---------------------------------------------------------------


def test_a_partner_token_reads_its_councils_figures_and_others_at_council_level(figures):
    northshire, westmoor = figures
    token, key = issue_partner_token(northshire)
    client = client_for(token=key)

    localities = client.get(URL, {"by": "locality", "period": "2026-Q3"}).json()
    assert {group["key"]["council"] for group in localities["groups"]} == {"northshire"}
    councils = client.get(URL, {"period": "2026-Q3"}).json()
    assert {group["key"]["council"] for group in councils["groups"]} == {"northshire", "westmoor"}
    for by in ("setting", "band", "primary_area"):
        body = client.get(URL, {"by": by, "period": "2026-Q3"}).json()
        assert "westmoor" not in {group["key"]["council"] for group in body["groups"]}
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_partner_token_cannot_reach_children_assessments_or_scoring(figures, make_child):
    northshire, _ = figures
    child = northshire.children.first()
    assessment = child.assessments.first()
    _, key = issue_partner_token(northshire)
    client = client_for(token=key)
    refused = [
        client.get("/api/vsend/v1/children/"),
        client.get(f"/api/vsend/v1/children/{child.pk}/"),
        client.get(f"/api/vsend/v1/children/{child.pk}/assessments/"),
        client.get(f"/api/vsend/v1/assessments/{assessment.pk}/pdf/"),
        client.post("/api/vsend/v1/assessments/", {"child": child.pk, "need": {}}, format="json"),
        client.post("/api/vsend/v1/score/", {"need": {"CI.receptive": 1}}, format="json"),
    ]
    for response in refused:
        assert response.status_code in (401, 403), response.request["PATH_INFO"]
        assert "errors" in response.json()
        assert str(child.given_name) not in response.content.decode()


def test_a_revoked_partner_token_stops_working_at_once(figures):
    northshire, _ = figures
    token, key = issue_partner_token(northshire)
    client = client_for(token=key)
    assert client.get(URL).status_code == 200
    token.revoke()
    response = client.get(URL)
    assert response.status_code == 401
    assert "revoked" in response.json()["errors"][0]["message"]
    assert client.get(PERIODS_URL).status_code == 401


def test_an_unknown_partner_key_is_refused(figures):
    response = client_for(token="vsp_not-a-real-key").get(URL)
    assert response.status_code == 401


def test_only_the_hash_of_a_partner_key_is_stored(figures):
    northshire, _ = figures
    token, key = issue_partner_token(northshire)
    stored_values = [
        str(value) for value in PartnerToken.objects.filter(pk=token.pk).values().get().values()
    ]
    assert key not in stored_values
    assert PartnerToken.objects.for_key(key) == token
    assert key.startswith(token.key_prefix)


@override_settings(VSEND_THROTTLE_RATES={"benchmarks": "3/min"})
def test_benchmarks_are_throttled_per_partner_token(figures):
    northshire, _ = figures
    _, key = issue_partner_token(northshire)
    _, other_key = issue_partner_token(northshire, "Another partner")
    client = client_for(token=key)
    statuses = [client.get(URL).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get(URL)
    assert int(refused["Retry-After"]) > 0
    assert refused.json()["errors"][0]["field"] == ""
    assert client_for(token=other_key).get(URL).status_code == 200


def test_the_openapi_schema_documents_benchmarks_with_examples(figures, make_member):
    northshire, _ = figures
    schema = (
        client_for(make_member(northshire, "officer"))
        .get("/api/vsend/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
        .json()
    )
    operation = schema["paths"]["/api/vsend/v1/benchmarks/"]["get"]
    assert {parameter["name"] for parameter in operation["parameters"]} == {"by", "period"}
    assert {"partnerToken": []} in operation["security"]
    example = next(
        iter(operation["responses"]["200"]["content"]["application/json"]["examples"].values())
    )
    assert example["value"]["groups"][1] == {
        "key": {"council": "northshire", "locality": "hill-villages"},
        "label": "Hill Villages",
        "suppressed": True,
    }
    assert "/api/vsend/v1/benchmarks/periods/" in schema["paths"]
    assert set(operation["responses"]) >= {"200", "400", "403", "429"}
