"""The practitioners' moderation pages: the list, a blind second rating, a calibration case."""

import pytest
from django.test import Client
from django.urls import reverse

from vsend_plugin.moderation.calibration import calibration_cases
from vsend_plugin.moderation.models import CalibrationRating
from vsend_plugin.moderation.rounds import open_round
from vsend_plugin.needs_forms.binding import NEED, bindings
from vsend_plugin.needs_forms.forms import published_form
from vsend_plugin.scoring import INDICATORS


def client_of(scene, who):
    client = Client(HTTP_HOST=scene["host"])
    client.force_login(scene[who])
    return client


def answers(scene, levels):
    """A POST of the council's need questions with ``levels`` (indicator code -> level)."""
    council_form = published_form(scene["northshire"])
    return {
        b.field_name: levels[b.code]
        for b in bindings(council_form.form.fields)
        if b.field_type == NEED and levels.get(b.code) is not None
    }


def test_a_second_rater_lands_on_their_assignments_and_rates_one(scene):
    open_round(scene["northshire"], [scene["assessments"][1].pk], ["ns-psychologist"])
    client = Client(HTTP_HOST=scene["host"])
    response = client.post(
        reverse("vsend_sign_in"),
        {"username": "ns-psychologist", "password": "correct horse battery staple"},
    )
    assert response.status_code == 302 and response["Location"] == reverse("vsend_moderation")
    page = client.get(reverse("vsend_moderation")).content.decode()
    assert "Rate Child 2" in page and "NS-0002" in page
    link = reverse(
        "vsend_second_rating", args=[scene["psychologist"].vsend_second_ratings.get().pk]
    )
    assert f'href="{link}"' in page
    response = client.post(link, answers(scene, dict.fromkeys(INDICATORS, 2)))
    assert response.status_code == 302 and response["Location"] == reverse("vsend_moderation")
    rating = scene["psychologist"].vsend_second_ratings.get()
    assert rating.need == dict.fromkeys(INDICATORS, 2) and rating.band == "C"
    page = client.get(reverse("vsend_moderation")).content.decode()
    assert "Your second rating of Child 2 (NS-0002) is saved." in page
    assert "You have no second ratings to give" in page
    assert client.get(link).status_code == 404  # rated: the page has gone


def test_every_question_must_be_answered(scene):
    moderation_round = open_round(
        scene["northshire"], [scene["assessments"][1].pk], ["ns-psychologist"]
    )
    link = reverse("vsend_second_rating", args=[moderation_round.second_ratings.get().pk])
    levels = dict.fromkeys(INDICATORS, 1)
    levels["SP.hearing"] = None
    response = client_of(scene, "psychologist").post(link, answers(scene, levels))
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and "Select a level for hearing" in page
    assert moderation_round.second_ratings.get().is_open


def test_a_practitioner_with_children_has_a_moderation_link_but_lands_on_children(scene):
    client = Client(HTTP_HOST=scene["host"])
    response = client.post(
        reverse("vsend_sign_in"),
        {"username": "ns-author", "password": "correct horse battery staple"},
    )
    assert response["Location"] == reverse("vsend_children")
    page = client.get(reverse("vsend_children")).content.decode()
    assert f'href="{reverse("vsend_moderation")}"' in page


@pytest.mark.parametrize("who", ["officer", "parent", "westmoor_practitioner"])
def test_moderation_pages_are_for_this_councils_practitioners(scene, who):
    client = client_of(scene, who)
    assert client.get(reverse("vsend_moderation")).status_code == 404
    case = calibration_cases()[0]
    assert client.get(reverse("vsend_calibration_case", args=[case.slug])).status_code == 404


def test_a_calibration_case_is_rated_and_compared_with_its_reference(scene):
    case = calibration_cases()[0]
    client = client_of(scene, "colleague")
    page = client.get(reverse("vsend_calibration_case", args=[case.slug])).content.decode()
    assert case.title in page
    levels = dict(case.need)
    differing = next(iter(INDICATORS))
    levels[differing] = (levels[differing] + 2) % 5
    response = client.post(
        reverse("vsend_calibration_case", args=[case.slug]), answers(scene, levels)
    )
    rating = CalibrationRating.objects.get(rater=scene["colleague"])
    assert response["Location"] == reverse("vsend_calibration_result", args=[rating.pk])
    result = client.get(response["Location"]).content.decode()
    assert "17 of 18 the same" in result
    assert "Where your levels differ" in result
    council_form = published_form(scene["northshire"])
    question = next(b.label for b in bindings(council_form.form.fields) if b.code == differing)
    assert question in result
    home = client.get(reverse("vsend_moderation")).content.decode()
    assert f"{case.title}, rated" in home
    # Nobody else sees it.
    other = client_of(scene, "author")
    assert other.get(reverse("vsend_calibration_result", args=[rating.pk])).status_code == 404


def test_an_unknown_case_is_404(scene):
    client = client_of(scene, "colleague")
    assert client.get(reverse("vsend_calibration_case", args=["no-such-case"])).status_code == 404
