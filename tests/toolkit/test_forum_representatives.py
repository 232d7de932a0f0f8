"""The partnership's self-assessment is taken by council staff and the forum's representatives.

A SEND officer names a parent carer as a representative of the parent carer
forum; that parent carer may then record and read the self-assessment, and
the page says who takes it.
"""

import pytest
from django.test import Client
from django.urls import reverse

from vsend_plugin.core.models import Role
from vsend_plugin.toolkit.models import ParentCarerRepresentative, SelfAssessmentResponse

pytestmark = pytest.mark.django_db

URL = "/toolkit/self-assessment/"
RATINGS = {"act_early": "1", "system_change": "2", "right_people": "0", "get_started": "4"}
ADD = "wagtailsnippets_vsend_toolkit_parentcarerrepresentative:add"


@pytest.fixture
def parent(django_user_model):
    return django_user_model.objects.create_user(
        "forum-parent", email="forum.parent@example.org", password="x", first_name="Robin"
    )


@pytest.fixture
def officer(northshire, make_member):
    client = Client()
    client.force_login(make_member(northshire, Role.OFFICER))
    return client


def on_site(user):
    client = Client(HTTP_HOST="northshire.localhost")
    client.force_login(user)
    return client


def test_the_page_says_who_takes_it(on_northshire, self_assessment):
    html = on_northshire.get(URL).content.decode()
    assert "Who records it" in html
    assert "staff and the parent carer forum's representatives" in html


def test_a_parent_carer_is_refused_until_an_officer_names_them(
    self_assessment, parent, officer, northshire
):
    client = on_site(parent)
    assert client.post(URL, RATINGS).status_code == 403
    html = client.get(URL).content.decode()
    assert "ask your parent carer forum to contact the council" in html

    response = officer.post(
        reverse(ADD), {"council": northshire.pk, "account": "Forum.Parent@example.org"}
    )

    assert response.status_code == 302
    named = ParentCarerRepresentative.objects.get()
    assert (named.user, named.council, named.named_by.username) == (
        parent,
        northshire,
        "northshire-officer",
    )
    assert 'name="act_early"' in client.get(URL).content.decode()
    assert client.post(URL, RATINGS).status_code == 302
    assert SelfAssessmentResponse.objects.get().created_by == parent
    assert client.get(URL + "result/").status_code == 200


def test_a_representative_of_one_council_is_not_one_of_another(
    self_assessment, parent, westmoor, make_council
):
    ParentCarerRepresentative.objects.create(council=westmoor, user=parent)

    assert on_site(parent).post(URL, RATINGS).status_code == 403


@pytest.mark.parametrize(
    "account, message",
    [
        ("nobody@example.org", "No account has this email address or user name."),
        ("northshire-practitioner", "This is a council staff account."),
        ("", "This field is required."),
    ],
)
def test_only_a_parent_carers_account_can_be_named(
    officer, northshire, make_member, account, message
):
    make_member(northshire, Role.PRACTITIONER)

    response = officer.post(reverse(ADD), {"council": northshire.pk, "account": account})

    assert response.status_code == 200 and message in response.content.decode()
    assert not ParentCarerRepresentative.objects.exists()


def test_naming_the_same_parent_carer_twice_is_a_field_error(officer, northshire, parent):
    ParentCarerRepresentative.objects.create(council=northshire, user=parent)

    response = officer.post(reverse(ADD), {"council": northshire.pk, "account": "forum-parent"})

    assert response.status_code == 200
    assert "a representative already" in response.content.decode()


def test_officers_name_representatives_for_their_own_council_only(
    officer, westmoor, parent, make_member, northshire
):
    response = officer.post(reverse(ADD), {"council": westmoor.pk, "account": "forum-parent"})
    assert response.status_code == 200 and not ParentCarerRepresentative.objects.exists()

    ParentCarerRepresentative.objects.create(council=westmoor, user=parent)
    listing = officer.get(
        reverse("wagtailsnippets_vsend_toolkit_parentcarerrepresentative:list")
    ).content.decode()
    assert "forum-parent" not in listing and "Robin" not in listing

    practitioner = Client()
    practitioner.force_login(make_member(northshire, Role.PRACTITIONER))
    assert practitioner.get(reverse(ADD)).status_code in (302, 403)
