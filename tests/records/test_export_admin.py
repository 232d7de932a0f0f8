"""The children listing in the admin: each child's whole record, as JSON and as PDF, for officers.

The buttons are shown to the SEND officers of the child's council (and
superusers) only; the JSON download is the ``vsend-record/1`` document,
valid against its shipped schema, saved as a file and logged; another
council's officer finds no such child.
"""

import json
from importlib.resources import files

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from jsonschema import Draft202012Validator

from tests.conftest import create_child, create_council, create_member
from tests.once import copy_for_a_test, made_once_a_module
from vsend_plugin.assessments.models import AccessEvent
from vsend_plugin.assessments.recording import record_assessment
from vsend_plugin.core.models import Role
from vsend_plugin.planning.plans import save_plan
from vsend_plugin.planning.scheme import empty_trajectory
from vsend_plugin.records.export_admin import listing_buttons
from vsend_plugin.scoring import INDICATORS

SCHEMA = json.loads(
    (files("vsend_plugin.records") / "schema" / "vsend-record-1.schema.json").read_text()
)
LISTING = reverse("wagtailsnippets_vsend_assessments_child:list")


@made_once_a_module
def recorded():
    northshire = create_council("northshire", "E06000047")
    westmoor = create_council("westmoor", "E06000048")
    practitioner = create_member(northshire, Role.PRACTITIONER, "ns-practitioner")
    child = create_child(northshire, "NS-0007", "Robin")
    child.practitioners.add(practitioner)
    record_assessment(child, practitioner, need=dict.fromkeys(INDICATORS, 1))
    save_plan(
        child,
        {
            "support": [],
            "outcomes": [{"area": "CI", "text": "Asks for help", "horizon": "next_review"}],
            "trajectory": empty_trajectory(),
        },
        author=practitioner,
    )
    return {
        "child": child,
        "westmoor_child": create_child(westmoor, "WM-0001", "Sam"),
        "practitioner": practitioner,
        "officer": create_member(northshire, Role.OFFICER, "ns-officer"),
        "westmoor_officer": create_member(westmoor, Role.OFFICER, "wm-officer"),
    }


@pytest.fixture
def world(recorded, db):
    cache.clear()
    return copy_for_a_test(recorded)


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def export_url(child):
    return reverse("vsend_records_export", args=[child.pk])


def pdf_url(child):
    return reverse("vsend_records_pdf", args=[child.pk])


def test_officers_see_the_buttons_on_their_own_councils_children(world):
    response = client_for(world["officer"]).get(LISTING)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{export_url(world["child"])}"' in html
    assert f'href="{pdf_url(world["child"])}"' in html
    assert "Export record" in html and "Record PDF" in html


def test_a_practitioner_of_the_same_council_sees_no_buttons(world):
    response = client_for(world["practitioner"]).get(LISTING, follow=True)
    html = response.content.decode()
    assert export_url(world["child"]) not in html
    assert pdf_url(world["child"]) not in html
    # Nor would they if the listing were opened to them: the hook itself refuses them.
    assert list(listing_buttons(world["child"], world["practitioner"])) == []


def test_the_buttons_are_for_the_childs_own_councils_officers(world):
    assert list(listing_buttons(world["child"], world["westmoor_officer"])) == []
    labels = [button.label for button in listing_buttons(world["child"], world["officer"])]
    assert labels == ["Export record", "Record PDF"]


def test_a_superuser_sees_them_on_every_councils_children(world, django_user_model):
    root = django_user_model.objects.create_superuser("root", password="x")
    html = client_for(root).get(LISTING).content.decode()
    for child in (world["child"], world["westmoor_child"]):
        assert export_url(child) in html and pdf_url(child) in html


def test_the_json_download_is_the_record_valid_against_its_schema_and_logged(world):
    response = client_for(world["officer"]).get(export_url(world["child"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"] == 'attachment; filename="record-NS-0007.json"'
    record = json.loads(response.content)
    assert list(Draft202012Validator(SCHEMA).iter_errors(record)) == []
    assert record["child"]["case_reference"] == "NS-0007"
    assert [o["text"] for o in record["plan"]["outcomes"]] == ["Asks for help"]
    logged = AccessEvent.objects.filter(child=world["child"], action="admin_record")
    assert logged.count() == 1 and logged.get().username == "ns-officer"
    assert record["access_log"][-1]["action"] == "admin_record"  # the export holds itself


def test_the_pdf_download_is_logged_as_a_record_pdf(world):
    response = client_for(world["officer"]).get(pdf_url(world["child"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AccessEvent.objects.filter(child=world["child"], action="record_pdf").count() == 1


@pytest.mark.parametrize("url", [export_url, pdf_url])
def test_another_councils_officer_finds_no_such_child(world, url):
    assert client_for(world["westmoor_officer"]).get(url(world["child"])).status_code == 404
    assert not AccessEvent.objects.filter(child=world["child"]).exists()


@pytest.mark.parametrize("url", [export_url, pdf_url])
def test_a_practitioner_is_refused(world, url):
    assert client_for(world["practitioner"]).get(url(world["child"])).status_code in (302, 403)
    assert not AccessEvent.objects.filter(child=world["child"]).exists()


def test_signed_out_is_sent_to_sign_in(world):
    response = Client().get(export_url(world["child"]))
    assert response.status_code == 302
    assert not AccessEvent.objects.exists()
