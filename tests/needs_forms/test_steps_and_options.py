"""A needs-mapping form asked a step an area, with options that read as words first."""

import re
from pathlib import Path

import pytest
import yaml

from vsend_plugin.needs_forms.forms import form_class_for
from vsend_plugin.needs_forms.importing import import_form
from vsend_plugin.needs_forms.library import read_library_file, read_library_text
from vsend_plugin.needs_forms.steps import ABOUT_THE_CHILD, steps_for
from vsend_plugin.needs_forms.wagtailstreamforms_fields import (
    FamilyConfidenceRatingField,
    LevelLabel,
    NeedRatingField,
    ProvisionRatingField,
    lower_first,
)
from vsend_plugin.scoring import AREAS, INDICATORS, LEVELS

LIBRARY = Path(__file__).resolve().parents[2] / "forms_library"
CORE = LIBRARY / "needs-mapping" / "core.yaml"

pytestmark = pytest.mark.django_db


@pytest.fixture
def core_form(northshire):
    return import_form(read_library_file(CORE), northshire)[0]


def test_the_core_form_has_a_step_for_each_area_then_strengths_hopes_and_views(core_form):
    steps = steps_for(core_form.form.fields)
    assert [step.slug for step in steps] == [
        "communication-and-interaction",
        "cognition-and-learning",
        "social-emotional-and-mental-health",
        "sensory-and-or-physical",
        "independence",
        ABOUT_THE_CHILD,
    ]
    assert [step.title for step in steps[:5]] == [area.name for area in AREAS]
    fields = form_class_for(core_form).base_fields
    for step, area in zip(steps, AREAS, strict=False):
        assert step.area == area.code
        indicators = [
            fields[name].error_messages["required"]
            for name in step.field_names
            if "level for" in fields[name].error_messages["required"]
        ]
        assert len(indicators) == len(area.indicators)
        # the area's provision rating is on the area's own step
        assert any("the setting has in place" in fields[name].label for name in step.field_names)
    assert [fields[name].label for name in steps[-1].field_names] == [
        "Strengths and interests",
        "Hopes and aspirations",
        "The child's own views",
    ]
    every = [name for step in steps for name in step.field_names]
    assert sorted(every) == sorted(set(fields) - {"form_version"})


def test_steps_follow_the_councils_order_and_local_questions_stay_beside_their_neighbours(
    northshire,
):
    library = yaml.safe_load(CORE.read_text())
    library["fields"] = list(reversed(library["fields"]))
    local = {"type": "singleline", "label": "Who took part in the meeting", "required": True}
    library["fields"].insert(0, local)  # before any scored question
    library["fields"].append({"type": "singleline", "label": "Date of the next review"})
    council_form, _ = import_form(
        read_library_text(yaml.safe_dump(library, sort_keys=False)), northshire
    )
    steps = steps_for(council_form.form.fields)
    assert (
        steps[0].slug == ABOUT_THE_CHILD
        and steps[0].field_names[0] == "who-took-part-in-the-meeting"
    )
    assert steps[1].slug == "independence"
    assert steps[-1].slug == "communication-and-interaction"
    assert steps[-1].field_names[-1] == "date-of-the-next-review"


def test_every_option_reads_as_words_first(core_form):
    fields = form_class_for(core_form).base_fields
    checked = 0
    for field in fields.values():
        for _value, label in getattr(field, "choices", []):
            assert not re.match(r"\s*\d", label), label
            assert isinstance(label, LevelLabel) and label.startswith(label.level_name)
            checked += 1
    assert checked == (18 + 5) * 5
    receptive = next(f for f in fields.values() if f.label == "Understanding what others say")
    assert dict(receptive.choices)[0].startswith(
        "No additional need: understands what is said to them in line with others of their age"
    )
    assert dict(receptive.choices)[2].startswith(
        "Moderate: often misses the meaning of instructions"
    )


def test_without_a_descriptor_the_schemes_meaning_is_the_words():
    field = NeedRatingField().get_formfield({"indicator": "CI.receptive", "label": "Understanding"})
    assert dict(field.choices)[2] == "Moderate: needs regular targeted support (SEN support)."
    assert [label.level_name for _, label in field.choices] == [level.name for level in LEVELS]
    provision = ProvisionRatingField().get_formfield({"area": "CI", "label": "In place"})
    assert [label for _, label in provision.choices] == [
        "Universal provision only",
        "Can meet low need",
        "Can meet moderate need",
        "Can meet significant need",
        "Can meet profound need",
    ]
    confidence = FamilyConfidenceRatingField().get_formfield(
        {"area": "CI", "label": "Confidence", "level_0": "I don't know where to start."}
    )
    assert dict(confidence.choices)[0] == "Not at all confident: I don't know where to start."
    assert dict(confidence.choices)[4] == "Fully confident"


def test_a_descriptor_that_names_its_level_is_not_named_twice():
    label = LevelLabel("Universal provision only", "Universal provision only: the usual teaching.")
    assert label == "Universal provision only: the usual teaching."


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Needs regular support", "needs regular support"),
        ("I feel confident", "I feel confident"),
        ("CVI affects their sight", "CVI affects their sight"),
        ("British Sign Language is used", "British Sign Language is used"),
        ("", ""),
    ],
)
def test_only_an_ordinary_first_word_is_lowered(text, expected):
    assert lower_first(text) == expected


@pytest.mark.parametrize("code", list(INDICATORS))
def test_a_missing_need_rating_names_its_indicator(code):
    field = NeedRatingField().get_formfield({"indicator": code, "label": "Anything"})
    name = INDICATORS[code].name
    expected = f"Select a level for {name[0].lower()}{name[1:]}"
    for bad in ("", "7", "two"):
        with pytest.raises(Exception) as refused:
            field.clean(bad)
        assert refused.value.messages == [expected]


def test_area_ratings_and_free_text_say_what_is_missing():
    provision = ProvisionRatingField().get_formfield({"area": "SEMH", "label": "x"})
    assert provision.error_messages["required"] == (
        "Select what the setting has in place for social, emotional and mental health"
    )
    confidence = FamilyConfidenceRatingField().get_formfield({"area": "IND", "label": "x"})
    assert confidence.error_messages["required"] == (
        "Select how confident the family feels about independence"
    )
    from vsend_plugin.needs_forms.wagtailstreamforms_fields import StrengthsField

    strengths = StrengthsField().get_formfield(
        {"label": "Strengths and 100% effort", "required": True, "max_length": 10}
    )
    with pytest.raises(Exception) as refused:
        strengths.clean("")
    assert refused.value.messages == ["Enter strengths and 100% effort"]
    with pytest.raises(Exception) as refused:
        strengths.clean("x" * 11)
    assert refused.value.messages == ["Strengths and 100% effort must be 10 characters or fewer"]


def test_a_councils_own_question_says_which_is_missing(northshire):
    library = yaml.safe_load(CORE.read_text())
    library["fields"] += [
        {"type": "singleline", "label": "Who took part", "required": True},
        {
            "type": "radio",
            "label": "Meeting held",
            "choices": ["In person", "Online"],
            "required": True,
        },
    ]
    council_form, _ = import_form(
        read_library_text(yaml.safe_dump(library, sort_keys=False)), northshire
    )
    form = form_class_for(council_form)({}, council_form=council_form)
    form.is_valid()
    assert form.errors["who-took-part"] == ["Enter who took part"]
    assert form.errors["meeting-held"] == ["Select meeting held"]
    assert "This field is required." not in str(form.errors)


def test_editors_choose_what_a_question_is_scored_as_by_its_words():
    indicator = NeedRatingField().get_form_block().child_blocks["indicator"]
    assert ("CI.receptive", "Understanding language (CI.receptive)") in indicator.field.choices
    area = ProvisionRatingField().get_form_block().child_blocks["area"]
    assert ("SEMH", "Social, emotional and mental health (SEMH)") in area.field.choices
