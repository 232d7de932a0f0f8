"""A family, invited by a signed link, sees their child's summary and adds their view."""

from pathlib import Path
from unittest import mock

import pytest
from django.core import signing
from django.urls import reverse

from vsend_plugin.assessments.family import INVITATION_LIFETIME, invite_family
from vsend_plugin.assessments.models import AssessmentVersion
from vsend_plugin.assessments.recording import record_assessment
from vsend_plugin.core.models import Role
from vsend_plugin.needs_forms.binding import bindings
from vsend_plugin.needs_forms.importing import import_form
from vsend_plugin.needs_forms.library import read_library_file
from vsend_plugin.scoring import INDICATORS, score

pytestmark = pytest.mark.django_db

LIBRARY = Path(__file__).resolve().parents[2] / "forms_library"


@pytest.fixture
def scene(northshire, make_member, make_child, django_user_model):
    import_form(read_library_file(LIBRARY / "needs-mapping" / "core.yaml"), northshire)
    family_form, _ = import_form(
        read_library_file(LIBRARY / "family" / "contribution.yaml"), northshire
    )
    practitioner = make_member(northshire, Role.PRACTITIONER)
    child = make_child(northshire, "NS-9", "Robin")
    child.practitioners.add(practitioner)
    need = dict.fromkeys(INDICATORS, 1)
    need["SEMH.wellbeing"] = 3
    record_assessment(child, practitioner, need=need, provision={"SEMH": 2})
    parent = django_user_model.objects.create_user("a-parent", password="x")
    return {
        "child": child,
        "practitioner": practitioner,
        "parent": parent,
        "family_form": family_form,
        "need": need,
    }


def host(child):
    return {"HTTP_HOST": child.council.site.hostname}


def invitation_url(child, practitioner):
    _, token = invite_family(child, practitioner)
    return reverse("vsend_family_invitation", args=[token])


def test_practitioners_make_an_invitation_link(client, scene):
    client.force_login(scene["practitioner"])
    response = client.post(
        reverse("vsend_invite_family", args=[scene["child"].pk]), **host(scene["child"])
    )
    assert response.status_code == 200
    assert "/family/invitation/" in response.content.decode()


def test_the_family_accepts_sees_the_summary_and_adds_their_view(client, scene):
    child, parent = scene["child"], scene["parent"]
    client.force_login(parent)
    assert client.get(reverse("vsend_child", args=[child.pk]), **host(child)).status_code == 404

    url = invitation_url(child, scene["practitioner"])
    confirmation = client.get(url, **host(child))
    assert (
        confirmation.status_code == 200 and "Accept the invitation" in confirmation.content.decode()
    )
    assert client.get(reverse("vsend_child", args=[child.pk]), **host(child)).status_code == 404
    response = client.post(url, **host(child))
    assert response.status_code == 302
    page = client.get(reverse("vsend_child", args=[child.pk]), **host(child))
    assert page.status_code == 200 and "Add your view" in page.content.decode()

    form_page = client.get(reverse("vsend_family_view", args=[child.pk]), **host(child))
    assert form_page.status_code == 200
    data = {"form_version": scene["family_form"].version}
    confidence = {}
    for binding in bindings(scene["family_form"].form.fields):
        if binding.field_type == "family_confidence_rating":
            data[binding.field_name] = confidence[binding.code] = 1
        elif binding.field_type == "views":
            data[binding.field_name] = "Mornings are hard; weekends are calmer."
        elif binding.field_type == "aspirations":
            data[binding.field_name] = "To go to the after-school club."
    response = client.post(reverse("vsend_family_view", args=[child.pk]), data, **host(child))
    assert response.status_code == 302

    versions = list(AssessmentVersion.objects.filter(assessment__child=child).order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    first, second = versions
    assert first.family_confidence == {} and first.family_views == ""
    assert second.family_confidence == confidence
    assert second.need == first.need and second.author == parent and second.source == "family"
    assert second.family_views.startswith("Mornings are hard")
    assert second.profile == score(scene["need"], {"SEMH": 2}, confidence).as_dict()


def test_an_invitation_works_once(client, scene, django_user_model):
    url = invitation_url(scene["child"], scene["practitioner"])
    client.force_login(scene["parent"])
    assert client.post(url, **host(scene["child"])).status_code == 302
    client.force_login(django_user_model.objects.create_user("someone-else"))
    for response in (
        client.get(url, **host(scene["child"])),
        client.post(url, **host(scene["child"])),
    ):
        assert response.status_code == 400 and "already been used" in response.content.decode()


def test_tampered_and_expired_links_are_refused(client, scene):
    url = invitation_url(scene["child"], scene["practitioner"])
    client.force_login(scene["parent"])
    assert client.get(url[:-3] + "abc/", **host(scene["child"])).status_code == 400
    later = signing.TimestampSigner().timestamp()
    with mock.patch(
        "django.core.signing.time.time",
        return_value=signing.b62_decode(later) + INVITATION_LIFETIME.total_seconds() + 60,
    ):
        response = client.get(url, **host(scene["child"]))
    assert response.status_code == 400 and "expired" in response.content.decode()


def test_staff_cannot_use_a_family_invitation(client, scene, make_member):
    client.force_login(make_member(scene["child"].council, Role.OFFICER))
    response = client.post(
        invitation_url(scene["child"], scene["practitioner"]), **host(scene["child"])
    )
    assert response.status_code == 403


def test_only_the_family_adds_a_family_view(client, scene):
    client.force_login(scene["practitioner"])
    response = client.get(
        reverse("vsend_family_view", args=[scene["child"].pk]), **host(scene["child"])
    )
    assert response.status_code == 404


def family_answers(family_form):
    data = {"form_version": family_form.version}
    for binding in bindings(family_form.form.fields):
        if binding.field_type == "family_confidence_rating":
            data[binding.field_name] = 2
        elif binding.field_type in ("views", "aspirations"):
            data[binding.field_name] = "Calmer at weekends."
    return data


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(
            lambda data, names: data.update({names["family_confidence_rating"]: "7"}),
            id="out of range",
        ),
        pytest.param(
            lambda data, names: data.update({names["family_confidence_rating"]: "two"}),
            id="wrong type",
        ),
        pytest.param(
            lambda data, names: data.update({names["views"]: "x" * 4001}), id="oversized text"
        ),
        pytest.param(lambda data, names: data.update(form_version=99), id="tampered hidden field"),
    ],
)
def test_a_bad_family_view_is_refused_with_field_errors_and_nothing_stored(client, scene, spoil):
    child, family_form = scene["child"], scene["family_form"]
    client.force_login(scene["parent"])
    client.post(invitation_url(child, scene["practitioner"]), **host(child))
    data = family_answers(family_form)
    names = {
        binding.field_type: binding.field_name for binding in bindings(family_form.form.fields)
    }
    spoil(data, names)
    response = client.post(reverse("vsend_family_view", args=[child.pk]), data, **host(child))
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert AssessmentVersion.objects.filter(assessment__child=child).count() == 1
