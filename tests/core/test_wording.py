"""The scheme's figures in words: rises, falls, no change, first assessments and gaps.

Profiles and comparisons are made by the real scoring code, so the sentences
are tested against the shapes pages and the PDF really receive.
"""

from datetime import date

import pytest

from vsend_plugin.core import wording
from vsend_plugin.scoring import INDICATORS, LEVELS, compare, score

BEFORE = dict.fromkeys(INDICATORS, 1) | {"CI.receptive": 2, "CI.social": 2}


def test_every_level_has_words_and_none_of_them_is_a_number():
    assert set(wording.NEEDS) == {level.value for level in LEVELS}
    for level in wording.NEEDS:
        assert not any(character.isdigit() for character in wording.needing(level))
    assert wording.needing(2) == "needing regular targeted support"
    assert wording.needing(1) == "needing a little extra help"


def test_an_indicator_that_fell_got_easier():
    after = BEFORE | {"CI.receptive": 1}
    assert wording.indicator_changes(BEFORE, after) == [
        "Understanding language got easier: from needing regular targeted support "
        "to needing a little extra help."
    ]


def test_an_indicator_that_rose_got_harder():
    after = BEFORE | {"SEMH.wellbeing": 3}
    assert wording.indicator_changes(BEFORE, after) == [
        "Anxiety, mood, wellbeing got harder: from needing a little extra help "
        "to needing specialist help for much of the day."
    ]


def test_nothing_is_said_of_indicators_that_did_not_change():
    assert wording.indicator_changes(BEFORE, dict(BEFORE)) == []
    assert wording.indicator_changes(None, BEFORE) == []  # no earlier ratings: nothing to say


def test_an_indicator_looked_at_for_the_first_time_is_said_so():
    before = {code: level for code, level in BEFORE.items() if code != "SP.hearing"}
    assert wording.indicator_changes(before, BEFORE) == [
        "Hearing was looked at for the first time: needing a little extra help."
    ]


@pytest.mark.parametrize(
    ("after", "sentence"),
    [
        (
            BEFORE | {"CI.receptive": 1, "CI.social": 1},
            "Communication and interaction got easier: from needing regular targeted support "
            "to needing a little extra help.",
        ),
        (
            BEFORE | {"CI.receptive": 4},
            "Communication and interaction got harder: from needing regular targeted support "
            "to needing intensive specialist support all through the day.",
        ),
        (
            BEFORE | {"CI.social": 1},  # the level stays 2; the area's average falls
            "Communication and interaction got a little easier: still needing regular targeted "
            "support at most, with less need across the area than last time.",
        ),
        (
            BEFORE | {"CI.expressive": 2},  # the level stays 2; the area's average rises
            "Communication and interaction got a little harder: still needing regular targeted "
            "support at most, with more need across the area than last time.",
        ),
        (
            dict(BEFORE),
            "Communication and interaction stayed the same: needing regular targeted support.",
        ),
    ],
    ids=["fell", "rose", "eased within the level", "grew within the level", "no change"],
)
def test_an_area_change_is_a_sentence_with_no_figures(after, sentence):
    previous, current = score(BEFORE), score(after)
    changes = wording.area_changes(
        compare(previous, current).as_dict(), previous.as_dict(), current.as_dict()
    )
    assert changes[0]["code"] == "CI" and changes[0]["sentence"] == sentence
    for change in changes:
        assert "level" not in change["sentence"] and "intensity" not in change["sentence"]
        assert not any(character.isdigit() for character in change["sentence"])


def test_an_area_not_looked_at_one_time_is_not_compared():
    previous = score({code: 1 for code in INDICATORS if not code.startswith("SP.")})
    current = score(BEFORE)
    changes = {
        change["code"]: change["sentence"]
        for change in wording.area_changes(
            compare(previous, current).as_dict(), previous.as_dict(), current.as_dict()
        )
    }
    assert changes["SP"] == (
        "Sensory and/or physical was looked at for the first time: needing a little extra help."
    )


@pytest.mark.parametrize(
    ("trend", "sentence"),
    [
        ("escalating", "Overall, Robin needs more support than at"),
        ("improving", "Overall, Robin needs less support than at"),
        ("stable", "Overall, Robin needs about the same support as at"),
    ],
)
def test_the_overall_change_has_no_band_letters(trend, sentence):
    last = " the last needs mapping on 6 October 2025."
    assert wording.trend_sentence(trend, "Robin", date(2025, 10, 6)) == sentence + last


def test_a_first_assessment_says_there_is_nothing_to_compare():
    assert wording.first_assessment("Robin") == (
        "This is Robin's first needs mapping, so there is nothing to compare with yet. "
        "Changes will be shown here after the next one."
    )


def test_unmet_need_is_a_sentence_per_area_not_a_count_of_levels():
    need = BEFORE | {"SEMH.wellbeing": 3}
    profile = score(need, provision={"CI": 1, "SEMH": 0, "CL": 2}).as_dict()
    assert profile["unmet"] == 4  # CI 2 over 1, SEMH 3 over 0
    words = wording.unmet_summary(profile, "Robin")
    assert words["sentence"] == "Robin needs more than the setting has in place in two areas."
    assert words["areas"] == [
        "Communication and interaction: Robin needs regular targeted support; the setting has "
        "support for a child needing a little extra help.",
        "Social, emotional and mental health: Robin needs specialist help for much of the day; "
        "the setting has only the help every setting gives all children.",
    ]
    unknown = wording.unmet_summary(score(BEFORE).as_dict(), "Robin")
    assert unknown["sentence"].startswith("Not known")
    met = score(BEFORE, provision={"CI": 3}).as_dict()
    assert wording.unmet_summary(met, "Robin") == {
        "sentence": (
            "The setting has in place what Robin needs, in every area where that was recorded."
        ),
        "areas": [],
    }


def test_what_a_child_finds_hard_and_easier_comes_from_the_indicator_levels():
    need = {"SEMH.regulation": 1, "SEMH.wellbeing": 3, "SEMH.relationships": 0}
    hard, easier, not_looked_at = wording.hard_and_easier("SEMH", need)
    assert hard == [("Anxiety, mood, wellbeing", "needs specialist help for much of the day")]
    assert easier == [
        ("Emotional regulation and behaviour", "needs a little extra help"),
        (
            "Relationships with peers and adults",
            "needs no more help than every setting gives all children",
        ),
    ]
    assert not_looked_at == []
    # Nothing at 2 or more: what needs a little extra help is the hard part.
    hard, easier, not_looked_at = wording.hard_and_easier("CI", {"CI.receptive": 1, "CI.social": 0})
    assert [name for name, _ in hard] == ["Understanding language"]
    assert [name for name, _ in easier] == ["Social communication and interaction"]
    assert not_looked_at == ["Expressive language and speech"]


@pytest.mark.parametrize(
    ("level", "provision", "sentence"),
    [
        (
            3,
            2,
            "Oak School has support in place for a child needing regular targeted support. "
            "Robin needs specialist help for much of the day, which is more than that.",
        ),
        (
            2,
            2,
            "Oak School has support in place for a child needing regular targeted support, "
            "which covers what Robin needs.",
        ),
        (
            0,
            0,
            "Oak School gives the help every setting gives all children, which covers what "
            "Robin needs.",
        ),
        (2, None, "What Oak School has in place for this was not recorded."),
    ],
)
def test_what_the_setting_provides_is_said_against_what_the_child_needs(level, provision, sentence):
    assert wording.provision_sentence("Oak School", "Robin", level, provision) == sentence


def test_the_familys_confidence_is_said_back_to_them():
    assert wording.confidence_sentence(2) == (
        "You said you feel fairly confident helping with this at home."
    )
    assert wording.confidence_sentence(None).startswith("You have not said yet")
