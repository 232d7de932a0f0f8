"""Reading and checking forms library files: errors name the file, line and field."""

import pytest
import yaml

from vsend_plugin.needs_forms.library import LibraryError, read_library_text

from .conftest import needs_mapping_data


def problems_of(text):
    with pytest.raises(LibraryError) as error:
        read_library_text(text, "council.yaml")
    return error.value.problems


def test_a_complete_needs_mapping_form_reads(needs_mapping_yaml):
    form = read_library_text(needs_mapping_yaml(), "core.yaml")
    assert form.kind == "needs_mapping"
    need = [f for f in form.fields if f["type"] == "need_rating"]
    assert len(need) == 18
    assert need[0]["value"]["level_3"] == "CI.receptive: descriptor for level 3"


def test_an_unknown_indicator_is_named_with_its_line():
    data = needs_mapping_data()
    data["fields"][1]["indicator"] = "CI.telepathy"
    text = yaml.safe_dump(data, sort_keys=False)
    problems = problems_of(text)
    assert len(problems) == 1
    problem = problems[0]
    assert problem.field == "fields[1].indicator"
    assert "unknown indicator code 'CI.telepathy'" in problem.message
    line = text.splitlines()[problem.line - 1]
    assert "CI.telepathy" in line
    assert str(problem).startswith(f"council.yaml, line {problem.line}, fields[1].indicator:")


def test_a_missing_and_a_doubled_indicator_are_explained_in_words():
    data = needs_mapping_data()
    data["fields"][1]["indicator"] = "CI.receptive"  # CI.expressive now missing, receptive twice
    messages = " ".join(p.message for p in problems_of(yaml.safe_dump(data, sort_keys=False)))
    assert "CI.receptive (Understanding language" in messages
    assert "rated by 2 questions" in messages
    assert "Add a need rating for: CI.expressive" in messages


@pytest.mark.parametrize(
    "change,field,words",
    [
        (lambda d: d.update(format="vsend-form/9"), "format", "must be 'vsend-form/1'"),
        (lambda d: d.update(kind="quiz"), "kind", "must be one of"),
        (lambda d: d.pop("title"), "title", "is required"),
        (
            lambda d: d["fields"][0]["levels"].pop(4),
            "fields[0].levels",
            "each level 0, 1, 2, 3 and 4",
        ),
        (lambda d: d["fields"][0].update(type="slider"), "fields[0].type", "unknown field type"),
        (lambda d: d["fields"][0].update(colour="red"), "fields[0].colour", "is not a setting"),
        (lambda d: d["fields"][3].update(area="XX"), "fields[3].area", "unknown area code"),
        (lambda d: d["fields"][0].update(label="x" * 300), "fields[0].label", "at most 255"),
        (lambda d: d["fields"][0].update(required="yes"), "fields[0].required", "true or false"),
    ],
)
def test_bad_files_get_a_field_error(change, field, words):
    data = needs_mapping_data()
    change(data)
    problems = problems_of(yaml.safe_dump(data, sort_keys=False))
    assert any(p.field == field and words in p.message for p in problems), problems
    assert all(p.file == "council.yaml" for p in problems)


def test_invalid_yaml_says_where():
    problems = problems_of("format: vsend-form/1\nfields: [\n  - oops: : :\n")
    assert problems[0].field == "file" and problems[0].line


def test_every_problem_is_reported_together():
    data = needs_mapping_data()
    data["fields"][0]["indicator"] = "nope"
    data["fields"][2]["label"] = ""
    assert len(problems_of(yaml.safe_dump(data, sort_keys=False))) >= 2


@pytest.mark.parametrize(
    "change,field,words",
    [
        (lambda d: d.update(sucess_message="Thanks"), "sucess_message", "check its spelling"),
        (lambda d: d.update(slug="core--form"), "slug", "single hyphens"),
        (lambda d: d["fields"][-2].update(label="Strengths?"), "fields", "same label"),
        (lambda d: d["fields"][-3].update(max_length=99999), "fields[-3].max_length", "1 to 4000"),
    ],
)
def test_more_mistakes_editors_make(change, field, words):
    data = needs_mapping_data()
    change(data)
    if field.startswith("fields[-3]"):
        field = f"fields[{len(data['fields']) - 3}].max_length"
    problems = problems_of(yaml.safe_dump(data, sort_keys=False))
    assert any(p.field == field and words in p.message for p in problems), problems


def test_a_key_written_twice_is_an_error():
    text = yaml.safe_dump(needs_mapping_data(), sort_keys=False) + "title: Again\n"
    problem = problems_of(text)[0]
    assert "appears twice" in problem.message and problem.line == len(text.splitlines())


@pytest.mark.parametrize(
    "change,field",
    [
        (lambda d: d.update(title="Needs\0mapping"), "title"),
        (lambda d: d["fields"][0].update(label="How is\0it?"), "fields[0].label"),
        (lambda d: d["fields"][0]["levels"].update({2: "Some\0help"}), "fields[0].levels.2"),
        (lambda d: d["fields"][-1].update(choices=["Teacher", "SEN\0CO"]), "fields[-1].choices[1]"),
    ],
)
def test_a_null_character_is_named_with_its_line(change, field):
    """A "\\0" escape reads as a null character, which PostgreSQL cannot store."""
    data = needs_mapping_data()
    change(data)
    if field.startswith("fields[-1]"):
        field = f"fields[{len(data['fields']) - 1}].choices[1]"
    text = yaml.safe_dump(data, sort_keys=False)
    assert "\\0" in text  # PyYAML writes the character as an escape
    problems = problems_of(text)
    assert [(p.field, "null character" in p.message) for p in problems] == [(field, True)]
    assert "\\0" in text.splitlines()[problems[0].line - 1]
