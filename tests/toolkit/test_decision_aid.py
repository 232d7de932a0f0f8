"""The decision aid recommends a level of involvement, with reasons, from a GET form."""

import pytest

from vsend_plugin.toolkit.involvement import recommend

pytestmark = pytest.mark.django_db


def points(**kwargs):
    return kwargs


def test_the_level_with_most_points_is_recommended():
    result = recommend([points(inform=3, reason="Decided."), points(consult=1, reason="")])
    assert result.level == "inform"
    assert result.totals == {"inform": 3, "consult": 1, "involve": 0, "coproduce": 0}
    assert result.reasons == ("Decided.",)


@pytest.mark.parametrize(
    "chosen, level",
    [
        ([points(inform=2, consult=2)], "consult"),
        ([points(consult=1, involve=1)], "involve"),
        ([points(involve=3, coproduce=3)], "coproduce"),
        ([points(inform=1, coproduce=1)], "coproduce"),
        ([points()], "coproduce"),
    ],
)
def test_a_tie_goes_to_the_more_involving_level(chosen, level):
    assert recommend(chosen).level == level


def test_the_form_shows_every_question_as_radios_in_a_fieldset(on_northshire, decision_aid):
    response = on_northshire.get("/toolkit/decide/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'method="get"' in html
    assert html.count('<fieldset class="govuk-fieldset"') == 2
    assert "Who will the change affect?" in html and "Think about every family" in html
    assert 'name="q1" type="radio" value="2"' in html
    assert "govuk-error-summary" not in html


def test_answers_in_the_address_give_a_recommendation_with_reasons(on_northshire, decision_aid):
    response = on_northshire.get("/toolkit/decide/", {"answered": "1", "q1": "2", "q2": "3"})
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["recommendation"].level == "coproduce"
    assert "Recommendation: Co-produce" in html
    assert "The change affects many families." in html and "Nothing is decided yet." in html
    assert "Only a few families are affected." not in html
    assert "Talk to the parent carer forum to start." in html
    # Many families (involve 2, co-produce 2) + everything (co-produce 3)
    assert response.context["recommendation"].totals == {
        "inform": 0,
        "consult": 0,
        "involve": 2,
        "coproduce": 5,
    }


def test_a_shared_address_without_the_marker_still_answers(on_northshire, decision_aid):
    response = on_northshire.get("/toolkit/decide/?q1=1&q2=1")
    assert response.status_code == 200
    assert response.context["recommendation"].level == "inform"
    assert "Recommendation: Inform" in response.content.decode()


def test_a_tie_in_the_answers_goes_to_the_more_involving_level(on_northshire, decision_aid):
    # A few families (inform 2, consult 1) + the details (consult 1, involve 1):
    # inform 2, consult 2, involve 1
    response = on_northshire.get("/toolkit/decide/?q1=1&q2=2")
    recommendation = response.context["recommendation"]
    assert recommendation.totals["inform"] == recommendation.totals["consult"] == 2
    assert recommendation.level == "consult"
    assert "Recommendation: Consult" in response.content.decode()


def test_a_missing_answer_is_a_400_with_the_error_summary(on_northshire, decision_aid):
    response = on_northshire.get("/toolkit/decide/", {"answered": "1", "q1": "1"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert 'href="#id_q2_0"' in html and 'id="id_q2_0"' in html
    assert "Select an answer" in html
    assert "govuk-form-group--error" in html
    assert "<title>Error:" in html
    # the answer given is kept
    assert 'name="q1" type="radio" value="1" checked' in html


@pytest.mark.parametrize("bad", ["9", "0", "abc", "-1", "1.5", ""])
def test_a_tampered_answer_is_a_400_never_a_500(on_northshire, decision_aid, bad):
    response = on_northshire.get("/toolkit/decide/", {"q1": bad, "q2": "1"})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


def test_sending_nothing_shows_every_error(on_northshire, decision_aid):
    response = on_northshire.get("/toolkit/decide/?answered=1")
    assert response.status_code == 400
    assert response.content.decode().count("Select an answer") >= 2


def test_unrelated_query_parameters_do_not_trigger_errors(on_northshire, decision_aid):
    response = on_northshire.get("/toolkit/decide/?utm_source=newsletter")
    assert response.status_code == 200
    assert "There is a problem" not in response.content.decode()
