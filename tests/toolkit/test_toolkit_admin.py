"""Officers read their own council's self-assessments and case reviews in the admin.

Nobody edits them: they are a record of what reviewers and partnerships said.
"""

import pytest
from django.urls import reverse

from vsend_plugin.core.models import Role
from vsend_plugin.toolkit.models import CaseReview, SelfAssessmentResponse

pytestmark = pytest.mark.django_db

CASES = "wagtailsnippets_vsend_toolkit_casereview"
SELF_ASSESSMENTS = "wagtailsnippets_vsend_toolkit_selfassessmentresponse"


@pytest.fixture
def records(northshire, westmoor, case_review, self_assessment):
    own = CaseReview.objects.create(
        page=case_review, council=northshire, case_reference="NS-00042", earlier_help="no"
    )
    from vsend_plugin.toolkit.models import CaseReviewPage, ToolkitIndexPage

    westmoor_toolkit = westmoor.site.root_page.add_child(
        instance=ToolkitIndexPage(title="Working together", slug="toolkit", intro="")
    )
    westmoor_page = westmoor_toolkit.add_child(
        instance=CaseReviewPage(title="Case review", slug="case-review", help_kinds=[])
    )
    other = CaseReview.objects.create(
        page=westmoor_page, council=westmoor, case_reference="WM-00007", earlier_help="no"
    )
    SelfAssessmentResponse.objects.create(
        page=self_assessment, council=northshire, ratings={"act_early": 2}
    )
    return own, other


def test_officers_list_only_their_councils_case_reviews(client, northshire, make_member, records):
    own, other = records
    client.force_login(make_member(northshire, Role.OFFICER))
    response = client.get(reverse(f"{CASES}:list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "NS-00042" in html and "WM-00007" not in html
    assert client.get(reverse(f"{CASES}:inspect", args=[own.pk])).status_code == 200
    assert client.get(reverse(f"{CASES}:inspect", args=[other.pk])).status_code == 404
    assert client.get(reverse(f"{CASES}:edit", args=[own.pk])).status_code in (302, 403)
    assert client.get(reverse(f"{CASES}:add")).status_code in (302, 403)
    assert client.get(reverse(f"{SELF_ASSESSMENTS}:list")).status_code == 200


@pytest.mark.parametrize("role", [Role.EDITOR, Role.PRACTITIONER])
def test_other_roles_do_not_see_the_records(client, northshire, make_member, records, role):
    client.force_login(make_member(northshire, role))
    assert client.get(reverse(f"{CASES}:list")).status_code in (302, 403)
    assert client.get(reverse(f"{SELF_ASSESSMENTS}:list")).status_code in (302, 403)
