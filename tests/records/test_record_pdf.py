"""The whole record as a PDF for the family: readable, complete, theirs and officers' only.

A child with two needs mappings (the first with the family's view added), a
support plan, a second rating and access log entries; the PDF is read back
with ``pdftotext`` and must name each. The family and the council's officers
download it from the council's site, and every download is logged; the
practitioner working with the child is refused, another council's officer
does not find the child, and the family's page links to it.
"""

import re
import subprocess
from datetime import UTC, date, datetime

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.assessments.conftest import create_parent
from tests.conftest import create_child, create_council, create_member
from tests.once import copy_for_a_test, made_once_a_module
from vsend_plugin.assessments.models import AccessEvent
from vsend_plugin.assessments.recording import add_family_contribution, record_assessment
from vsend_plugin.core.models import Role
from vsend_plugin.moderation.ratings import record_second_rating
from vsend_plugin.moderation.rounds import open_round
from vsend_plugin.planning.plans import save_plan
from vsend_plugin.planning.scheme import empty_trajectory
from vsend_plugin.records.document import record_of
from vsend_plugin.records.record_pdf import record_context, render_record_pdf
from vsend_plugin.scoring import INDICATORS

FIRST = datetime(2025, 10, 2, 10, 0, tzinfo=UTC)
SECOND = datetime(2026, 3, 17, 10, 0, tzinfo=UTC)


@made_once_a_module
def recorded():
    northshire = create_council("northshire", "E06000047")
    westmoor = create_council("westmoor", "E06000048")
    practitioner = create_member(northshire, Role.PRACTITIONER, "ns-practitioner")
    create_member(northshire, Role.PRACTITIONER, "ns-psychologist")
    child = create_child(northshire, "NS-0042", "Łucja")
    child.practitioners.add(practitioner)
    parent = create_parent(child, "lucjas-parent")
    first = record_assessment(
        child,
        practitioner,
        need=dict.fromkeys(INDICATORS, 1),
        provision={"CI": 1},
        strengths="Loves maps and trains.",
        taken_at=FIRST,
    )
    add_family_contribution(
        first.assessment,
        parent,
        family_confidence={"CI": 2},
        family_views="She talks about trains all evening.",
        family_aspirations="To travel to school on her own.",
    )
    record_assessment(child, practitioner, need=dict.fromkeys(INDICATORS, 2), taken_at=SECOND)
    save_plan(
        child,
        {
            "support": [
                {
                    "support_type": "group",
                    "area": "CI",
                    "name": "Talk Boost",
                    "starts": date(2026, 1, 5),
                }
            ],
            "outcomes": [
                {"area": "CI", "text": "Asks an adult for help in class", "horizon": "next_review"}
            ],
            "trajectory": empty_trajectory(),
        },
        author=practitioner,
    )
    moderation_round = open_round(northshire, [first.assessment_id], ["ns-psychologist"])
    record_second_rating(moderation_round.second_ratings.get(), dict.fromkeys(INDICATORS, 2))
    return {
        "child": child,
        "parent": parent,
        "practitioner": practitioner,
        "officer": create_member(northshire, Role.OFFICER, "ns-officer"),
        "westmoor_officer": create_member(westmoor, Role.OFFICER, "wm-officer"),
    }


@pytest.fixture
def world(recorded, db):
    cache.clear()
    return copy_for_a_test(recorded)


def get(user, path, child):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.get(path, HTTP_HOST=child.council.site.hostname)


def download(user, child):
    return get(user, reverse("vsend_record_pdf", args=[child.pk]), child)


def pdf_text(pdf, tmp_path):
    source = tmp_path / "record.pdf"
    source.write_bytes(pdf)
    result = subprocess.run(
        ["pdftotext", str(source), "-"], capture_output=True, check=True, text=True
    )
    return " ".join(result.stdout.split())


def test_the_pdf_holds_the_whole_record_in_words(world, tmp_path):
    response = download(world["parent"], world["child"])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="record-NS-0042.pdf"' in response["Content-Disposition"]
    text = pdf_text(response.content, tmp_path)
    for expected in (
        "NS-0042",
        "Łucja",
        "March 2017",
        "Year 4",
        "Northshire Council",
        "Centre Primary School (northshire)",
        "Needs mapping 1: 2 October 2025",
        "Needs mapping 2: 17 March 2026",
        "the family's view",
        "She talks about trains all evening.",
        "To travel to school on her own.",
        "fairly confident",
        "needs regular targeted support",  # a level in wording's words
        "Loves maps and trains.",
        "Talk Boost",
        "Asks an adult for help in class",
        "ns-psychologist",  # the second rater
        "lucjas-parent",  # the access log: this download
        "Downloaded the whole record as a PDF",
    ):
        assert expected in text, expected


def test_versions_are_in_order_and_ratings_are_tabled(world):
    context = record_context(record_of(world["child"]))
    first, second = context["assessments"]
    assert first["taken_at"].date() == FIRST.date() and second["taken_at"].date() == SECOND.date()
    assert [v["number"] for v in first["versions"]] == [1, 2]
    assert [v["from_family"] for v in first["versions"]] == [False, True]
    ratings = [i["rating"] for area in second["versions"][0]["areas"] for i in area["indicators"]]
    assert len(ratings) == len(INDICATORS)
    assert set(ratings) == {"2, regular targeted support"}
    assert len(context["contributions"]) == 1


def test_a_record_with_nothing_in_it_still_makes_a_pdf(db, tmp_path):
    council = create_council("eastdale", "E06000049")
    child = create_child(council, "ED-1", "Sam")
    text = pdf_text(render_record_pdf(record_of(child)), tmp_path)
    assert "No needs mapping has been recorded for Sam." in text
    assert "No support plan has been written for Sam." in text


@pytest.mark.parametrize("who", ["parent", "officer"])
def test_the_family_and_officers_download_it_and_each_download_is_logged(world, who):
    for expected in (1, 2):
        response = download(world[who], world["child"])
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
        logged = AccessEvent.objects.filter(child=world["child"], action="record_pdf")
        assert logged.count() == expected
        assert set(logged.values_list("username", flat=True)) == {world[who].username}


@pytest.mark.parametrize("who,status", [("practitioner", 403), ("westmoor_officer", 404)])
def test_no_one_else_downloads_it(world, who, status):
    assert download(world[who], world["child"]).status_code == status
    assert not AccessEvent.objects.filter(action="record_pdf").exists()


def test_signed_out_is_sent_to_sign_in(world):
    response = download(None, world["child"])
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")
    assert not AccessEvent.objects.filter(action="record_pdf").exists()


def test_not_on_another_councils_site(world):
    client = Client()
    client.force_login(world["parent"])
    response = client.get(
        reverse("vsend_record_pdf", args=[world["child"].pk]), HTTP_HOST="westmoor.localhost"
    )
    assert response.status_code == 404


def link_on_the_childs_page(user, child):
    response = get(user, reverse("vsend_child", args=[child.pk]), child)
    assert response.status_code == 200
    found = re.search(
        r'href="([^"]+)"[^>]*>Download everything we hold about (\w+) \(PDF\)',
        response.content.decode(),
    )
    return found and found.groups()


def test_the_familys_page_links_to_the_download(world):
    child = world["child"]
    href, name = link_on_the_childs_page(world["parent"], child)
    assert name == "Łucja"
    assert href == reverse("vsend_record_pdf", args=[child.pk])
    assert get(world["parent"], href, child).status_code == 200


def test_the_link_is_only_for_those_who_may_download(world):
    assert link_on_the_childs_page(world["officer"], world["child"])
    assert link_on_the_childs_page(world["practitioner"], world["child"]) is None
