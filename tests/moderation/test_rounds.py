"""Opening a round: assessments spread over raters who can rate blind, or a refusal naming each."""

import pytest

from vsend_plugin.moderation.models import SecondRating
from vsend_plugin.moderation.rounds import (
    RoundError,
    choose_assessments,
    may_rate,
    open_round,
    raters_of,
)


def ids(scene):
    return [a.pk for a in scene["assessments"]]


def test_assessments_are_spread_over_the_raters_with_the_fewest(scene, django_user_model):
    from tests.conftest import create_member
    from vsend_plugin.core.models import Role

    second = create_member(scene["northshire"], Role.PRACTITIONER, "ns-second-psychologist")
    moderation_round = open_round(
        scene["northshire"], ids(scene), ["ns-psychologist", "ns-second-psychologist"]
    )
    given = list(moderation_round.second_ratings.values_list("rater__username", flat=True))
    assert sorted(given) == ["ns-psychologist", "ns-psychologist", "ns-second-psychologist"]
    assert second.vsend_second_ratings.count() == 1
    assert all(rating.is_open for rating in moderation_round.second_ratings.all())


def test_no_rater_is_given_what_they_wrote_or_a_child_they_can_see(scene):
    # The colleague is assigned to the first child; the author wrote all three.
    moderation_round = open_round(
        scene["northshire"], ids(scene)[1:], ["ns-colleague", "ns-psychologist"]
    )
    for rating in moderation_round.second_ratings.select_related("assessment__child", "rater"):
        assert rating.rater != rating.assessment.created_by
        assert may_rate(rating.rater, rating.assessment)
    with pytest.raises(RoundError) as refused:
        open_round(scene["northshire"], ids(scene), ["ns-colleague"])
    assert [p.field for p in refused.value.problems] == ["assessments.0"]
    with pytest.raises(RoundError) as refused:
        open_round(scene["northshire"], ids(scene), ["ns-author"])
    assert [p.field for p in refused.value.problems] == [
        "assessments.0",
        "assessments.1",
        "assessments.2",
    ]


def test_officers_parents_and_other_councils_people_are_not_raters(scene):
    for username in ("ns-officer", "ns-parent", "wm-practitioner", "nobody-at-all"):
        with pytest.raises(RoundError) as refused:
            open_round(scene["northshire"], ids(scene), [username])
        assert [p.field for p in refused.value.problems] == ["raters.0"], username
    assert {u.username for u in raters_of(scene["northshire"])} == {
        "ns-author",
        "ns-psychologist",
        "ns-colleague",
    }


def test_another_councils_assessment_is_refused_by_its_place_and_nothing_is_stored(scene):
    asked = [*ids(scene), scene["westmoor_assessment"].pk, ids(scene)[0], 999999]
    with pytest.raises(RoundError) as refused:
        open_round(scene["northshire"], asked, ["ns-psychologist"])
    assert [p.field for p in refused.value.problems] == [
        "assessments.3",
        "assessments.4",
        "assessments.5",
    ]
    assert not SecondRating.objects.exists()


def test_being_assigned_to_the_child_withdraws_the_open_rating(scene):
    moderation_round = open_round(scene["northshire"], ids(scene), ["ns-psychologist"])
    scene["children"][1].practitioners.add(scene["psychologist"])
    left = moderation_round.second_ratings.values_list("assessment__child", flat=True)
    assert sorted(left) == sorted([scene["children"][0].pk, scene["children"][2].pk])
    scene["psychologist"].vsend_children.add(scene["children"][2])
    assert list(moderation_round.second_ratings.values_list("assessment__child", flat=True)) == [
        scene["children"][0].pk
    ]


def test_choosing_by_setting_dates_share_and_number(scene):
    council = scene["northshire"]
    everything = choose_assessments(council)
    assert everything == sorted(ids(scene))
    other_setting = council.settings.order_by("pk").last()
    assert choose_assessments(council, setting=other_setting) == []
    drawn = choose_assessments(council, number=2, seed=7)
    assert len(drawn) == 2 and set(drawn) <= set(everything)
    assert drawn == choose_assessments(council, number=2, seed=7)
    assert len(choose_assessments(council, share=34)) == 1
    taken = scene["assessments"][0].taken_at.date()
    assert choose_assessments(council, since=taken, until=taken) == everything
