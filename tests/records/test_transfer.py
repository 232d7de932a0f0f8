"""A transfer between two councils on one install: started, seen, accepted, declined, withdrawn.

Northshire's officer offers a child with a history (two assessments, a plan
with a catalogue entry, a second rating, a draft, a family with access) to
Westmoor. Until Westmoor accepts, Westmoor sees that a transfer waits and
nothing of the record. After it accepts, the child, every assessment's
profile (byte for byte), the plan and the family's access are Westmoor's;
Northshire reads nothing of the record, anywhere, and keeps the transfer's
entry and a pseudonymous access log. Both councils' rollups follow.
"""

import json

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from guardian.shortcuts import assign_perm
from rest_framework.test import APIClient

from tests.conftest import create_child, create_council, create_member
from tests.once import copy_for_a_test, made_once_a_module
from vsend_plugin.assessments.models import AccessEvent, Child, NeedsMappingDraft
from vsend_plugin.assessments.recording import record_assessment
from vsend_plugin.benchmarking.models import Rollup
from vsend_plugin.benchmarking.periods import period_of
from vsend_plugin.benchmarking.rollups import council_records, rebuild
from vsend_plugin.core.models import Role
from vsend_plugin.moderation.models import SecondRating
from vsend_plugin.moderation.ratings import record_second_rating
from vsend_plugin.moderation.rounds import open_round
from vsend_plugin.needs_forms.importing import import_form
from vsend_plugin.needs_forms.library import read_library_file
from vsend_plugin.planning.models import ProvisionService, SupportItem
from vsend_plugin.planning.plans import save_plan
from vsend_plugin.planning.scheme import empty_trajectory
from vsend_plugin.records.models import ChildTransfer, TransferStatus
from vsend_plugin.records.transfers import (
    accept_transfer,
    decline_transfer,
    incoming,
    start_transfer,
    withdraw_transfer,
)
from vsend_plugin.scoring import INDICATORS

NAME, REFERENCE = "Ottoline", "NS-MOVE-1"
BASE = "/api/vsend/v1"

pytestmark = pytest.mark.django_db


@made_once_a_module
def scene():
    from django.contrib.auth import get_user_model

    northshire = create_council("northshire", "E06000047")
    westmoor = create_council("westmoor", "E06000048")
    practitioner = create_member(northshire, Role.PRACTITIONER, "ns-practitioner")
    create_member(northshire, Role.PRACTITIONER, "ns-rater")
    parent = get_user_model().objects.create_user("ottolines-parent", password="x")
    child = create_child(northshire, REFERENCE, NAME)
    child.practitioners.add(practitioner)
    assign_perm("vsend_assessments.view_child", parent, child)
    assign_perm("vsend_assessments.view_child", practitioner, child)
    versions = [
        record_assessment(
            child, practitioner, need=dict.fromkeys(INDICATORS, level), queue_tasks=False
        )
        for level in (1, 3)
    ]
    talk_boost = ProvisionService.objects.create(
        council=northshire, name="Talk Boost", support_type="group", areas=["CI"]
    )
    save_plan(
        child,
        {
            "support": [
                {
                    "support_type": "group",
                    "area": "CI",
                    "name": "Talk Boost",
                    "starts": "2026-09-01",
                    "catalogue_entry": talk_boost,
                }
            ],
            "outcomes": [
                {"area": "CI", "text": "Asks for help in class", "horizon": "next_review"}
            ],
            "trajectory": empty_trajectory(),
        },
        author=practitioner,
    )
    moderation_round = open_round(northshire, [versions[0].assessment_id], ["ns-rater"])
    record_second_rating(moderation_round.second_ratings.get(), dict.fromkeys(INDICATORS, 2))
    council_form, _ = import_form(read_library_file("core-needs-mapping"), northshire)
    NeedsMappingDraft.objects.create(
        child=child,
        council=northshire,
        author=practitioner,
        form=council_form,
        form_version=council_form.version,
        answers={},
    )
    other = create_child(northshire, "NS-STAY-1", "Percival")
    record_assessment(other, practitioner, need=dict.fromkeys(INDICATORS, 2), queue_tasks=False)
    rebuild()
    return {
        "northshire": northshire,
        "westmoor": westmoor,
        "child": child,
        "other": other,
        "parent": parent,
        "practitioner": practitioner,
        "ns_officer": create_member(northshire, Role.OFFICER, "ns-officer"),
        "wm_officer": create_member(westmoor, Role.OFFICER, "wm-officer"),
        "wm_practitioner": create_member(westmoor, Role.PRACTITIONER, "wm-practitioner"),
        "third_officer": create_member(
            create_council("eastdale", "E06000049"), Role.OFFICER, "ed-officer"
        ),
    }


@pytest.fixture
def world(scene):
    return copy_for_a_test(scene)


def api(user, path):
    client = APIClient()
    client.force_authenticate(user)
    return client.get(f"{BASE}/{path}")


def profiles(user, child):
    response = api(user, f"children/{child.pk}/assessments/")
    assert response.status_code == 200, response.content
    body = response.json()
    rows = body["results"] if isinstance(body, dict) else body
    return sorted(json.dumps(row["profile"], sort_keys=True) for row in rows)


def accept(world, transfer, **placement):
    westmoor = world["westmoor"]
    defaults = {
        "setting": westmoor.settings.order_by("pk").first(),
        "locality": westmoor.localities.order_by("pk").first(),
        "case_reference": "WM-0001",
    }
    return accept_transfer(transfer, by=world["wm_officer"], **{**defaults, **placement})


def test_a_waiting_transfer_shows_its_existence_and_nothing_of_the_record(world, client):
    child = world["child"]
    transfer = start_transfer(child, world["westmoor"], by=world["ns_officer"], note="Moving soon")
    assert list(incoming([world["westmoor"]])) == [transfer]
    client.force_login(world["wm_officer"])
    listing = client.get(reverse("vsend_transfers")).content.decode()
    assert REFERENCE in listing and "Moving soon" in listing and NAME not in listing
    page = client.get(reverse("vsend_transfer", args=[transfer.pk])).content.decode()
    assert "Accept the transfer" in page and NAME not in page
    for path in (f"children/{child.pk}/", f"children/{child.pk}/record/"):
        assert api(world["wm_officer"], path).status_code == 404
    # the child is still Northshire's, whole
    assert api(world["ns_officer"], f"children/{child.pk}/record/").status_code == 200
    assert AccessEvent.objects.filter(child=child, action="transfer_started").count() == 1


def test_accepting_moves_the_whole_history_and_leaves_the_sender_nothing(
    world, django_capture_on_commit_callbacks
):
    child, parent = world["child"], world["parent"]
    before = profiles(world["ns_officer"], child)
    period = period_of(child.assessments.first().taken_at)
    computed = Rollup.objects.filter(council=world["northshire"]).latest("computed_at").computed_at
    transfer = start_transfer(child, world["westmoor"], by=world["ns_officer"])

    with django_capture_on_commit_callbacks(execute=True):
        with_commit = accept(world, transfer)

    child = Child.objects.get(pk=child.pk)
    assert child.council == world["westmoor"] and child.case_reference == "WM-0001"
    assert child.setting.council == world["westmoor"]
    assert profiles(world["wm_officer"], child) == before  # byte for byte
    assert with_commit.pk == child.pk
    # the plan moved; its catalogue link to Northshire's provision did not
    [item] = SupportItem.objects.filter(plan__child=child)
    assert item.council == world["westmoor"] and item.catalogue_entry is None
    assert api(world["wm_officer"], f"children/{child.pk}/plan/").json()["outcomes"][0]["text"] == (
        "Asks for help in class"
    )
    # the family keeps its access; Northshire's practitioner and officer lose theirs
    assert api(parent, f"children/{child.pk}/").status_code == 200
    for user in (world["practitioner"], world["ns_officer"]):
        for path in (f"children/{child.pk}/", f"children/{child.pk}/record/"):
            assert api(user, path).status_code == 404, (user, path)
    assert not child.practitioners.exists()
    assert not SecondRating.objects.filter(assessment__child=child).exists()
    assert not NeedsMappingDraft.objects.filter(child=child).exists()
    # the sender keeps its transfer entry and a log naming nobody
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.ACCEPTED and transfer.child is None
    sender_log = AccessEvent.objects.filter(council=world["northshire"])
    assert not sender_log.filter(child=child).exists()
    assert sender_log.filter(action="transferred_out").exclude(child_pseudonym="").count() == 1
    assert AccessEvent.objects.filter(
        council=world["westmoor"], child=child, action="transferred_in"
    ).exists()
    # the receiver's record export holds the whole history
    record = api(world["wm_officer"], f"children/{child.pk}/record/").json()
    assert record["council"]["slug"] == "westmoor" and len(record["assessments"]) == 2
    # rollups follow: Northshire's quarter without the child, Westmoor's with them
    assert {r.child for r in council_records(world["northshire"], period)} == {world["other"].pk}
    assert {r.child for r in council_records(world["westmoor"], period)} == {child.pk}
    assert Rollup.objects.filter(council=world["northshire"], computed_at__gt=computed).exists()
    assert Rollup.objects.filter(council=world["westmoor"], period=period).exists()


def test_a_placement_outside_the_receiving_council_or_a_taken_reference_is_refused(world):
    child = world["child"]
    transfer = start_transfer(child, world["westmoor"], by=world["ns_officer"])
    create_child(world["westmoor"], "WM-TAKEN")
    with pytest.raises(ValidationError) as refused:
        accept(
            world,
            transfer,
            setting=world["northshire"].settings.first(),
            case_reference="WM-TAKEN",
        )
    assert set(refused.value.message_dict) == {"setting", "case_reference"}
    assert Child.objects.get(pk=child.pk).council == world["northshire"]


def test_declined_and_withdrawn_transfers_leave_the_child_where_they_are(world):
    child = world["child"]
    transfer = start_transfer(child, world["westmoor"], by=world["ns_officer"])
    with pytest.raises(ValidationError):
        start_transfer(child, world["westmoor"], by=world["ns_officer"])  # one at a time
    with pytest.raises(ValidationError):
        decline_transfer(transfer, by=world["wm_officer"], reason="  ")
    decline_transfer(transfer, by=world["wm_officer"], reason="Not moving after all")
    with pytest.raises(ValidationError):
        accept(world, transfer)
    again = start_transfer(child, world["westmoor"], by=world["ns_officer"])
    withdraw_transfer(again, by=world["ns_officer"])
    assert Child.objects.get(pk=child.pk).council == world["northshire"]
    assert list(ChildTransfer.objects.values_list("status", flat=True).order_by("pk")) == [
        "declined",
        "withdrawn",
    ]
    with pytest.raises(ValidationError):
        start_transfer(child, world["northshire"], by=world["ns_officer"])


# The admin, as each role -----------------------------------------------------------


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_admin_journey_start_then_accept(world):
    child, westmoor = world["child"], world["westmoor"]
    sender = signed_in(world["ns_officer"])
    assert "Transfers of children" in sender.get(reverse("wagtailadmin_home")).content.decode()
    # from the children listing's row, as an officer finds it
    listing = sender.get(reverse("wagtailsnippets_vsend_assessments_child:list")).content.decode()
    start = reverse("vsend_transfer_start") + f"?child={child.pk}"
    assert start in listing.replace("&amp;", "&")
    assert (
        start
        not in signed_in(world["practitioner"])
        .get(reverse("wagtailsnippets_vsend_assessments_child:list"))
        .content.decode()
    )
    form = sender.get(start).content.decode()
    assert f'value="{REFERENCE}"' in form
    refused = sender.post(
        reverse("vsend_transfer_start"), {"case_reference": "NS-NOBODY", "to_council": westmoor.pk}
    )
    assert refused.status_code == 400 and "NS-NOBODY" in refused.content.decode()
    response = sender.post(
        reverse("vsend_transfer_start"),
        {"case_reference": REFERENCE, "to_council": westmoor.pk, "note": "January"},
    )
    assert response.status_code == 302
    transfer = ChildTransfer.objects.get()

    receiver = signed_in(world["wm_officer"])
    page = reverse("vsend_transfer", args=[transfer.pk])
    bad = receiver.post(page, {"action": "accept", "case_reference": "WM-9"})
    assert bad.status_code == 400 and "Choose a setting" in bad.content.decode()
    response = receiver.post(
        page,
        {
            "action": "accept",
            "setting": westmoor.settings.first().pk,
            "locality": westmoor.localities.first().pk,
            "case_reference": "WM-9",
        },
    )
    assert response.status_code == 302
    assert Child.objects.get(pk=child.pk).council == westmoor
    listing = sender.get(reverse("vsend_transfers")).content.decode()
    assert "Accepted" in listing and NAME not in listing


def test_who_may_see_and_decide_a_transfer(world):
    transfer = start_transfer(world["child"], world["westmoor"], by=world["ns_officer"])
    page = reverse("vsend_transfer", args=[transfer.pk])
    assert signed_in(world["third_officer"]).get(page).status_code == 404
    for user in (world["practitioner"], world["wm_practitioner"], world["parent"]):
        client = signed_in(user)
        assert client.get(page).status_code in (302, 403), user
        assert client.get(reverse("vsend_transfers")).status_code in (302, 403), user
    # the sender cannot accept its own offer, nor the receiver withdraw it
    assert signed_in(world["ns_officer"]).post(page, {"action": "accept"}).status_code == 400
    assert signed_in(world["wm_officer"]).post(page, {"action": "withdraw"}).status_code == 400
    transfer.refresh_from_db()
    assert transfer.is_pending


def test_erasing_a_child_ends_a_waiting_transfer_and_leaves_no_reference(world):
    from vsend_plugin.records.erasure import erase_child

    transfer = start_transfer(world["child"], world["westmoor"], by=world["ns_officer"], note="x")
    pseudonym = erase_child(world["child"], by=world["ns_officer"])
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.WITHDRAWN and transfer.child is None
    assert transfer.case_reference == pseudonym and transfer.note == ""
    assert not incoming([world["westmoor"]]).exists()
