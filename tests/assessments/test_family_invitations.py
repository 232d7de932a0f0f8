"""A family invitation for a parent carer with no account, sent by email, accepted by POST.

Only a parent carer (staff of no council) may accept one: a practitioner or
officer who got hold of the link is refused, and reads nothing of the child
afterwards, through the pages or the API.
"""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from vsend_plugin.assessments.family import invite_family
from vsend_plugin.assessments.models import FamilyInvitation
from vsend_plugin.assessments.recording import record_assessment
from vsend_plugin.core.models import Role
from vsend_plugin.scoring import INDICATORS

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
HOST = {"HTTP_HOST": "northshire.localhost"}


@pytest.fixture
def scene(northshire, make_member, make_child):
    practitioner = make_member(northshire, Role.PRACTITIONER)
    child = make_child(northshire, "NS-41", "Robin")
    child.practitioners.add(practitioner)
    record_assessment(child, practitioner, need=dict.fromkeys(INDICATORS, 1), provision={})
    invitation, token = invite_family(child, practitioner)
    return {
        "child": child,
        "practitioner": practitioner,
        "invitation": invitation,
        "url": reverse("vsend_family_invitation", args=[token]),
        "create_account": reverse("vsend_family_create_account", args=[token]),
    }


def child_url(child):
    return reverse("vsend_child", args=[child.pk])


def test_signed_out_the_invitation_is_named_with_a_choice_to_sign_in_or_create_an_account(
    client, scene
):
    response = client.get(scene["url"], **HOST)
    html = response.content.decode()
    assert response.status_code == 200
    assert "You have been invited to see Robin's needs mapping" in html
    assert "Northshire Council" in html
    assert f'href="/sign-in/?{urlencode({"next": scene["url"]})}"' in html
    assert f'href="{scene["create_account"]}"' in html
    assert "Sign in</h1>" not in html  # not the bare sign-in page


def test_opening_the_link_grants_nothing_until_the_parent_confirms(
    client, scene, django_user_model
):
    parent = django_user_model.objects.create_user("a-parent", password=PASSWORD)
    client.force_login(parent)
    page = client.get(scene["url"], **HOST)
    assert page.status_code == 200 and 'method="post"' in page.content.decode()
    assert client.get(child_url(scene["child"]), **HOST).status_code == 404
    scene["invitation"].refresh_from_db()
    assert scene["invitation"].accepted_by is None

    response = client.post(scene["url"], **HOST)
    assert response.status_code == 302 and response["Location"] == child_url(scene["child"])
    assert client.get(child_url(scene["child"]), **HOST).status_code == 200


def test_a_parent_with_no_account_creates_one_confirms_and_arrives_at_their_child(
    client, scene, django_user_model
):
    response = client.post(
        scene["create_account"],
        {
            "name": "Sam  Parent",
            "email": "Sam.Parent@example.invalid",
            "password": "plum-orchard-kettle-41",
        },
        **HOST,
    )
    assert response.status_code == 302 and response["Location"] == scene["url"]
    user = django_user_model.objects.get(username="sam.parent@example.invalid")
    assert user.email == "sam.parent@example.invalid" and user.first_name == "Sam Parent"
    assert not user.is_staff and user.check_password("plum-orchard-kettle-41")

    confirmation = client.get(scene["url"], **HOST)
    assert "You are signed in as Sam Parent" in confirmation.content.decode()
    response = client.post(scene["url"], **HOST)
    assert response["Location"] == child_url(scene["child"])
    page = client.get(child_url(scene["child"]), **HOST)
    assert (
        page.status_code == 200
        and '<h1 class="govuk-heading-xl">Robin</h1>' in page.content.decode()
    )


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({}, "name", "Enter your full name"),
        ({}, "email", "Enter your email address"),
        ({}, "password", "Enter a password"),
        (
            {"email": "not-an-address"},
            "email",
            "Enter an email address in the correct format, like name@example.com",
        ),
        ({"password": "password"}, "password", "This password is too common."),
        (
            {"password": "short1x"},
            "password",
            "This password is too short. It must contain at least 8 characters.",
        ),
        ({"password": "73920518364"}, "password", "This password is entirely numeric."),
        (
            {"email": "robinsparentcarer@example.invalid", "password": "robinsparentcarer"},
            "password",
            "The password is too similar to the",
        ),
        (
            {"email": "taken@example.invalid"},
            "email",
            "An account with this email address already exists. Sign in instead.",
        ),
    ],
)
def test_account_errors_are_shown_the_govuk_way(
    client, scene, django_user_model, data, field, message
):
    django_user_model.objects.create_user("taken@example.invalid", email="taken@example.invalid")
    response = client.post(
        scene["create_account"], {"name": "", "email": "", "password": "", **data}, **HOST
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert '<div class="govuk-error-summary"' in html
    assert f'<a href="#id_{field}">' in html
    assert f'id="id_{field}-error"' in html and message in html
    assert 'value="' + data.get("password", "§") + '"' not in html  # a password is never echoed
    assert not client.session.get("_auth_user_id")


def test_an_existing_parent_signs_in_from_the_invitation_and_comes_back_to_it(
    client, scene, django_user_model
):
    django_user_model.objects.create_user("known-parent", password=PASSWORD)
    response = client.post(
        reverse("vsend_sign_in"),
        {"username": "known-parent", "password": PASSWORD, "next": scene["url"]},
        **HOST,
    )
    assert response.status_code == 302 and response["Location"] == scene["url"]


def test_the_practitioner_sends_the_invitation_by_email(client, scene, mailoutbox):
    client.force_login(scene["practitioner"])
    page = client.post(reverse("vsend_invite_family", args=[scene["child"].pk]), **HOST)
    html = page.content.decode()
    assert 'id="invitation-link"' in html and "Send invitation" in html
    token = html.split('name="token" value="')[1].split('"')[0]

    response = client.post(
        reverse("vsend_email_family_invitation", args=[scene["child"].pk]),
        {"token": token, "email": "robins-parent@example.invalid"},
        **HOST,
    )
    assert response.status_code == 302 and response["Location"] == child_url(scene["child"])
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["robins-parent@example.invalid"]
    assert "Robin" in message.subject and "Northshire Council" in message.subject
    assert f"http://northshire.localhost/family/invitation/{token}/" in message.body
    banner = client.get(child_url(scene["child"]), **HOST).content.decode()
    assert "Invitation sent to robins-parent@example.invalid" in banner


def test_a_bad_address_is_a_field_error_and_sends_nothing(client, scene, mailoutbox):
    client.force_login(scene["practitioner"])
    token = scene["url"].split("/")[-2]
    response = client.post(
        reverse("vsend_email_family_invitation", args=[scene["child"].pk]),
        {"token": token, "email": "robin at home"},
        **HOST,
    )
    assert response.status_code == 400
    assert "Enter an email address in the correct format" in response.content.decode()
    assert mailoutbox == []


def test_only_the_childs_practitioner_sends_its_invitations(
    client, scene, make_member, make_child, mailoutbox
):
    token = scene["url"].split("/")[-2]
    email_url = reverse("vsend_email_family_invitation", args=[scene["child"].pk])
    client.force_login(make_member(scene["child"].council, Role.PRACTITIONER, "not-assigned"))
    assert (
        client.post(email_url, {"token": token, "email": "x@example.invalid"}, **HOST).status_code
        == 404
    )

    other_child = make_child(scene["child"].council, "NS-42", "Ash")
    other_child.practitioners.add(scene["practitioner"])
    client.force_login(scene["practitioner"])
    other_url = reverse("vsend_email_family_invitation", args=[other_child.pk])
    assert (
        client.post(other_url, {"token": token, "email": "x@example.invalid"}, **HOST).status_code
        == 404
    )
    assert mailoutbox == []


def test_an_invitation_is_used_on_its_own_councils_site_only(
    client, scene, westmoor, django_user_model
):
    client.force_login(django_user_model.objects.create_user("a-parent", password=PASSWORD))
    response = client.post(scene["url"], HTTP_HOST="westmoor.localhost")
    assert response.status_code == 400 and "Robin" not in response.content.decode()


STAFF = [
    ("own practitioner, not assigned", "northshire", Role.PRACTITIONER),
    ("own editor", "northshire", Role.EDITOR),
    ("other council's practitioner", "westmoor", Role.PRACTITIONER),
    ("other council's officer", "westmoor", Role.OFFICER),
    ("other council's editor", "westmoor", Role.EDITOR),
    ("Django staff", None, "is_staff"),
    ("other council's practitioner record only", "westmoor", "practitioner_record"),
]


def make_staff(council_slug, role, make_member, django_user_model):
    from vsend_plugin.core.models import Council, Practitioner

    council = Council.objects.get(slug=council_slug) if council_slug else None
    if role == "is_staff":
        return django_user_model.objects.create_user(
            "django-staff", password=PASSWORD, is_staff=True
        )
    if role == "practitioner_record":
        user = django_user_model.objects.create_user("record-only", password=PASSWORD)
        Practitioner.objects.create(user=user, council=council)
        return user
    return make_member(council, role, f"{council.slug}-{role}-staff")


@pytest.mark.parametrize("label, council_slug, role", STAFF, ids=[s[0] for s in STAFF])
def test_council_staff_are_refused_and_read_nothing_of_the_child(
    client, scene, westmoor, make_member, django_user_model, label, council_slug, role
):
    from rest_framework.test import APIClient

    user = make_staff(council_slug, role, make_member, django_user_model)
    client.force_login(user)
    child = scene["child"]

    page = client.get(scene["url"], **HOST)
    assert page.status_code == 403
    assert "council staff account, which cannot accept a family invitation" in page.content.decode()
    assert "Robin" not in page.content.decode()
    refused = client.post(scene["url"], **HOST)
    assert refused.status_code == 403
    scene["invitation"].refresh_from_db()
    assert scene["invitation"].accepted_by is None
    assert not user.has_perm("vsend_assessments.view_child", child)

    for url in (
        child_url(child),
        reverse("vsend_family_view", args=[child.pk]),
        reverse("vsend_assessment_pdf", args=[child.latest_assessment().pk]),
    ):
        assert client.get(url, **HOST).status_code == 404, url
    assert "Robin" not in client.get(reverse("vsend_children"), **HOST).content.decode()

    api = APIClient()
    api.force_authenticate(user)
    for url in (
        f"/api/vsend/v1/children/{child.pk}/",
        f"/api/vsend/v1/children/{child.pk}/assessments/",
        f"/api/vsend/v1/assessments/{child.latest_assessment().pk}/pdf/",
    ):
        assert api.get(url, **HOST).status_code in (403, 404), url
    listing = api.get("/api/vsend/v1/children/", **HOST)
    assert "NS-41" not in listing.content.decode()


def test_a_superuser_cannot_accept_a_family_invitation_either(client, scene, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", password=PASSWORD))
    assert client.post(scene["url"], **HOST).status_code == 403
    assert FamilyInvitation.objects.get(pk=scene["invitation"].pk).accepted_by is None


def test_another_councils_practitioner_cannot_be_assigned_to_a_child_either_way(
    scene, westmoor, make_member
):
    from django.core.exceptions import ValidationError
    from django.db import transaction

    outsider = make_member(westmoor, Role.PRACTITIONER, "westmoor-outsider")
    child = scene["child"]
    with pytest.raises(ValidationError), transaction.atomic():
        child.practitioners.add(outsider)
    with pytest.raises(ValidationError), transaction.atomic():
        outsider.vsend_children.add(child)
    assert not child.practitioners.filter(pk=outsider.pk).exists()
    assert not outsider.has_perm("vsend_assessments.view_child", child)

    own = make_member(scene["child"].council, Role.PRACTITIONER, "northshire-second")
    own.vsend_children.add(child)
    assert own.has_perm("vsend_assessments.view_child", child)
    own.vsend_children.remove(child)
    own = type(own).objects.get(pk=own.pk)  # a fresh permission cache
    assert not own.has_perm("vsend_assessments.view_child", child)


def test_staff_who_accepted_an_invitation_before_lose_the_child(
    scene, westmoor, make_member, make_parent, django_user_model
):
    """The data migration takes back what staff got through invitations; families keep theirs."""
    from importlib import import_module

    from django.apps import apps
    from guardian.shortcuts import assign_perm

    child = scene["child"]
    outsider = make_member(westmoor, Role.OFFICER, "westmoor-officer-who-accepted")
    assign_perm("vsend_assessments.view_child", outsider, child)  # as accepting once did
    parent = make_parent(child, "robins-parent")

    migration = import_module("vsend_plugin.assessments.migrations.0004_revoke_staff_family_access")
    migration.revoke_staff_family_access(apps, None)

    fresh = django_user_model.objects.get
    assert not fresh(pk=outsider.pk).has_perm("vsend_assessments.view_child", child)
    assert fresh(pk=parent.pk).has_perm("vsend_assessments.view_child", child)
    assert fresh(pk=scene["practitioner"].pk).has_perm("vsend_assessments.view_child", child)
