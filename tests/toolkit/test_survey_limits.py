"""An anonymous survey's results stay the families' own.

Fresh sessions could answer without end; answers are limited per internet
address, bursts from one address are shown to officers, who may discard
them, and the results say how many were discarded.
"""

import pytest
from django.test import Client

from vsend_plugin.conf import vsend_settings
from vsend_plugin.core.models import Role
from vsend_plugin.toolkit.models import SurveyResponse

pytestmark = pytest.mark.django_db

URL = "/toolkit/survey/"
RESULTS = URL + "results/"
ANSWERS = {"s1": "agree", "s2": "strongly_disagree"}


def fresh_session(address="203.0.113.7"):
    return Client(HTTP_HOST="northshire.localhost", REMOTE_ADDR=address)


@pytest.fixture
def officer_client(northshire, make_member):
    client = Client(HTTP_HOST="northshire.localhost")
    client.force_login(make_member(northshire, Role.OFFICER))
    return client


def test_fresh_sessions_from_one_address_are_limited(northshire, survey):
    answers, _seconds = vsend_settings.SURVEY_LIMIT
    for _ in range(answers):
        assert fresh_session().post(URL, ANSWERS).status_code == 302

    refused = fresh_session().post(URL, ANSWERS)

    assert refused.status_code == 429
    text = refused.content.decode()
    assert "you cannot send more answers at the moment" in text and "Try again in an hour" in text
    assert SurveyResponse.objects.count() == answers
    assert fresh_session("198.51.100.20").post(URL, ANSWERS).status_code == 302  # another family


def test_the_limit_comes_from_settings_and_its_window_passes(northshire, survey, settings):
    settings.VSEND_SURVEY_LIMIT = (2, 3600)
    for _ in range(2):
        fresh_session().post(URL, ANSWERS)
    assert fresh_session().post(URL, ANSWERS).status_code == 429

    SurveyResponse.objects.update(created_at="2020-01-01T00:00:00Z")  # an hour and more ago
    assert fresh_session().post(URL, ANSWERS).status_code == 302


def test_the_address_is_never_stored(northshire, survey):
    fresh_session("203.0.113.7").post(URL, ANSWERS)

    stored = SurveyResponse.objects.get()
    assert stored.address_hash and "203.0.113.7" not in stored.address_hash
    assert "203.0.113" not in str(SurveyResponse.objects.values().get())


def test_a_burst_is_shown_to_officers_and_can_be_discarded(officer_client, northshire, survey):
    for _ in range(4):
        fresh_session("203.0.113.7").post(URL, ANSWERS)
    for address in ("198.51.100.1", "198.51.100.2"):
        fresh_session(address).post(URL, ANSWERS)

    results = officer_client.get(RESULTS)
    html = results.content.decode()
    assert "6 responses counted" in html
    assert "Discard 4 answers" in html
    token = results.context["bursts"][0].token

    discarded = officer_client.post(URL + "results/discard/", {"burst": token})

    assert discarded.status_code == 302
    html = officer_client.get(discarded["Location"]).content.decode()
    assert "4 answers discarded" in html
    assert "2 responses counted; 4 responses discarded as suspicious and not counted" in html
    assert "Discard 4 answers" not in html
    assert SurveyResponse.objects.filter(discarded_at__isnull=True).count() == 2
    assert set(
        SurveyResponse.objects.exclude(discarded_by=None).values_list(
            "discarded_by__username", flat=True
        )
    ) == {"northshire-officer"}


def test_discarded_answers_leave_the_results(officer_client, northshire, survey, settings):
    settings.VSEND_MIN_GROUP = 5
    for _ in range(5):
        fresh_session("203.0.113.7").post(URL, {"s1": "agree", "s2": "agree"})
    for number in range(5):
        fresh_session(f"198.51.100.{number}").post(URL, {"s1": "disagree", "s2": "agree"})
    token = officer_client.get(RESULTS).context["bursts"][0].token
    officer_client.post(URL + "results/discard/", {"burst": token})

    statements = officer_client.get(RESULTS).context["statements"]

    assert statements[0].respondents == 5
    assert statements[0].counts["disagree"] == 5 and statements[0].counts["agree"] == 0


def test_a_tampered_burst_is_refused_and_nothing_discarded(officer_client, northshire, survey):
    for _ in range(3):
        fresh_session().post(URL, ANSWERS)

    response = officer_client.post(URL + "results/discard/", {"burst": "[1, 2, 3]"})

    assert response.status_code == 400
    assert not SurveyResponse.objects.exclude(discarded_at=None).exists()


def test_only_the_councils_officers_may_discard(
    northshire, westmoor, survey, make_member, officer_client
):
    for _ in range(3):
        fresh_session().post(URL, ANSWERS)
    token = officer_client.get(RESULTS).context["bursts"][0].token

    for user in (make_member(westmoor, Role.OFFICER), make_member(northshire, Role.PRACTITIONER)):
        other = Client(HTTP_HOST="northshire.localhost")
        other.force_login(user)
        assert other.post(URL + "results/discard/", {"burst": token}).status_code in (403, 404)
    assert fresh_session().post(URL + "results/discard/", {"burst": token}).status_code in (
        302,
        403,
        404,
    )
    assert not SurveyResponse.objects.exclude(discarded_at=None).exists()
