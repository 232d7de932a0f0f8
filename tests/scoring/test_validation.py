"""Invalid ratings are refused, all at once, with messages a person can act on."""

from collections import OrderedDict
from decimal import Decimal

import pytest

from vsend_plugin.scoring import INDICATORS, Profile, ScoringError, compare, score
from vsend_plugin.scoring.errors import describe

COMPLETE_NEED = {code: 1 for code in INDICATORS}


def errors_of(need, provision=None, family_confidence=None):
    with pytest.raises(ScoringError) as raised:
        score(need, provision=provision, family_confidence=family_confidence)
    errors = raised.value.errors
    assert [error["field"] for error in errors] == sorted(error["field"] for error in errors)
    for error in errors:
        assert set(error) == {"field", "message"}
        assert isinstance(error["message"], str) and error["message"].strip()
        assert error["message"].endswith(".")
    return errors


def fields_of(*args, **kwargs):
    return [error["field"] for error in errors_of(*args, **kwargs)]


@pytest.mark.parametrize("value", [True, False])
def test_booleans_are_not_levels(value):
    errors = errors_of({**COMPLETE_NEED, "CI.social": value})
    assert [error["field"] for error in errors] == ["need.CI.social"]
    assert "true" in errors[0]["message"] or "false" in errors[0]["message"]


@pytest.mark.parametrize("value", [2.0, 0.0, 1.5, float("nan")])
def test_floats_are_not_levels_even_whole_ones(value):
    assert fields_of({**COMPLETE_NEED, "CL.numeracy": value}) == ["need.CL.numeracy"]


def test_float_message_says_what_was_wrong():
    errors = errors_of({"SEMH.wellbeing": 2.0})
    assert errors[0]["message"] == "Level must be a whole number from 0 to 4; got 2.0."


@pytest.mark.parametrize("value", ["2", "", "two", [2], {"level": 2}])
def test_strings_and_containers_are_not_levels(value):
    assert fields_of({"SP.vision": value}) == ["need.SP.vision"]


@pytest.mark.parametrize("value", [-1, 5, 100, -100])
def test_levels_out_of_range(value):
    errors = errors_of({"IND.travel": value})
    assert [error["field"] for error in errors] == ["need.IND.travel"]
    assert str(value) in errors[0]["message"]


@pytest.mark.parametrize("section", ["provision", "family_confidence"])
@pytest.mark.parametrize("value", [True, 2.0, "2", -1, 5])
def test_area_ratings_are_checked_like_levels(section, value):
    assert fields_of(COMPLETE_NEED, **{section: {"CL": value}}) == [f"{section}.CL"]


def test_unknown_indicator_code():
    errors = errors_of({**COMPLETE_NEED, "CI.foo": 1})
    assert errors == [
        {
            "field": "need.CI.foo",
            "message": "Unknown indicator code 'CI.foo'. The CI indicators are "
            "CI.receptive, CI.expressive, CI.social.",
        }
    ]


@pytest.mark.parametrize("code", ["receptive", "ci.receptive", "XX.receptive", "", "CI"])
def test_indicator_codes_are_exact(code):
    errors = errors_of({code: 1})
    assert [error["field"] for error in errors] == [f"need.{code}"]
    assert f"Unknown indicator code '{code}'" in errors[0]["message"]


def test_unknown_indicator_is_reported_even_when_unrated():
    assert fields_of({"CI.foo": None}) == ["need.CI.foo"]


@pytest.mark.parametrize("section", ["provision", "family_confidence"])
def test_unknown_area_code(section):
    errors = errors_of(COMPLETE_NEED, **{section: {"XX": 1, "ci": 2}})
    assert [error["field"] for error in errors] == [f"{section}.XX", f"{section}.ci"]
    assert errors[0]["message"] == "Unknown area code 'XX'. The areas are CI, CL, SEMH, SP, IND."


def test_non_string_keys_are_unknown_codes():
    assert fields_of({1: 1}) == ["need.1"]


@pytest.mark.parametrize("value", [[], "CI.receptive", 3, True, ("CI.receptive", 1)])
@pytest.mark.parametrize("section", ["provision", "family_confidence"])
def test_area_section_that_is_not_an_object(section, value):
    errors = errors_of(COMPLETE_NEED, **{section: value})
    assert [error["field"] for error in errors] == [section]
    assert "must be an object" in errors[0]["message"]


@pytest.mark.parametrize("value", [None, [], [("CI.receptive", 1)], "x", 0])
def test_need_section_that_is_not_an_object(value):
    errors = errors_of(value)
    assert [error["field"] for error in errors] == ["need"]
    assert errors[0]["message"].startswith("Need must be an object mapping indicator codes")


def test_every_error_is_collected_and_sorted_by_field():
    errors = errors_of(
        {"SP.health": 7, "CI.nope": 1, "CL.literacy": True, "IND.selfcare": "1"},
        provision={"SEMH": 2.0, "ZZ": 1},
        family_confidence=[],
    )
    assert [error["field"] for error in errors] == [
        "family_confidence",
        "need.CI.nope",
        "need.CL.literacy",
        "need.IND.selfcare",
        "need.SP.health",
        "provision.SEMH",
        "provision.ZZ",
    ]


def test_error_str_lists_every_problem():
    with pytest.raises(ScoringError) as raised:
        score({"CI.nope": 1, "CL.literacy": 9})
    text = str(raised.value)
    assert "need.CI.nope" in text and "need.CL.literacy" in text
    assert raised.value.fields == ["need.CI.nope", "need.CL.literacy"]


def test_nulls_are_not_errors():
    profile = score({"CI.receptive": None}, provision={"CI": None}, family_confidence={"IND": None})
    assert profile.areas["CI"].rated == 0
    assert profile.areas["CI"].provision is None


def test_optional_sections_may_be_none_or_empty():
    assert score(COMPLETE_NEED).as_dict() == score(COMPLETE_NEED, {}, {}).as_dict()


def test_any_mapping_is_accepted():
    assert score(OrderedDict(COMPLETE_NEED)).as_dict() == score(COMPLETE_NEED).as_dict()


def test_input_is_not_modified():
    need = {**COMPLETE_NEED, "CI.social": None}
    provision = {"CI": 2}
    before = (dict(need), dict(provision))
    score(need, provision=provision)
    assert (need, provision) == before


def test_scoring_error_sorts_whatever_order_it_is_given():
    error = ScoringError(
        [{"field": "provision.CI", "message": "b."}, {"field": "need.CI.x", "message": "a."}]
    )
    assert error.fields == ["need.CI.x", "provision.CI"]


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, "null"), (True, "true"), ("3", '"3" (text)'), (2.0, "2.0"), ([], "a list")],
)
def test_describe_renders_values_as_a_person_reads_json(value, text):
    assert describe(value) == text


# Stored profiles and comparisons


def stored_profile():
    return score(COMPLETE_NEED, provision={"CI": 0}).as_dict()


def test_comparing_profiles_of_different_schemes_is_refused():
    other = stored_profile()
    other["scheme"] = "vsend-core/2"
    with pytest.raises(ScoringError) as raised:
        compare(stored_profile(), other)
    assert raised.value.fields == ["scheme"]
    assert "same scheme" in raised.value.errors[0]["message"]


def test_compare_accepts_only_profiles_or_profile_dicts():
    with pytest.raises(TypeError):
        compare(score(COMPLETE_NEED), [1, 2])


@pytest.mark.parametrize(
    ("change", "fields"),
    [
        (lambda data: data.pop("scheme"), ["scheme"]),
        (lambda data: data.update(complete="yes"), ["complete"]),
        (lambda data: data["areas"].pop("SP"), ["areas"]),
        (lambda data: data["areas"]["CI"].update(level=1.5), ["areas.CI.level"]),
        (lambda data: data["areas"]["CI"].update(intensity=None), ["areas.CI"]),
        (lambda data: data["areas"]["CL"].update(rated=None), ["areas.CL.rated"]),
        (lambda data: data.update(band="F"), ["band"]),
        (lambda data: data.update(band=None), ["band"]),
        (lambda data: data.update(unmet_areas="CI"), ["unmet_areas"]),
        (lambda data: data.update(total=True, points="4"), ["points", "total"]),
    ],
)
def test_malformed_stored_profiles_are_refused(change, fields):
    data = stored_profile()
    change(data)
    with pytest.raises(ScoringError) as raised:
        Profile.from_dict(data)
    assert raised.value.fields == fields


def test_stored_profile_that_is_not_an_object_is_refused():
    with pytest.raises(ScoringError) as raised:
        Profile.from_dict(["not", "a", "profile"])
    assert raised.value.fields == ["profile"]


def test_stored_intensities_are_read_as_two_place_decimals():
    data = stored_profile()
    data["areas"]["CI"]["intensity"] = 1.67
    profile = Profile.from_dict(data)
    assert profile.areas["CI"].intensity == Decimal("1.67")
    assert str(profile.areas["CI"].intensity) == "1.67"


def test_profiles_are_immutable_and_hashable():
    profile = score(COMPLETE_NEED)
    with pytest.raises(AttributeError):
        profile.band = "E"
    with pytest.raises(TypeError):
        profile.areas["CI"] = None
    assert hash(profile) == hash(Profile.from_dict(profile.as_dict()))
    assert profile.as_dict() is not profile.as_dict()
