"""A partnership rates itself on the co-production principles and sees the change."""

import pytest

from vsend_plugin.core.models import Role
from vsend_plugin.toolkit.models import SelfAssessmentResponse

pytestmark = pytest.mark.django_db

URL = "/toolkit/self-assessment/"
RATINGS = {"act_early": "1", "system_change": "2", "right_people": "0", "get_started": "4"}


@pytest.fixture
def member(on_northshire, northshire, make_member):
    user = make_member(northshire, Role.PRACTITIONER)
    on_northshire.force_login(user)
    return user


def test_the_form_uses_the_councils_words_and_the_standard_ones(
    on_northshire, self_assessment, member
):
    html = on_northshire.get(URL).content.decode()
    assert html.count('<fieldset class="govuk-fieldset"') == 4
    assert "Act early with parent carers" in html and "Get started" in html
    assert "0 – Families hear about plans when they are finished" in html
    assert "1 – Beginning: we have talked about it" in html
    assert "Parent carers are there before the options are drawn up." in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_a_member_records_a_self_assessment_and_sees_the_chart(
    on_northshire, northshire, self_assessment, member
):
    response = on_northshire.post(URL, RATINGS)
    assert response.status_code == 302
    assert response["Location"].endswith(URL + "result/")
    stored = SelfAssessmentResponse.objects.get()
    assert stored.ratings == {
        "act_early": 1,
        "system_change": 2,
        "right_people": 0,
        "get_started": 4,
    }
    assert (
        stored.council == northshire
        and stored.created_by == member
        and stored.page.pk == self_assessment.pk
    )

    html = on_northshire.get(URL + "result/").content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in html
    assert '<title id="self-assessment-chart-title">' in html
    assert (
        "Act early with parent carers: 1 out of 4; Engage families in system change: 2 out of 4"
        in html
    )
    assert 'id="ratings"' in html and "Embedded: it is how we always work" in html


def test_the_result_shows_the_change_since_the_previous_self_assessment(
    on_northshire, self_assessment, member
):
    on_northshire.post(URL, RATINGS)
    on_northshire.post(URL, {**RATINGS, "act_early": "3", "get_started": "2"})
    response = on_northshire.get(URL + "result/")
    rows = {row["name"]: row for row in response.context["rows"]}
    assert rows["Act early with parent carers"]["change"] == 2
    assert rows["Get started"]["change"] == -2
    assert rows["Involve the right people"]["change"] == 0
    html = response.content.decode()
    assert "up 2" in html and "down 2" in html and "no change" in html


@pytest.mark.parametrize("bad", [{"act_early": "5"}, {"act_early": "x"}, {"act_early": ""}])
def test_bad_ratings_are_a_400_with_the_error_summary(on_northshire, self_assessment, member, bad):
    response = on_northshire.post(URL, {**RATINGS, **bad})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and 'href="#id_act_early_0"' in html
    assert not SelfAssessmentResponse.objects.exists()


def test_only_members_of_the_council_may_record(
    client, on_northshire, westmoor, self_assessment, make_member, django_user_model
):
    response = on_northshire.post(URL, RATINGS)
    assert response.status_code == 302 and "/sign-in/" in response["Location"]
    assert "Sign in</a> to record" in on_northshire.get(URL).content.decode()

    on_northshire.force_login(make_member(westmoor, Role.OFFICER))
    assert on_northshire.post(URL, RATINGS).status_code == 403
    assert on_northshire.get(URL + "result/").status_code == 403
    on_northshire.force_login(django_user_model.objects.create_user("parent", password="x"))
    assert on_northshire.post(URL, RATINGS).status_code == 403
    assert not SelfAssessmentResponse.objects.exists()


def test_posting_needs_a_csrf_token(northshire, self_assessment, make_member):
    from django.test import Client

    client = Client(enforce_csrf_checks=True, HTTP_HOST="northshire.localhost")
    client.force_login(make_member(northshire, Role.EDITOR))
    assert client.post(URL, RATINGS).status_code == 403
    assert not SelfAssessmentResponse.objects.exists()


def test_no_result_before_the_first_self_assessment_is_a_404(
    on_northshire, self_assessment, member
):
    assert on_northshire.get(URL + "result/").status_code == 404
