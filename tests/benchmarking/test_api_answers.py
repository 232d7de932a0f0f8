"""``GET benchmarks/`` keeps its answers: a repeat costs no rollup query, and is never stale.

Every kept answer must be byte for byte what the view makes afresh, and must
stop being served as soon as anything it was made from changes: a rollup
stored, a council renamed, a role lost, a token revoked.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.benchmarking.population import IN_Q3, enrol
from tests.benchmarking.test_api import URL, client_for, figures, issue_partner_token, population
from tests.conftest import create_child
from vsend_plugin.assessments.recording import record_assessment
from vsend_plugin.benchmarking.answers import ANSWERS
from vsend_plugin.benchmarking.models import Rollup
from vsend_plugin.benchmarking.rollups import update_rollup
from vsend_plugin.core.models import Role
from vsend_plugin.scoring import INDICATORS

pytestmark = pytest.mark.django_db

__all__ = ["figures", "population"]  # the module's population, shared with test_api

QUESTIONS = [
    {"period": "2026-Q3"},
    {"by": "locality", "period": "2026-Q3"},
    {"by": "band"},
    {"by": "setting", "period": "2026-Q2"},
]


@pytest.fixture(autouse=True)
def no_answers_kept():
    ANSWERS.clear()
    yield
    ANSWERS.clear()


def fresh(client, query):
    """The answer made afresh, as if none had been kept."""
    ANSWERS.clear()
    return client.get(URL, query)


def rollup_reads(queries):
    return [query["sql"] for query in queries if "figures" in query["sql"]]


@pytest.mark.parametrize("query", QUESTIONS)
def test_a_repeated_question_is_answered_without_reading_rollups_byte_for_byte(
    figures, make_member, query
):
    northshire, _ = figures
    client = client_for(make_member(northshire, "officer"))
    made = fresh(client, query)
    with CaptureQueriesContext(connection) as queries:
        kept = client.get(URL, query)

    assert made.status_code == kept.status_code == 200
    assert kept.content == made.content
    assert kept["Content-Type"] == made["Content-Type"]
    assert rollup_reads(queries) == []
    assert made.json()["groups"]


def test_a_stored_rollup_changes_the_answer(figures, make_member):
    northshire, _ = figures
    client = client_for(make_member(northshire, "officer"))
    query = {"by": "locality", "period": "2026-Q3"}
    before = client.get(URL, query)

    author = make_member(northshire, Role.PRACTITIONER, "another-practitioner")
    for child in enrol(northshire, create_child, [6], seed=31, prefix="NEW"):
        need = dict.fromkeys(INDICATORS, 2)
        record_assessment(child, author, need=need, taken_at=IN_Q3, queue_tasks=False)
    update_rollup(northshire.pk, "2026-Q3")

    after = client.get(URL, query)
    assert after.content != before.content
    assert after.content == fresh(client, query).content


def test_a_quarter_committed_after_a_newer_one_still_changes_the_answer(figures, make_member):
    """Two councils' updates may commit in another order than they were computed in."""
    northshire, westmoor = figures
    client = client_for(make_member(westmoor, "officer"))
    query = {"period": "2026-Q3"}
    newest = Rollup.objects.latest("computed_at")
    assert newest.council == westmoor  # rebuilt after Northshire
    before = client.get(URL, query)

    # Northshire's quarter stored anew, as if computed before Westmoor's but committed now.
    update_rollup(northshire.pk, "2026-Q3")
    Rollup.objects.filter(council=northshire, period="2026-Q3").update(
        computed_at=newest.computed_at - timedelta(minutes=1), figures={"suppressed": True}
    )

    after = client.get(URL, query)
    assert after.content != before.content
    assert after.content == fresh(client, query).content


def test_a_council_renamed_is_shown_by_its_new_slug_and_in_its_new_place(figures, make_member):
    northshire, westmoor = figures
    client = client_for(make_member(northshire, "officer"))
    before = client.get(URL, {"period": "2026-Q3"}).json()
    assert [group["key"]["council"] for group in before["groups"]] == ["northshire", "westmoor"]

    westmoor.slug, westmoor.name = "aldmoor", "Aldmoor Council"
    westmoor.save()

    after = client.get(URL, {"period": "2026-Q3"}).json()
    assert [group["key"]["council"] for group in after["groups"]] == ["aldmoor", "northshire"]


def test_a_removed_rollup_is_not_served_from_a_kept_answer(figures, make_member):
    northshire, westmoor = figures
    client = client_for(make_member(northshire, "officer"))
    assert len(client.get(URL, {"period": "2026-Q3"}).json()["groups"]) == 2

    Rollup.objects.filter(council=westmoor).delete()

    assert len(client.get(URL, {"period": "2026-Q3"}).json()["groups"]) == 1


def test_permissions_are_checked_on_every_request(figures, make_member):
    northshire, _ = figures
    officer = make_member(northshire, "officer")
    client = client_for(officer)
    query = {"by": "locality", "period": "2026-Q3"}
    assert client.get(URL, query).status_code == 200

    officer.groups.clear()
    assert client.get(URL, query).status_code == 403

    token, key = issue_partner_token(northshire)
    partner = client_for(token=key)
    assert partner.get(URL, query).status_code == 200
    token.revoke()
    assert partner.get(URL, query).status_code == 401


def test_callers_of_other_councils_never_share_an_answer(figures, make_member):
    northshire, westmoor = figures
    query = {"by": "locality", "period": "2026-Q3"}
    ours = client_for(make_member(northshire, "officer")).get(URL, query).json()
    theirs = client_for(make_member(westmoor, "officer")).get(URL, query).json()
    assert {group["key"]["council"] for group in ours["groups"]} == {"northshire"}
    assert {group["key"]["council"] for group in theirs["groups"]} == {"westmoor"}
