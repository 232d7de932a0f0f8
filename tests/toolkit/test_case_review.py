"""Reviewers record whether help could have come earlier; officers see the aggregate."""

import pytest
from django.test import Client

from vsend_plugin.core.models import Role
from vsend_plugin.toolkit.models import CaseReview
from vsend_plugin.toolkit.results import summarise_case_reviews

pytestmark = pytest.mark.django_db

URL = "/toolkit/case-review/"
RESULTS = URL + "results/"


@pytest.fixture
def reviewer(northshire, make_member):
    client = Client(HTTP_HOST="northshire.localhost")
    client.force_login(make_member(northshire, Role.PRACTITIONER))
    return client


@pytest.fixture
def officer(northshire, make_member):
    client = Client(HTTP_HOST="northshire.localhost")
    client.force_login(make_member(northshire, Role.OFFICER))
    return client


def kinds(page):
    return [key for key, _ in page.help_kind_values()]


def test_a_reviewer_records_a_case_by_reference(reviewer, northshire, case_review):
    html = reviewer.get(URL).content.decode()
    assert "Never the child&#x27;s name" in html
    assert "Speech and language therapy" in html and "Children&#x27;s social care" in html
    response = reviewer.post(
        URL,
        {
            "case_reference": "ns-00042",
            "earlier_help": "yes",
            "help_kind": kinds(case_review)[0],
            "what": "A referral when the nursery first raised concerns.",
            "agency": "health",
        },
    )
    assert response.status_code == 302
    review = CaseReview.objects.get()
    assert review.case_reference == "NS-00042" and review.council == northshire
    assert review.help_kind_label == "Speech and language therapy" and review.agency == "health"
    assert "Review of NS-00042 saved" in reviewer.get(URL).content.decode()
    assert "Review of NS-00042 saved" not in reviewer.get(URL).content.decode()


@pytest.mark.parametrize(
    "data, field",
    [
        ({"case_reference": "Amara Smith", "earlier_help": "no"}, "case_reference"),
        ({"case_reference": "NS-1", "earlier_help": "perhaps"}, "earlier_help"),
        ({"case_reference": "NS-1", "earlier_help": "yes"}, "help_kind"),
        ({"case_reference": "NS-1", "earlier_help": "yes", "help_kind": "forged"}, "help_kind"),
        ({"case_reference": "NS-1", "earlier_help": "yes", "agency": "police"}, "agency"),
    ],
)
def test_bad_answers_are_a_400_with_the_error_summary(reviewer, case_review, data, field):
    response = reviewer.post(URL, data)
    assert response.status_code == 400
    html = response.content.decode()
    anchor = (
        f"id_{field}" if field == "case_reference" else f"id_{field}_0"
    )  # radios: the first option
    assert "There is a problem" in html and f'href="#{anchor}"' in html
    assert not CaseReview.objects.exists()


def test_only_council_members_record(northshire, westmoor, case_review, make_member):
    client = Client(HTTP_HOST="northshire.localhost")
    data = {"case_reference": "NS-1", "earlier_help": "no"}
    assert client.post(URL, data).status_code == 302
    client.force_login(make_member(westmoor, Role.OFFICER))
    assert client.post(URL, data).status_code == 403
    assert not CaseReview.objects.exists()


def record(page, council, case, earlier, kind=None, agency="education"):
    CaseReview.objects.create(
        page=page,
        council=council,
        case_reference=case,
        earlier_help=earlier,
        help_kind=kind or "",
        agency=agency if earlier == "yes" else "",
    )


def test_officers_see_the_share_and_the_most_common_missed_help(officer, northshire, case_review):
    speech, parenting, _ehc = kinds(case_review)
    for n in range(8):
        record(case_review, northshire, f"NS-{n}", "yes", speech, "health")
    for n in range(8, 10):
        record(case_review, northshire, f"NS-{n}", "yes", parenting, "early_help")
    for n in range(10, 20):
        record(case_review, northshire, f"NS-{n}", "no")
    # A second reviewer of a case already counted does not count it twice.
    record(case_review, northshire, "NS-0", "yes", speech, "education")

    response = officer.get(RESULTS)
    assert response.status_code == 200
    summary = response.context["summary"]
    assert summary.cases == 20
    assert summary.earlier == {"yes": 10, "no": 10, "unsure": 0}
    assert summary.earlier_share == 50
    # parenting's 2 is hidden, so the next smallest (speech's 8) goes too: nothing to name.
    assert dict(summary.help_kinds) == {
        "Speech and language therapy": None,
        "Parenting support": None,
        "Early EHC needs assessment": 0,
    }
    assert summary.most_common == []
    html = response.content.decode()
    assert "50%" in html and "Hidden (suppressed)" in html


def test_the_most_common_missed_help_is_named_when_it_can_be(northshire, case_review):
    speech, parenting, ehc = kinds(case_review)
    reviews = (
        [(f"A{n}", "yes", speech, "health") for n in range(9)]
        + [(f"B{n}", "yes", parenting, "health") for n in range(6)]
        + [(f"C{n}", "yes", ehc, "send_team") for n in range(5)]
    )
    summary = summarise_case_reviews(reviews, case_review.help_kind_values(), 10)
    assert summary.earlier_share == 100
    assert summary.most_common == ["Speech and language therapy"]
    assert dict(summary.agencies)["Health (including therapies and CAMHS)"] == 15


def test_a_case_counts_as_earlier_help_possible_if_any_reviewer_says_so():
    reviews = [("A", "no", "", ""), ("A", "unsure", "", ""), ("A", "yes", "k", "health")] + [
        (f"N{n}", "no", "", "") for n in range(9)
    ]
    summary = summarise_case_reviews(reviews, [("k", "Kind")], 10)
    assert summary.cases == 10
    # 1 yes is hidden, and 9 no as well so that it cannot be worked out.
    assert summary.earlier == {"yes": None, "no": None, "unsure": 0}
    assert summary.earlier_share is None
    assert summary.help_kinds_suppressed


def test_too_few_cases_show_nothing(officer, northshire, case_review, settings):
    settings.VSEND_MIN_GROUP = 10
    for n in range(9):
        record(case_review, northshire, f"NS-{n}", "yes", kinds(case_review)[0])
    response = officer.get(RESULTS)
    assert response.context["summary"].suppressed
    assert 'id="suppressed"' in response.content.decode()


def test_results_are_for_the_councils_officers_only(northshire, westmoor, case_review, make_member):
    client = Client(HTTP_HOST="northshire.localhost")
    response = client.get(RESULTS)
    assert response.status_code == 302
    assert response["Location"] == f"/sign-in/?next={RESULTS}"
    for user in (make_member(northshire, Role.PRACTITIONER), make_member(westmoor, Role.OFFICER)):
        client.force_login(user)
        assert client.get(RESULTS).status_code == 403
