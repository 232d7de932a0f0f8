"""The officers' dashboard sections on support: the evaluation, intrusive support, stepping down.

A council is built with known figures: 12 children with a small-group
intervention for communication (6 improving, 6 the same), 3 with one-to-one
support (too few to show), their outcomes reviewed in the quarter, and plans
whose provision steps down in one area and not in another. The page must show
the figures with the words "Association, not proof of effect", and never a
count from 1 to 4.
"""

from datetime import date, datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from vsend_plugin.assessments.recording import record_assessment
from vsend_plugin.benchmarking.rollups import rebuild
from vsend_plugin.planning.benchmarks import NOTE
from vsend_plugin.planning.models import Outcome
from vsend_plugin.planning.plans import save_plan
from vsend_plugin.scoring import AREA_CODES, INDICATORS

pytestmark = pytest.mark.django_db

URL = reverse("vsend_benchmarking_dashboard")
POINTS = ("now", "next_phase", "age_16", "age_18")
FIRST = timezone.make_aware(datetime(2026, 7, 8, 10))
SECOND = timezone.make_aware(datetime(2026, 8, 19, 10))
REVIEWED = timezone.make_aware(datetime(2026, 8, 19, 11))
SUPPORT_SECTIONS = [
    "support",
    "support-by-locality",
    "support-by-setting",
    "intrusive-support",
    "provision-stepping-down",
]


def need(ci_level):
    values = {code: 1 for code in INDICATORS}
    values.update({code: ci_level for code in INDICATORS if code.startswith("CI.")})
    values.update({code: 3 for code in INDICATORS if code.startswith("SEMH.")})
    return values


def trajectory(**areas):
    return {
        code: dict(zip(POINTS, areas.get(code, [None] * 4), strict=True)) for code in AREA_CODES
    }


def item(support_type, area, hours):
    return {
        "support_type": support_type,
        "area": area,
        "name": support_type,
        "hours_per_week": hours,
        "provider": "Centre Primary",
        "starts": date(2026, 6, 1),
        "ends": None,
        "planned_until_age": None,
    }


@pytest.fixture
def council(northshire, make_member, make_child):
    author = make_member(northshire, "practitioner")
    for number in range(15):
        child = make_child(northshire, f"NS-{number:03d}")  # born 2017: under 11
        group = number < 12
        later = 1 if group and number < 6 else 3
        for taken_at, level in ((FIRST, 3), (SECOND, later)):
            record_assessment(
                child,
                author,
                need=need(level),
                provision=dict.fromkeys(AREA_CODES, 2),
                taken_at=taken_at,
                queue_tasks=False,
            )
        support = [item("group", "CI", 2)] if group else [item("adult_1to1", "SEMH", 20)]
        save_plan(
            child,
            {
                "support": support,
                "outcomes": [
                    {
                        "area": "CI" if group else "SEMH",
                        "text": "Asks for help",
                        "horizon": "next_review",
                    }
                ],
                "trajectory": trajectory(CI=[3, 2, 2, 1])
                if group
                else trajectory(SEMH=[3, 3, 3, 3]),
            },
            author=author,
        )
    # Reviewed at the second assessment: 7 achieved and 5 partly for the group's children.
    for number, outcome in enumerate(Outcome.objects.filter(area="CI").order_by("pk")):
        outcome.status = "achieved" if number < 7 else "partly"
        outcome.reviewed_at = REVIEWED
        outcome.save()
    rebuild()
    return northshire


@pytest.fixture
def page(client, council, make_member):
    client.force_login(make_member(council, "officer"))
    response = client.get(URL)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def rows(page, section):
    table = page.find(id=section).find("table")
    return [
        [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
        for row in table.find_all("tr")
    ]


def test_the_sections_are_on_the_dashboard_with_the_note(page):
    for slug in SUPPORT_SECTIONS:
        assert page.find(id=slug) is not None, slug
    evaluation = page.find(id="support")
    assert NOTE in evaluation.get_text(" ")
    assert "Association, not proof of effect" in page.find(id="support-by-locality").get_text()
    assert evaluation.find("svg") is not None  # the chart, with its table


def test_the_evaluation_shows_the_figures_of_each_support_type(page):
    header, *body = rows(page, "support")
    assert header[:7] == [
        "Support type",
        "Children",
        "Episodes",
        "Improving",
        "Same",
        "Escalating",
        "Mean hours a week",
    ]
    by_type = {row[0]: row[1:] for row in body}
    group = by_type["Small-group, time-limited intervention"]
    assert group == ["12", "12", "6", "6", "0", "2.00", "7", "5", "0"]
    one_to_one = by_type["One-to-one adult support"]
    assert set(one_to_one) == {"suppressed"}  # 3 children: fewer than the minimum group


def test_the_evaluation_by_locality_and_setting_names_each_group(page, council):
    header, *body = rows(page, "support-by-locality")
    assert header[:2] == ["Locality", "Support type"]
    assert ["Centre", "Small-group, time-limited intervention", "12"] in [r[:3] for r in body]
    header, *body = rows(page, "support-by-setting")
    assert header[0] == "Setting"
    assert any(row[0].startswith("Centre Primary School") and row[2] == "12" for row in body)


def test_intrusive_support_by_age_hides_a_small_count(page):
    header, *body = rows(page, "intrusive-support")
    assert header[:3] == ["Age", "Children with a plan", "With intrusive support"]
    by_age = {row[0]: row[1:] for row in body}
    assert by_age["Under 11"] == ["15", "hidden", "hidden"]  # 3 with 20 hours of one-to-one
    assert by_age["11 to 15"] == ["0", "0", "not known"]
    assert by_age["16 and over"] == ["0", "0", "not known"]


def test_stepping_down_counts_plans_per_area_and_hides_small_ones(page):
    header, *body = rows(page, "provision-stepping-down")
    by_area = {row[0]: row[1:] for row in body}
    assert by_area["Communication and interaction"] == ["12", "12", "0", "100.0"]
    # 3 plans plan SEMH provision never to fall: fewer than the minimum, suppressed.
    assert set(by_area["Social, emotional and mental health"]) == {"suppressed"}
    # Over whole plans, 12 step down and 3 do not: the 3 is hidden, and the 12 with it.
    assert by_area["The whole plan (any area)"] == ["15", "hidden", "hidden", "hidden"]


def test_no_count_from_1_to_4_is_shown_in_any_support_section(page, client):
    for slug in SUPPORT_SECTIONS:
        header, *body = rows(page, slug)
        for row in body:
            for heading, text in zip(header, row, strict=True):
                if "hours" in heading or "%" in heading:
                    continue
                assert text not in {"1", "2", "3", "4"}, (slug, heading, row)
        response = client.get(reverse("vsend_benchmarking_dashboard_csv", args=[slug]))
        assert response.status_code == 200
        for line in response.content.decode().splitlines()[1:]:
            cells = line.split(",")
            assert not any(cell in {"1", "2", "3", "4"} for cell in cells[1:] if "." not in cell)


def test_the_three_evaluation_sections_read_the_quarter_once(client, council, make_member):
    """By council, locality and setting are groupings of one read, not three."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(make_member(council, "officer"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    outcome_reads = [q["sql"] for q in queries if 'FROM "vsend_planning_outcome"' in q["sql"]]
    assert len(outcome_reads) == 1, outcome_reads
