"""Blindness: nothing a second rater can reach shows the first rating before they submit.

Every address of the project's URL table is requested as the rater, while
their assignment is open, with each id it takes set to the child's, the
assessment's, its version's, its PDF's and the assignment's own. The first
rating is marked with words that appear nowhere else; no answer may hold
them, no answer may be the PDF summary, and the moderation pages must not
hold the first rating's levels. The Wagtail admin is closed to a rater
altogether, which is checked once rather than address by address.
"""

import re

import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from tests.url_table import walk
from vsend_plugin.assessments.models import PdfSummary
from vsend_plugin.assessments.recording import record_assessment
from vsend_plugin.assessments.tasks import make_pdf_summary
from vsend_plugin.moderation.rounds import open_round

from .scene import need

MARKERS = ("Plays the cornet in the marching band", "Wants to ride the lighthouse ferry alone")
PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


@pytest.fixture
def open_assignment(scene, pdf_storage):
    child = scene["children"][2]
    version = record_assessment(
        child,
        scene["author"],
        need=need(3, SEMH__wellbeing=4),
        strengths=MARKERS[0],
        aspirations=MARKERS[1],
        queue_tasks=False,
    )
    make_pdf_summary(version.pk)
    moderation_round = open_round(scene["northshire"], [version.assessment_id], ["ns-psychologist"])
    return {
        "child": child,
        "version": version,
        "assignment": moderation_round.second_ratings.get(),
        "pdf": PdfSummary.objects.filter(version=version).first(),
    }


def addresses(ids, slugs):
    """Every front-end and API address of the URL table, with each id and slug tried."""
    for route, name, _pattern in walk(get_resolver().url_patterns):
        if route.startswith(("admin/", "django-admin/")) or "(?P" in route or "^" in route:
            continue
        parameters = list(PARAMETER.finditer(route))
        if not parameters:
            yield name, "/" + route
            continue
        integer = all((p["converter"] or "str") == "int" for p in parameters)
        for value in ids if integer else slugs:
            yield name, "/" + PARAMETER.sub(str(value), route)


def test_the_admin_is_closed_to_a_second_rater(scene):
    client = Client()
    client.force_login(scene["psychologist"])
    response = client.get(reverse("wagtailadmin_home"), HTTP_HOST=scene["host"])
    assert response.status_code == 302


def test_no_address_shows_the_first_rating_to_the_rater(scene, open_assignment):
    ids = [
        open_assignment["child"].pk,
        open_assignment["version"].assessment_id,
        open_assignment["version"].pk,
        open_assignment["assignment"].pk,
    ]
    if open_assignment["pdf"] is not None:
        ids.append(open_assignment["pdf"].pk)
    slugs = ["core-needs-mapping", "northshire-core-needs-mapping", "communication-and-interaction"]
    client = Client()
    client.force_login(scene["psychologist"])
    seen, leaks = 0, []
    for name, path in addresses(ids, slugs):
        response = client.get(path, HTTP_HOST=scene["host"])
        seen += 1
        body = b"" if response.streaming else response.content
        if response.get("Content-Type", "").startswith("application/pdf"):
            leaks.append(f"{name}: {path} gave a PDF")
        elif any(marker.encode() in body for marker in MARKERS):
            leaks.append(f"{name}: {path} shows the first rating's words")
    assert seen > 100, f"only {seen} addresses were tried: the URL walk is broken"
    assert not leaks, "\n".join(leaks)


def test_the_rating_page_asks_with_no_level_chosen(scene, open_assignment):
    client = Client()
    client.force_login(scene["psychologist"])
    url = reverse("vsend_second_rating", args=[open_assignment["assignment"].pk])
    page = client.get(url, HTTP_HOST=scene["host"]).content.decode()
    assert open_assignment["child"].case_reference in page
    assert page.count('type="radio"') == 18 * 5
    assert " checked" not in page
    assert MARKERS[0] not in page and "Band" not in page


def test_the_author_and_others_cannot_open_the_rating_page(scene, open_assignment):
    url = reverse("vsend_second_rating", args=[open_assignment["assignment"].pk])
    for who in ("author", "colleague", "officer", "parent"):
        client = Client()
        client.force_login(scene[who])
        assert client.get(url, HTTP_HOST=scene["host"]).status_code == 404, who
