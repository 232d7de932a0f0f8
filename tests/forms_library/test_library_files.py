"""Every file in the forms library follows its format, and the library's house style.

The format is checked by vsend's one loader (:mod:`vsend_plugin.core.library`)
against the JSON Schemas shipped in ``forms_library/schema/``, then by the
rules about a form as a whole (:mod:`vsend_plugin.needs_forms.library`). There
is no second reading of FORMAT.md here: the tests below pin what the loader
refuses, with the file, line and place it names. On top of the format, the
library's own house style is checked: descriptors of a sensible length, age
notes in the core form, plain words in the family form, UK spelling and
respectful language.
"""

import re
from collections import Counter

import pytest
import yaml
from jsonschema import Draft202012Validator

from vsend_plugin.core.library import (
    CALIBRATION_FORMAT,
    FORM_FORMAT,
    TOOLKIT_FORMAT,
    LibraryError,
    find_library_file,
    library_files,
    read_document,
    read_text,
    schema,
)
from vsend_plugin.needs_forms.library import read_library_file, read_library_text
from vsend_plugin.scoring import AREAS, INDICATORS, SCHEME
from vsend_plugin.toolkit.principles import PRINCIPLES

LIBRARY = {item.name: item for item in library_files()}
FORMS = sorted(name for name, item in LIBRARY.items() if item.format == FORM_FORMAT)
CASES = sorted(name for name, item in LIBRARY.items() if item.format == CALIBRATION_FORMAT)
AREA_CODES = tuple(area.code for area in AREAS)
LEVEL_KEYS = ["0", "1", "2", "3", "4"]
RATINGS = ("need_rating", "provision_rating", "family_confidence_rating")


def load(name):
    """A library file's data, as the loader gives it (level keys are the text "0" to "4")."""
    item = find_library_file(name)
    return read_document(item.path, item.display_path, item.format).data


def as_written(name):
    """A library file's data as YAML reads it (level keys the numbers 0 to 4), to break."""
    return yaml.safe_load(find_library_file(name).path.read_text(encoding="utf-8"))


def slug_of(label):
    """The field name the site makes from a label."""
    from wagtailstreamforms.utils.general import get_slug_from_string

    return get_slug_from_string(label)


def is_text(value):
    return isinstance(value, str) and bool(value.strip())


def ratings(form):
    return [field for field in form["fields"] if field["type"] in RATINGS]


def of_type(form, field_type):
    return [field for field in form["fields"] if field["type"] == field_type]


def all_text(value):
    """Every string in a loaded file, keys excluded."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from all_text(item)
    elif isinstance(value, list):
        for item in value:
            yield from all_text(item)


# --- every file --------------------------------------------------------------


def test_the_library_holds_the_core_and_family_forms():
    assert FORMS == ["core-needs-mapping", "family-contribution"]
    assert LIBRARY["core-needs-mapping"].display_path == "needs-mapping/core.yaml"
    assert LIBRARY["family-contribution"].display_path == "family/contribution.yaml"
    folder = LIBRARY["core-needs-mapping"].path.parents[1]
    assert not list(folder.rglob("*.yml")), "library files end in .yaml"


@pytest.mark.parametrize("name", FORMS)
def test_form_follows_the_format(name):
    """The schema, then the rules about the whole form: every indicator once, labels unique."""
    form = read_library_file(name)
    assert form.slug == name


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_every_file_follows_the_schema_of_its_format(name):
    item = LIBRARY[name]
    assert item.format in (FORM_FORMAT, TOOLKIT_FORMAT, CALIBRATION_FORMAT)
    assert read_document(item.path, item.display_path).data["slug"] == name


def test_names_are_unique_across_the_library():
    names = Counter(item.name for item in library_files())
    assert [name for name, count in names.items() if count > 1] == []


@pytest.mark.parametrize("name", FORMS)
def test_every_rating_has_five_good_descriptors(name):
    for field in ratings(load(name)):
        levels = field["levels"]
        where = field.get("indicator") or f"{field['type']} {field['area']}"
        assert list(levels) == LEVEL_KEYS, where  # written in order, 0 to 4
        for level, text in levels.items():
            assert 15 <= len(text.strip()) <= 300, (where, level, len(text.strip()))
            assert text.strip().endswith((".", "!")), (where, level)
        assert len({text.strip().lower() for text in levels.values()}) == 5, where


@pytest.mark.parametrize("name", FORMS)
def test_labels_are_unique(name):
    labels = [slug_of(field["label"]) for field in load(name)["fields"]]
    assert [label for label, count in Counter(labels).items() if count > 1] == []


US_SPELLINGS = re.compile(
    r"\b(behavior\w*|color\w*|center\w*|favorite\w*|organiz\w*|recogniz\w*|realiz\w*"
    r"|prioritiz\w*|pediatric\w*|mom|math|program|programs|counselor\w*|modeling|traveling"
    r"|labeled|enroll|fulfill|license|practicing|judgment|gray|mold|aluminum)\b",
    re.IGNORECASE,
)
DISRESPECTFUL = re.compile(
    r"suffer(s|ing)? from|wheelchair[- ]bound|confined to a wheelchair|high[- ]functioning"
    r"|low[- ]functioning|mental age|retard|handicap|\bnormal (child|children|pupils)\b"
    r"|naughty|attention[- ]seeking|the disabled|victim of|afflicted|challenging child"
    r"|problem child|\bspecial needs child",
    re.IGNORECASE,
)


@pytest.mark.parametrize("name", FORMS + CASES)
def test_uk_spelling_and_respectful_language(name):
    for text in all_text(load(name)):
        assert not US_SPELLINGS.search(text), text
        assert not DISRESPECTFUL.search(text), text


# --- the core needs-mapping form ----------------------------------------------


@pytest.fixture(scope="module")
def core():
    return load("core-needs-mapping")


def test_core_is_the_needs_mapping_form(core):
    assert core["format"] == FORM_FORMAT
    assert core["slug"] == "core-needs-mapping"
    assert core["title"] == "Needs mapping"
    assert core["kind"] == "needs_mapping"
    assert core["scheme"] == SCHEME
    assert is_text(core["description"])


def test_core_binds_every_indicator_exactly_once_and_nothing_else(core):
    bound = Counter(field["indicator"] for field in of_type(core, "need_rating"))
    assert bound == Counter(dict.fromkeys(INDICATORS, 1))


def test_core_is_grouped_by_area_with_provision_after_each(core):
    expected = []
    for area in AREAS:
        expected += [("need_rating", code) for code in area.indicator_codes]
        expected.append(("provision_rating", area.code))
    scored = [
        (field["type"], field.get("indicator") or field.get("area")) for field in ratings(core)
    ]
    assert scored == expected
    assert [field["type"] for field in core["fields"][len(expected) :]] == [
        "strengths",
        "aspirations",
        "views",
    ]


def test_core_has_a_provision_rating_for_each_area_and_no_family_confidence(core):
    provision = Counter(field["area"] for field in of_type(core, "provision_rating"))
    assert provision == Counter(dict.fromkeys(AREA_CODES, 1))
    assert of_type(core, "family_confidence_rating") == []


def test_core_scored_questions_are_all_required(core):
    assert all(field.get("required", True) is True for field in ratings(core))


def test_core_questions_have_help_and_age_notes_for_every_stage(core):
    for field in of_type(core, "need_rating"):
        code = field["indicator"]
        assert is_text(field.get("help_text")), code
        notes = field.get("age_notes")
        assert is_text(notes), code
        for stage in ("Early years", "Primary", "Secondary", "Post-16"):
            assert stage in notes, (code, stage)


def test_core_labels_are_the_councils_own_words_not_codes(core):
    for field in of_type(core, "need_rating"):
        assert field["indicator"] not in field["label"]


# --- the family contribution form ---------------------------------------------


@pytest.fixture(scope="module")
def family():
    return load("family-contribution")


def test_family_form_is_a_family_contribution(family):
    assert family["slug"] == "family-contribution"
    assert family["title"] == "Your view of your child's support"
    assert family["kind"] == "family_contribution"
    assert family["scheme"] == SCHEME


def test_family_rates_confidence_in_every_area_and_never_need(family):
    confidence = Counter(field["area"] for field in of_type(family, "family_confidence_rating"))
    assert confidence == Counter(dict.fromkeys(AREA_CODES, 1))
    assert of_type(family, "need_rating") == []
    assert of_type(family, "provision_rating") == []


def test_family_form_asks_for_views_and_aspirations(family):
    assert len(of_type(family, "views")) == 1
    assert len(of_type(family, "aspirations")) == 1


def test_family_confidence_is_in_the_familys_own_voice(family):
    for field in of_type(family, "family_confidence_rating"):
        for level, text in field["levels"].items():
            assert text.startswith("I "), (field["area"], level)
        assert "not" in field["levels"]["0"] or "don't" in field["levels"]["0"]
        assert "fully confident" in field["levels"]["4"]


FAMILY_JARGON = re.compile(
    r"\b(SENCO|SEN support|EHC|EHCP|indicator|provision|intervention|cognition|receptive"
    r"|expressive|regulation|processing|numeracy|literacy|multi-agency|graduated approach"
    r"|quality-first|CAMHS|QTVI|AAC|differentiat\w*|scaffold\w*)\b",
    re.IGNORECASE,
)


def sentences(text):
    return [part for part in re.split(r"(?<=[.?!])\s+", " ".join(text.split())) if part]


def test_family_form_is_plain_and_short(family):
    texts = list(all_text(family))
    texts.remove(family["format"])
    texts.remove(family["scheme"])
    for text in texts:
        assert not FAMILY_JARGON.search(text), text
        for sentence in sentences(text):
            assert len(sentence.split()) <= 20, sentence


def test_family_form_speaks_to_the_family(family):
    assert "you" in family["description"].lower()
    for field in family["fields"]:
        words = " ".join([field["label"], field.get("help_text", "")]).lower()
        assert "you" in words, field["label"]


# --- the schemas ---------------------------------------------------------------


@pytest.mark.parametrize("format", [FORM_FORMAT, TOOLKIT_FORMAT, CALIBRATION_FORMAT])
def test_each_schema_is_valid_json_schema(format):
    Draft202012Validator.check_schema(schema(format))
    assert schema(format)["title"] == format


def test_the_form_schema_declares_the_scheme_s_codes():
    definitions = schema(FORM_FORMAT)["$defs"]
    assert definitions["need_rating"]["properties"]["indicator"]["enum"] == list(INDICATORS)
    assert definitions["area_rating"]["properties"]["area"]["enum"] == list(AREA_CODES)
    assert schema(FORM_FORMAT)["properties"]["scheme"]["const"] == SCHEME


def test_the_toolkit_schema_declares_the_principles():
    principle = schema(TOOLKIT_FORMAT)["$defs"]["principle"]["properties"]["principle"]
    assert principle["enum"] == list(PRINCIPLES)


# --- the loader catches broken files, naming the line ------------------------


def minimal_family_form():
    def confidence(area):
        return {
            "type": "family_confidence_rating",
            "area": area,
            "label": f"Area {area}",
            "levels": {level: f"I feel this way, at level {level}." for level in range(5)},
        }

    return {
        "format": FORM_FORMAT,
        "slug": "family-test",
        "title": "Test",
        "kind": "family_contribution",
        "scheme": SCHEME,
        "fields": [
            {"type": "views", "label": "Views"},
            {"type": "aspirations", "label": "Hopes"},
            *(confidence(area) for area in AREA_CODES),
        ],
    }


A_NEED_RATING = {
    "type": "need_rating",
    "indicator": "CI.social",
    "label": "Social",
    "levels": {level: f"Level {level} text." for level in range(5)},
}


def problems_of(data):
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    with pytest.raises(LibraryError) as error:
        read_library_text(text, "form.yaml")
    return text.splitlines(), error.value.problems


def test_a_minimal_family_form_passes():
    form = read_library_text(yaml.safe_dump(minimal_family_form(), sort_keys=False))
    assert [field["type"] for field in form.fields][:2] == ["views", "aspirations"]


def test_the_core_form_with_a_broken_indicator_is_caught():
    core = as_written("core-needs-mapping")
    broken = {**core, "fields": [dict(field) for field in core["fields"]]}
    assert broken["fields"][4]["indicator"] == "CL.literacy"
    broken["fields"][4]["indicator"] = "CI.foo"
    lines, problems = problems_of(broken)
    assert [(p.field, p.message) for p in problems] == [
        ("fields[4].indicator", "unknown indicator code 'CI.foo'")
    ]
    assert "indicator: CI.foo" in lines[problems[0].line - 1]


def test_an_indicator_left_out_is_caught():
    core = as_written("core-needs-mapping")
    broken = {**core, "fields": [f for f in core["fields"] if f.get("indicator") != "CL.literacy"]}
    _, problems = problems_of(broken)
    assert [p.field for p in problems] == ["fields"]
    assert "Add a need rating for: CL.literacy (Literacy" in problems[0].message


def test_an_indicator_bound_twice_is_caught():
    core = as_written("core-needs-mapping")
    broken = {**core, "fields": [dict(field) for field in core["fields"]]}
    broken["fields"][1]["indicator"] = "CI.receptive"
    lines, problems = problems_of(broken)
    messages = " ".join(p.message for p in problems)
    assert "CI.receptive (Understanding language" in messages
    assert "is rated by 2 questions" in messages
    assert all(lines[p.line - 1] == "fields:" for p in problems)


@pytest.mark.parametrize(
    "change, field, words",
    [
        (lambda form: form.pop("slug"), "slug", "is required"),
        (lambda form: form.update(format="vsend-form/2"), "format", "must be 'vsend-form/1'"),
        (lambda form: form.update(slug="Family Test"), "slug", "use lowercase words"),
        (lambda form: form.update(slug="family--test"), "slug", "joined by single hyphens"),
        (lambda form: form.update(colour="blue"), "colour", "is not a setting of a form"),
        (lambda form: form.pop("scheme"), "scheme", "is required in a needs_mapping or family"),
        (lambda form: form["fields"].pop(0), "fields", "Ask for the family's views"),
        (lambda form: form["fields"].pop(2), "fields", "confidence rating for: CI"),
        (lambda form: form["fields"][2]["levels"].pop(3), "fields[2].levels", "missing: 3"),
        (
            lambda form: form["fields"][2]["levels"].update({5: "Too high."}),
            "fields[2].levels.5",
            "is not a level",
        ),
        (
            lambda form: form["fields"][2].update(levels={str(n): "x" for n in range(5)}),
            "fields[2].levels.0",
            "write the number 0 without quotes",
        ),
        (
            lambda form: form["fields"][2]["levels"].update({1: "I feel this way, at level 0."}),
            "fields[2].levels",
            "two levels have the same descriptor",
        ),
        (
            lambda form: form["fields"][3].update(area="CI"),
            "fields",
            "2 questions of type family confidence rating",
        ),
        (lambda form: form["fields"][1].update(label="views?"), "fields", "the same label"),
        (
            lambda form: form["fields"][1].update({"help-text": "x"}),
            "fields[1].help-text",
            "is not a setting of a aspirations field",
        ),
        (
            lambda form: form["fields"][1].update(required="yes"),
            "fields[1].required",
            "must be true or false",
        ),
        (lambda form: form["fields"][1].update(label="  "), "fields[1].label", "must not be empty"),
        (lambda form: form["fields"][1].update(label="x" * 256), "fields[1].label", "at most 255"),
        (
            lambda form: form["fields"][1].update(max_length=0),
            "fields[1].max_length",
            "from 1 to 4000",
        ),
        (
            lambda form: form["fields"].append(dict(A_NEED_RATING)),
            "fields[7].type",
            "is not allowed in a family_contribution form",
        ),
        (
            lambda form: form["fields"].append({"type": "radio", "label": "Pick", "choices": []}),
            "fields[7].choices",
            "must be a list of at least one option",
        ),
        (
            lambda form: form["fields"].append({"type": "radio", "label": "P", "choices": [True]}),
            "fields[7].choices[0]",
            "must be text",
        ),
        (
            lambda form: form["fields"].append(
                {"type": "radio", "label": "P", "choices": ["A", "A"]}
            ),
            "fields[7].choices",
            "gives the same option twice",
        ),
        (
            lambda form: form["fields"].append({**form["fields"][0], "label": "More views"}),
            "fields[7]",
            "views is already asked by fields[0]",
        ),
        (
            lambda form: form["fields"].append({"type": "radio", "label": "Pick"}),
            "fields[7].choices",
            "is required",
        ),
        (
            lambda form: form["fields"].append({"type": "email", "label": "E", "choices": ["a"]}),
            "fields[7].choices",
            "is not a setting of a email field",
        ),
        (
            lambda form: form["fields"].append({"type": "essay", "label": "Essay"}),
            "fields[7].type",
            "unknown field type 'essay'",
        ),
        (lambda form: form.update(kind="survey"), "scheme", "is not used in a survey"),
        (lambda form: form.update(kind="quiz"), "kind", "must be one of"),
        (lambda form: form.update(fields=[]), "fields", "at least one field"),
    ],
)
def test_broken_forms_are_caught_with_their_line(change, field, words):
    form = minimal_family_form()
    change(form)
    lines, problems = problems_of(form)
    found = [p for p in problems if p.field == field and words in p.message]
    assert found, problems
    assert all(
        1 <= p.line <= len(lines) and str(p).startswith(f"form.yaml, line {p.line}, ")
        for p in problems
    )
    last = field.rsplit(".", 1)[-1]
    if "[" not in last and last != "fields" and any(f"{last}:" in line for line in lines):
        # A key that is there is named at its own line.
        assert (
            lines[found[0].line - 1].strip().startswith((f"{last}:", f"- {last}:", f"'{last}':"))
        ), (found[0], lines[found[0].line - 1])


def test_a_ratings_free_survey_has_no_scheme_and_no_ratings():
    form = minimal_family_form()
    form.pop("scheme")
    form["kind"] = "survey"
    _, problems = problems_of(form)
    assert {p.field for p in problems} == {f"fields[{index}].type" for index in range(2, 7)}
    assert all("never scored" in p.message for p in problems)


def test_a_repeated_key_is_caught_at_its_line():
    text = yaml.safe_dump(minimal_family_form(), sort_keys=False) + "title: Again\n"
    with pytest.raises(LibraryError) as error:
        read_text(text, "form.yaml", FORM_FORMAT)
    [problem] = error.value.problems
    assert (problem.field, problem.line) == ("title", len(text.splitlines()))
    assert "appears twice" in problem.message


def test_yaml_tags_are_refused():
    text = "!!python/object:os.system\nformat: vsend-form/1\n"
    with pytest.raises(LibraryError) as error:
        read_text(text, "form.yaml")
    assert "YAML tag" in str(error.value) and "file" in {p.field for p in error.value.problems}


def test_a_file_of_the_wrong_format_is_named():
    with pytest.raises(LibraryError) as error:
        read_text("format: vsend-form/9\n", "form.yaml")
    assert str(error.value) == (
        "form.yaml, line 1, format: "
        "must be one of vsend-form/1, vsend-toolkit/1, vsend-calibration/1; got 'vsend-form/9'"
    )
