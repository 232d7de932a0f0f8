"""Moderation rounds in the admin: officers open them and follow their progress."""

import pytest
from django.test import Client
from django.urls import reverse

from vsend_plugin.moderation.models import ModerationRound
from vsend_plugin.moderation.ratings import record_second_rating
from vsend_plugin.scoring import INDICATORS


def url(view, *args):
    return reverse(f"wagtailsnippets_vsend_moderation_moderationround:{view}", args=args)


def officer_client(scene, who="officer"):
    client = Client()
    client.force_login(scene[who])
    return client


def test_an_officer_opens_a_round_drawn_at_random_and_sees_its_progress(scene):
    client = officer_client(scene)
    form = client.get(url("add"))
    assert form.status_code == 200
    html = form.content.decode()
    assert "ns-psychologist" in html and "Educational psychologist at Northshire" in html
    assert "wm-practitioner" not in html
    response = client.post(
        url("add"),
        {
            "council": scene["northshire"].pk,
            "name": "Spring moderation",
            "share": "67",
            "raters": [scene["psychologist"].pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    moderation_round = ModerationRound.objects.get()
    assert moderation_round.second_ratings.count() == 2
    assert moderation_round.chosen_by == "A random 67% of assessments."
    assert moderation_round.created_by == scene["officer"]
    first = moderation_round.second_ratings.first()
    record_second_rating(first, dict.fromkeys(INDICATORS, 1))
    listing = client.get(url("list")).content.decode()
    assert "Spring moderation" in listing and "1 of 2 rated" in listing
    inspect = client.get(url("inspect", moderation_round.pk)).content.decode()
    assert "1 of 2 rated" in inspect and "ns-psychologist" in inspect


def test_a_round_nobody_can_rate_blind_is_refused_with_the_childs_reference(scene):
    response = officer_client(scene).post(
        url("add"),
        {"council": scene["northshire"].pk, "name": "Mine", "raters": [scene["colleague"].pk]},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "The assessment of child NS-0001" in html
    assert not ModerationRound.objects.exists()


def test_a_choice_that_matches_nothing_says_so(scene):
    response = officer_client(scene).post(
        url("add"),
        {
            "council": scene["northshire"].pk,
            "name": "Old",
            "taken_until": "2001-01-01",
            "raters": [scene["psychologist"].pk],
        },
    )
    assert "No assessments of the council match this choice." in response.content.decode()
    assert not ModerationRound.objects.exists()


def test_other_councils_rounds_and_raters_stay_out(scene):
    ModerationRound.objects.create(council=scene["northshire"], name="Northshire's")
    client = officer_client(scene, "westmoor_officer")
    assert "Northshire&#x27;s" not in client.get(url("list")).content.decode()
    response = client.post(
        url("add"),
        {"council": scene["northshire"].pk, "name": "X", "raters": [scene["psychologist"].pk]},
    )
    assert response.status_code == 200 and ModerationRound.objects.count() == 1


@pytest.mark.parametrize("who", ["author", "psychologist", "parent"])
def test_practitioners_and_families_cannot_open_rounds(scene, who):
    response = officer_client(scene, who).get(url("add"))
    assert response.status_code in (302, 403)
