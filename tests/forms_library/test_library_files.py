"""Every file in the forms library follows the format `vsend-form/1`.

The rules are those of forms_library/FORMAT.md; `format_problems` below is a
plain reading of them. On top of the format, the library's own house style is
checked: descriptors of a sensible length, age notes in the core form, plain
words in the family form, UK spelling and respectful language.

Only YAML and the scoring scheme are needed (never Django), so a council editor
can check a file with nothing but Python and PyYAML.
"""

import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
import yaml

from vsend_plugin.scoring import AREAS, INDICATORS, SCHEME

REPOSITORY_ROOT = Path(__file__).resolve().parents[2]
LIBRARY = REPOSITORY_ROOT / "forms_library"
# Toolkit pages have their own format, vsend-toolkit/1 (tests/toolkit/test_library.py).
FILES = sorted(path for path in LIBRARY.rglob("*.yaml") if path.parent.name != "toolkit")
CORE = LIBRARY / "needs-mapping" / "core.yaml"
FAMILY = LIBRARY / "family" / "contribution.yaml"

FORMAT = "vsend-form/1"
KINDS = ("needs_mapping", "family_contribution", "survey", "other")
SCORED_KINDS = ("needs_mapping", "family_contribution")
AREA_CODES = tuple(area.code for area in AREAS)
LEVEL_KEYS = [0, 1, 2, 3, 4]
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")

TOP_REQUIRED = {"format", "slug", "title", "kind", "fields"}
TOP_OPTIONAL = {"scheme", "description", "submit_label", "success_message"}

RATINGS = ("need_rating", "provision_rating", "family_confidence_rating")
FREE_TEXT = ("strengths", "aspirations", "views")
WITH_CHOICES = ("dropdown", "radio", "checkboxes")
WITH_DEFAULT = ("singleline", "multiline", "email", "url", "date", "datetime", "number")
ORDINARY = (*WITH_DEFAULT, *WITH_CHOICES, "checkbox")

# type -> (required keys, optional keys)
FIELD_KEYS = {
    "need_rating": (
        {"type", "indicator", "label", "levels"},
        {"help_text", "age_notes", "required"},
    ),
    "provision_rating": ({"type", "area", "label", "levels"}, {"help_text", "required"}),
    "family_confidence_rating": ({"type", "area", "label", "levels"}, {"help_text", "required"}),
    **{kind: ({"type", "label"}, {"help_text", "max_length", "required"}) for kind in FREE_TEXT},
    **{kind: ({"type", "label"}, {"help_text", "required"}) for kind in ORDINARY},
}
for kind in WITH_CHOICES:
    FIELD_KEYS[kind][0].add("choices")
for kind in WITH_DEFAULT:
    FIELD_KEYS[kind][1].add("default_value")
FIELD_KEYS["dropdown"][1].add("empty_label")

# Ratings allowed in each kind of form.
ALLOWED_RATINGS = {
    "needs_mapping": set(RATINGS),
    "family_contribution": {"family_confidence_rating"},
    "survey": set(),
    "other": set(),
}

MAX_LENGTHS = {
    "slug": 80,
    "title": 255,
    "description": 4000,
    "submit_label": 100,
    "success_message": 255,
    "label": 255,
    "help_text": 1000,
    "age_notes": 2000,
    "level": 300,
    "empty_label": 100,
    "default_value": 255,
}


def load(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def slug_of(label):
    """The field name the site makes from a label (as Django's slugify does)."""
    text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text.lower())
    return re.sub(r"[-\s]+", "-", text).strip("-_")


def is_text(value):
    return isinstance(value, str) and bool(value.strip())


def format_problems(form):
    """Every way `form` (a loaded file) breaks the rules of FORMAT.md, as 'path: message'."""
    problems = []

    def problem(path, message):
        problems.append(f"{path}: {message}")

    def check_text(path, value, limit=None):
        if not is_text(value):
            problem(path, "must be non-empty text")
        elif limit is not None and len(value.strip()) > limit:
            problem(path, f"is longer than {limit} characters")

    if not isinstance(form, dict):
        return ["(top level): must be a mapping"]

    for key in sorted(TOP_REQUIRED - form.keys()):
        problem(key, "missing")
    for key in sorted(form.keys() - TOP_REQUIRED - TOP_OPTIONAL, key=str):
        problem(key, "unknown key")

    if "format" in form and form["format"] != FORMAT:
        problem("format", f"must be {FORMAT!r}")
    if "slug" in form:
        slug = form["slug"]
        if not isinstance(slug, str) or not SLUG.match(slug) or len(slug) > MAX_LENGTHS["slug"]:
            problem("slug", "must be lowercase letters, digits and single hyphens, at most 80")
    for key in ("title", "description", "submit_label", "success_message"):
        if key in form:
            check_text(key, form[key], MAX_LENGTHS[key])

    kind = form.get("kind")
    if "kind" in form and kind not in KINDS:
        problem("kind", f"must be one of {', '.join(KINDS)}")
        kind = None
    if kind in SCORED_KINDS:
        if "scheme" not in form:
            problem("scheme", f"required for a {kind} form")
        elif form["scheme"] != SCHEME:
            problem("scheme", f"unknown scheme {form['scheme']!r}")
    elif kind is not None and "scheme" in form:
        problem("scheme", f"not allowed in a {kind} form")

    fields = form.get("fields")
    if "fields" in form and (not isinstance(fields, list) or not fields):
        problem("fields", "must be a list of at least one field")
        fields = []
    fields = fields or []

    bound_indicators = {}
    bound_areas = {rating: {} for rating in RATINGS[1:]}
    once_only = {}
    labels = {}

    for index, field in enumerate(fields):
        at = f"fields[{index}]"
        if not isinstance(field, dict):
            problem(at, "must be a mapping")
            continue
        field_type = field.get("type")
        if field_type not in FIELD_KEYS:
            problem(f"{at}.type", f"unknown field type {field_type!r}")
            continue
        required_keys, optional_keys = FIELD_KEYS[field_type]
        for key in sorted(required_keys - field.keys()):
            problem(f"{at}.{key}", "missing")
        for key in sorted(field.keys() - required_keys - optional_keys, key=str):
            problem(f"{at}.{key}", "unknown key")

        if "label" in field:
            check_text(f"{at}.label", field["label"], MAX_LENGTHS["label"])
            if is_text(field["label"]):
                slug = slug_of(field["label"])
                if not slug:
                    problem(f"{at}.label", "must contain a letter or digit")
                elif slug in labels:
                    problem(f"{at}.label", f"label is already used by {labels[slug]}")
                else:
                    labels[slug] = at
        if "help_text" in field:
            check_text(f"{at}.help_text", field["help_text"], MAX_LENGTHS["help_text"])
        for key in ("age_notes", "empty_label", "default_value"):
            if key in field:
                check_text(f"{at}.{key}", field[key], MAX_LENGTHS[key])
        if "required" in field and not isinstance(field["required"], bool):
            problem(f"{at}.required", "must be true or false")

        if field_type in RATINGS:
            if kind is not None and field_type not in ALLOWED_RATINGS[kind]:
                problem(at, f"{field_type} is not allowed in a {kind} form")
            levels = field.get("levels")
            if "levels" in field:
                if not isinstance(levels, dict):
                    problem(f"{at}.levels", "must be a mapping of the levels 0 to 4")
                else:
                    for key in levels:
                        if key not in LEVEL_KEYS or isinstance(key, bool):
                            problem(f"{at}.levels.{key}", "levels are 0 to 4")
                    for key in LEVEL_KEYS:
                        if key not in levels:
                            problem(f"{at}.levels", f"missing level {key}")
                        else:
                            check_text(f"{at}.levels.{key}", levels[key], MAX_LENGTHS["level"])
                    texts = [" ".join(v.split()).lower() for v in levels.values() if is_text(v)]
                    if len(set(texts)) != len(texts):
                        problem(f"{at}.levels", "two levels have the same descriptor")

        if field_type == "need_rating" and "indicator" in field:
            code = field["indicator"]
            if code not in INDICATORS:
                problem(f"{at}.indicator", f"unknown indicator code {code!r}")
            elif code in bound_indicators:
                problem(
                    f"{at}.indicator",
                    f"indicator {code!r} is already bound by {bound_indicators[code]}",
                )
            else:
                bound_indicators[code] = at
        if field_type in bound_areas and "area" in field:
            area = field["area"]
            if area not in AREA_CODES:
                problem(f"{at}.area", f"unknown area code {area!r}")
            elif area in bound_areas[field_type]:
                problem(
                    f"{at}.area",
                    f"{field_type} for area {area!r} is already given by "
                    f"{bound_areas[field_type][area]}",
                )
            else:
                bound_areas[field_type][area] = at

        if field_type in FREE_TEXT:
            if field_type in once_only and kind in SCORED_KINDS:
                problem(at, f"{field_type} is already asked by {once_only[field_type]}")
            once_only.setdefault(field_type, at)
            if "max_length" in field:
                value = field["max_length"]
                if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 10000:
                    problem(f"{at}.max_length", "must be a whole number from 1 to 10000")

        if field_type in WITH_CHOICES and "choices" in field:
            choices = field["choices"]
            if not isinstance(choices, list) or not choices:
                problem(f"{at}.choices", "must be a list of at least one choice")
            else:
                for number, choice in enumerate(choices):
                    check_text(f"{at}.choices[{number}]", choice)
                texts = [c.strip().lower() for c in choices if is_text(c)]
                if len(set(texts)) != len(texts):
                    problem(f"{at}.choices", "two choices are the same")

    if kind == "needs_mapping":
        for code in INDICATORS:
            if code not in bound_indicators:
                problem("fields", f"no need_rating binds indicator {code!r}")
    if kind == "family_contribution":
        for area in AREA_CODES:
            if area not in bound_areas["family_confidence_rating"]:
                problem("fields", f"no family_confidence_rating for area {area!r}")
        for field_type in ("views", "aspirations"):
            if field_type not in once_only:
                problem("fields", f"a family_contribution form needs a {field_type} field")
    return problems


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


def file_id(path):
    return str(path.relative_to(LIBRARY))


# --- every file --------------------------------------------------------------


def test_the_library_holds_the_core_and_family_forms():
    assert CORE in FILES
    assert FAMILY in FILES
    assert not list(LIBRARY.rglob("*.yml")), "library files end in .yaml"


@pytest.mark.parametrize("path", FILES, ids=file_id)
def test_file_follows_the_format(path):
    assert format_problems(load(path)) == []


class StrictLoader(yaml.SafeLoader):
    """The safe loader, refusing a key that appears twice in one mapping."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} appears twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


@pytest.mark.parametrize("path", FILES, ids=file_id)
def test_no_key_appears_twice(path):
    text = path.read_text(encoding="utf-8")
    assert yaml.load(text, Loader=StrictLoader) == yaml.safe_load(text)


def test_slugs_are_unique_across_the_library():
    slugs = Counter(load(path)["slug"] for path in FILES)
    assert [slug for slug, count in slugs.items() if count > 1] == []


@pytest.mark.parametrize("path", FILES, ids=file_id)
def test_every_rating_has_five_good_descriptors(path):
    for field in ratings(load(path)):
        levels = field["levels"]
        where = field.get("indicator") or f"{field['type']} {field['area']}"
        assert list(levels) == LEVEL_KEYS, where
        assert all(type(key) is int for key in levels), where
        for level, text in levels.items():
            assert isinstance(text, str), (where, level)
            assert 15 <= len(text.strip()) <= 300, (where, level, len(text.strip()))
            assert text.strip().endswith((".", "!")), (where, level)
        assert len({text.strip().lower() for text in levels.values()}) == 5, where


@pytest.mark.parametrize("path", FILES, ids=file_id)
def test_labels_are_unique(path):
    labels = [slug_of(field["label"]) for field in load(path)["fields"]]
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


@pytest.mark.parametrize("path", FILES, ids=file_id)
def test_uk_spelling_and_respectful_language(path):
    for text in all_text(load(path)):
        assert not US_SPELLINGS.search(text), text
        assert not DISRESPECTFUL.search(text), text


# --- the core needs-mapping form ----------------------------------------------


@pytest.fixture(scope="module")
def core():
    return load(CORE)


def test_core_is_the_needs_mapping_form(core):
    assert core["format"] == FORMAT
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
    assert [field["type"] for field in core["fields"][len(expected):]] == [
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
    return load(FAMILY)


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
        assert "not" in field["levels"][0] or "don't" in field["levels"][0]
        assert "fully confident" in field["levels"][4]


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


# --- the checks above catch broken files --------------------------------------


def minimal_family_form():
    def confidence(area):
        return {
            "type": "family_confidence_rating",
            "area": area,
            "label": f"Area {area}",
            "levels": {level: f"I feel this way, at level {level}." for level in LEVEL_KEYS},
        }

    return {
        "format": FORMAT,
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
    "levels": {level: f"Level {level} text." for level in LEVEL_KEYS},
}


def test_a_minimal_family_form_passes():
    assert format_problems(minimal_family_form()) == []


def test_the_core_form_with_a_broken_indicator_is_caught(core):
    broken = {**core, "fields": [dict(field) for field in core["fields"]]}
    assert broken["fields"][4]["indicator"] == "CL.literacy"
    broken["fields"][4]["indicator"] = "CI.foo"
    problems = format_problems(broken)
    assert "fields[4].indicator: unknown indicator code 'CI.foo'" in problems
    assert "fields: no need_rating binds indicator 'CL.literacy'" in problems


def test_an_indicator_bound_twice_is_caught(core):
    broken = {**core, "fields": [dict(field) for field in core["fields"]]}
    broken["fields"][1]["indicator"] = "CI.receptive"
    problems = format_problems(broken)
    assert "fields[1].indicator: indicator 'CI.receptive' is already bound by fields[0]" in (
        problems
    )


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda form: form.pop("slug"), "slug: missing"),
        (lambda form: form.update(format="vsend-form/2"), "format: must be 'vsend-form/1'"),
        (lambda form: form.update(slug="Family Test"), "slug: must be lowercase"),
        (lambda form: form.update(colour="blue"), "colour: unknown key"),
        (lambda form: form.pop("scheme"), "scheme: required for a family_contribution form"),
        (lambda form: form["fields"].pop(0), "fields: a family_contribution form needs a views"),
        (lambda form: form["fields"].pop(2), "fields: no family_confidence_rating for area 'CI'"),
        (lambda form: form["fields"][2]["levels"].pop(3), "fields[2].levels: missing level 3"),
        (lambda form: form["fields"][2]["levels"].update({5: "Too high."}), "fields[2].levels.5"),
        (
            lambda form: form["fields"][2].update(levels={str(n): "x" for n in LEVEL_KEYS}),
            "fields[2].levels.0: levels are 0 to 4",
        ),
        (
            lambda form: form["fields"][2]["levels"].update({1: "I feel this way, at level 0."}),
            "fields[2].levels: two levels have the same descriptor",
        ),
        (lambda form: form["fields"][3].update(area="CI"), "fields[3].area: family_confidence"),
        (lambda form: form["fields"][1].update(label="views?"), "fields[1].label: label is"),
        (lambda form: form["fields"][1].update({"help-text": "x"}), "fields[1].help-text"),
        (lambda form: form["fields"][1].update(required="yes"), "fields[1].required"),
        (
            lambda form: form["fields"].append(dict(A_NEED_RATING)),
            "fields[7]: need_rating is not allowed in a family_contribution form",
        ),
        (
            lambda form: form["fields"].append({"type": "radio", "label": "Pick", "choices": []}),
            "fields[7].choices: must be a list of at least one",
        ),
        (
            lambda form: form["fields"].append({"type": "radio", "label": "P", "choices": [True]}),
            "fields[7].choices[0]: must be non-empty text",
        ),
        (
            lambda form: form["fields"].append(dict(form["fields"][0])),
            "fields[7]: views is already asked by fields[0]",
        ),
        (
            lambda form: form["fields"].append({"type": "radio", "label": "Pick"}),
            "fields[7].choices: missing",
        ),
        (
            lambda form: form["fields"].append({"type": "essay", "label": "Essay"}),
            "fields[7].type: unknown field type 'essay'",
        ),
        (
            lambda form: form.update(kind="survey"),
            "scheme: not allowed in a survey form",
        ),
    ],
)
def test_broken_forms_are_caught(change, expected):
    form = minimal_family_form()
    change(form)
    problems = format_problems(form)
    assert any(problem.startswith(expected) for problem in problems), problems


def test_a_repeated_key_is_caught():
    with pytest.raises(yaml.constructor.ConstructorError, match="appears twice"):
        yaml.load("label: One\nlabel: Two\n", Loader=StrictLoader)
