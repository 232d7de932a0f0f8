"""Parent carers answer the survey; officers see the results with disclosure control."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from vsend_plugin.core.models import Role
from vsend_plugin.toolkit.models import SurveyResponse
from vsend_plugin.toolkit.results import statement_results

pytestmark = pytest.mark.django_db

URL = "/toolkit/survey/"
RESULTS = URL + "results/"


def answer(survey, northshire, first, second="agree", times=1):
    keys = [key for key, _ in survey.statement_values()]
    for _ in range(times):
        SurveyResponse.objects.create(
            page=survey, council=northshire, answers={keys[0]: first, keys[1]: second}
        )


@pytest.fixture
def officer_client(northshire, make_member):
    client = Client(HTTP_HOST="northshire.localhost")
    client.force_login(make_member(northshire, Role.OFFICER))
    return client


def test_anyone_may_answer_once_per_session(on_northshire, northshire, survey):
    html = on_northshire.get(URL).content.decode()
    assert html.count('<fieldset class="govuk-fieldset"') == 2
    assert "Strongly disagree" in html and 'name="csrfmiddlewaretoken"' in html

    response = on_northshire.post(URL, {"s1": "agree", "s2": "strongly_disagree"})
    assert response.status_code == 302
    stored = SurveyResponse.objects.get()
    keys = [key for key, _ in survey.statement_values()]
    assert stored.answers == {keys[0]: "agree", keys[1]: "strongly_disagree"}
    assert stored.council == northshire

    html = on_northshire.get(URL).content.decode()
    assert "Thank you for your answers" in html and "We share what we learn" in html
    on_northshire.post(URL, {"s1": "agree", "s2": "agree"})
    assert SurveyResponse.objects.count() == 1


@pytest.mark.parametrize("data", [{"s1": "agree"}, {"s1": "agree", "s2": "maybe"}, {}])
def test_a_missing_or_tampered_answer_is_a_400(on_northshire, survey, data):
    response = on_northshire.post(URL, data)
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_answering_needs_a_csrf_token(northshire, survey):
    client = Client(enforce_csrf_checks=True, HTTP_HOST="northshire.localhost")
    assert client.post(URL, {"s1": "agree", "s2": "agree"}).status_code == 403


def test_small_counts_are_hidden_with_secondary_suppression(officer_client, northshire, survey):
    # 12 answers: 3 disagree, 9 agree; the 9 goes too, or 3 = 12 - 9.
    answer(survey, northshire, "disagree", times=3)
    answer(survey, northshire, "agree", second="strongly_agree", times=9)
    response = officer_client.get(RESULTS)
    assert response.status_code == 200
    first, second = response.context["statements"]
    assert not first.suppressed and first.respondents == 12
    assert first.counts == {
        "strongly_agree": 0,
        "agree": None,
        "neither": 0,
        "disagree": None,
        "strongly_disagree": 0,
    }
    # 3 agree, 9 strongly agree: the same rule.
    assert second.counts["agree"] is None and second.counts["strongly_agree"] is None
    html = response.content.decode()
    assert "Hidden (suppressed)" in html
    assert ">3<" not in html and ">9<" not in html


def test_large_counts_and_zeros_are_shown(officer_client, northshire, survey):
    answer(survey, northshire, "agree", times=6)
    answer(survey, northshire, "disagree", times=5)
    first = officer_client.get(RESULTS).context["statements"][0]
    assert first.counts == {
        "strongly_agree": 0,
        "agree": 6,
        "neither": 0,
        "disagree": 5,
        "strongly_disagree": 0,
    }


def test_fewer_answers_than_the_minimum_group_show_nothing(
    officer_client, northshire, survey, settings
):
    settings.VSEND_MIN_GROUP = 10
    answer(survey, northshire, "agree", times=9)
    response = officer_client.get(RESULTS)
    assert response.context["suppressed"] is True
    html = response.content.decode()
    assert 'id="suppressed"' in html and "Fewer than 10 people" in html
    assert all(
        statement.suppressed and statement.counts == {}
        for statement in response.context["statements"]
    )


def test_the_minimum_group_comes_from_settings(officer_client, northshire, survey, settings):
    settings.VSEND_MIN_GROUP = 5
    answer(survey, northshire, "agree", times=6)
    response = officer_client.get(RESULTS)
    assert response.context["suppressed"] is False
    assert response.context["statements"][0].counts["agree"] == 6


def test_a_statement_added_later_is_suppressed_on_its_own():
    results = statement_results(
        [("a", "Old"), ("b", "New")], [{"a": "agree"}] * 10 + [{"a": "agree", "b": "agree"}] * 2, 10
    )
    assert not results[0].suppressed and results[0].counts["agree"] == 12
    assert results[1].suppressed and results[1].counts == {}


def test_results_are_for_the_councils_officers_only(
    northshire, westmoor, survey, make_member, django_user_model
):
    answer(survey, northshire, "agree", times=10)
    client = Client(HTTP_HOST="northshire.localhost")
    response = client.get(RESULTS)
    assert response.status_code == 302
    assert response["Location"] == f"/sign-in/?next={RESULTS}"
    for user in (
        make_member(northshire, Role.EDITOR),
        make_member(northshire, Role.PRACTITIONER),
        make_member(westmoor, Role.OFFICER),
        django_user_model.objects.create_user("parent", password="x"),
    ):
        client.force_login(user)
        assert client.get(RESULTS).status_code == 403, user.username
    client.force_login(make_member(northshire, Role.OFFICER))
    assert client.get(RESULTS).status_code == 200
    assert 'href="/toolkit/survey/results/"' in client.get(URL).content.decode()


def test_results_count_only_the_councils_own_responses(
    officer_client, northshire, westmoor, survey
):
    """Another council's answers cannot even be recorded against this council's survey."""
    with pytest.raises(ValidationError):
        answer(survey, westmoor, "agree", times=1)
    answer(survey, northshire, "agree", times=12)
    assert officer_client.get(RESULTS).context["respondents"] == 12
