"""The forms library file format (``vsend-form/1``): reading, checking, writing.

Councils share forms as YAML files (see ``forms_library/FORMAT.md``). A file
is read with the line of every key kept, so that each problem is reported as
``file, line N, fields[3].indicator: message`` and an editor can go straight
to it. Import and export are inverses: exporting an imported form gives back
the same questions, wording and bindings.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from vsend_plugin.scoring import AREA_CODES, INDICATORS, SCHEME

from . import binding

FORMAT = "vsend-form/1"
KINDS = ("needs_mapping", "family_contribution", "survey", "other")
SCORED_KINDS = ("needs_mapping", "family_contribution")
RATING_TYPES = dict(binding.RATING_TYPES)
FREE_TEXT_TYPES = binding.FREE_TEXT_TYPES
PLAIN_TYPES = ("singleline", "multiline", "date", "datetime", "email", "url", "number", "checkbox")
CHOICE_TYPES = ("dropdown", "radio", "checkboxes")
FIELD_TYPES = (*RATING_TYPES, *FREE_TEXT_TYPES, *PLAIN_TYPES, *CHOICE_TYPES)
LEVEL_KEYS = (0, 1, 2, 3, 4)
MAX_TEXT = 4000
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
TOP_LEVEL_KEYS = (
    "format", "slug", "title", "kind", "scheme", "description", "submit_label",
    "success_message", "fields",
)


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    field: str
    message: str

    def __str__(self):
        where = f", line {self.line}" if self.line else ""
        return f"{self.file}{where}, {self.field}: {self.message}"


class LibraryError(Exception):
    """A library file that cannot be imported; ``problems`` lists every reason."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


class _Mapping(dict):
    """A YAML mapping that remembers the line of each key (1-based)."""

    line = None
    key_lines: dict


class _LineLoader(yaml.SafeLoader):
    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} appears twice", key_node.start_mark
                )
            seen.add(key)
        mapping = _Mapping(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {
            self.construct_object(key, deep=True): key.start_mark.line + 1
            for key, _value in node.value
        }
        return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping)


@dataclass
class LibraryForm:
    """A form as a library file describes it, checked and ready to import."""

    slug: str
    title: str
    kind: str
    fields: list  # streamforms raw data: [{"type": ..., "value": {...}}]
    scheme: str = ""
    description: str = ""
    submit_label: str = ""
    success_message: str = ""
    source: str = field(default="", compare=False)


#: What a "\0" escape in a quoted YAML string reads as; no database column can store it.
NUL = "\x00"
NUL_PROBLEM = "must not contain a null character (a \\0 escape)"


class _Checker:
    def __init__(self, filename):
        self.filename = filename
        self.problems = []

    def add(self, mapping, key, where, message):
        line = None
        if isinstance(mapping, _Mapping):
            line = mapping.key_lines.get(key, mapping.line)
        self.problems.append(Problem(self.filename, line, where, message))

    def text(self, mapping, key, where, *, required=True, max_length=MAX_TEXT):
        value = mapping.get(key)
        if value is None or value == "":
            if required:
                self.add(mapping, key, where, "is required")
            return ""
        if not isinstance(value, str):
            self.add(mapping, key, where, f"must be text, not {type(value).__name__}")
            return ""
        if NUL in value:
            self.add(mapping, key, where, NUL_PROBLEM)
            return ""
        if len(value) > max_length:
            self.add(mapping, key, where, f"is {len(value)} characters long; at most {max_length}")
        return value.strip()

    def boolean(self, mapping, key, where, default):
        value = mapping.get(key, default)
        if not isinstance(value, bool):
            self.add(mapping, key, where, "must be true or false")
            return default
        return value


def read_library_file(path):
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise LibraryError([Problem(str(path), None, "file", f"cannot be read: {error}")]) from error
    return read_library_text(text, str(path))


def read_library_text(text, filename="<form>"):
    """Parse and check a library file; raise :class:`LibraryError` listing every problem."""
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise LibraryError(
            [Problem(filename, mark.line + 1 if mark else None, "file", f"is not valid YAML: {error}")]
        ) from error
    check = _Checker(filename)
    if not isinstance(data, dict):
        raise LibraryError([Problem(filename, 1, "file", "must be a mapping of keys to values")])

    if data.get("format") != FORMAT:
        check.add(data, "format", "format", f"must be {FORMAT!r}, got {data.get('format')!r}")
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            check.add(data, key, str(key), "is not a setting of a form; check its spelling")
    slug = check.text(data, "slug", "slug", max_length=80)
    if slug and not SLUG.fullmatch(slug):
        check.add(
            data, "slug", "slug", "use lowercase words of letters and digits joined by single hyphens"
        )
    title = check.text(data, "title", "title", max_length=255)
    kind = data.get("kind")
    if kind not in KINDS:
        check.add(data, "kind", "kind", f"must be one of {', '.join(KINDS)}; got {kind!r}")
    scheme = data.get("scheme") or ""
    if kind in SCORED_KINDS and scheme != SCHEME:
        check.add(data, "scheme", "scheme", f"a {kind} form must say scheme: {SCHEME}")
    description = check.text(data, "description", "description", required=False)
    submit_label = check.text(data, "submit_label", "submit_label", required=False, max_length=100)
    success_message = check.text(
        data, "success_message", "success_message", required=False, max_length=255
    )

    raw_fields = data.get("fields")
    fields = []
    if not isinstance(raw_fields, list) or not raw_fields:
        check.add(data, "fields", "fields", "must be a list of at least one field")
    else:
        for index, item in enumerate(raw_fields):
            converted = _read_field(check, item, f"fields[{index}]")
            if converted is not None:
                fields.append(converted)

    if not check.problems and kind in SCORED_KINDS:
        problems = (
            binding.needs_mapping_problems(fields)
            if kind == "needs_mapping"
            else binding.family_contribution_problems(fields)
        )
        check.problems += [Problem(filename, data.key_lines.get("fields"), "fields", p) for p in problems]
    if check.problems:
        raise LibraryError(check.problems)
    return LibraryForm(
        slug=slug,
        title=title,
        kind=kind,
        scheme=scheme,
        description=description,
        submit_label=submit_label,
        success_message=success_message,
        fields=fields,
        source=filename,
    )


def _read_field(check, item, where):
    if not isinstance(item, dict):
        check.problems.append(Problem(check.filename, None, where, "must be a mapping"))
        return None
    field_type = item.get("type")
    if field_type not in FIELD_TYPES:
        check.add(item, "type", f"{where}.type", f"unknown field type {field_type!r}; use one of {', '.join(FIELD_TYPES)}")
        return None
    known = {"type", "label", "help_text", "required"}
    value = {
        "label": check.text(item, "label", f"{where}.label", max_length=255),
        "help_text": check.text(item, "help_text", f"{where}.help_text", required=False, max_length=1000),
    }
    if field_type in RATING_TYPES:
        binding_key = RATING_TYPES[field_type]
        known |= {binding_key, "levels", "age_notes"}
        code = item.get(binding_key)
        valid = INDICATORS if binding_key == "indicator" else AREA_CODES
        if code not in valid:
            what = "indicator code" if binding_key == "indicator" else "area code"
            check.add(item, binding_key, f"{where}.{binding_key}", f"unknown {what} {code!r}")
        value[binding_key] = code
        value["required"] = check.boolean(item, "required", f"{where}.required", True)
        levels = item.get("levels")
        if not isinstance(levels, dict) or sorted(levels, key=str) != sorted(LEVEL_KEYS, key=str) or not all(
            isinstance(k, int) and not isinstance(k, bool) for k in levels
        ):
            check.add(item, "levels", f"{where}.levels", "must give a descriptor for each level 0, 1, 2, 3 and 4")
        else:
            for level in LEVEL_KEYS:
                value[f"level_{level}"] = check.text(levels, level, f"{where}.levels.{level}", max_length=300)
        if field_type == "need_rating":
            value["age_notes"] = check.text(item, "age_notes", f"{where}.age_notes", required=False, max_length=2000)
    elif field_type in FREE_TEXT_TYPES:
        known |= {"max_length"}
        value["required"] = check.boolean(item, "required", f"{where}.required", False)
        if "max_length" in item:
            length = item["max_length"]
            if not isinstance(length, int) or isinstance(length, bool) or not 1 <= length <= MAX_TEXT:
                check.add(item, "max_length", f"{where}.max_length", f"must be a whole number from 1 to {MAX_TEXT}")
            else:
                value["max_length"] = length
    else:
        value["required"] = check.boolean(item, "required", f"{where}.required", False)
        if field_type in CHOICE_TYPES:
            known |= {"choices", "empty_label"}
            choices = item.get("choices")
            if not isinstance(choices, list) or not choices or not all(isinstance(c, str) and c.strip() for c in choices):
                check.add(item, "choices", f"{where}.choices", "must be a list of at least one option")
                choices = []
            elif any(NUL in choice for choice in choices):
                check.add(item, "choices", f"{where}.choices", NUL_PROBLEM)
                choices = []
            value["choices"] = [c.strip() for c in choices]
            if field_type == "dropdown":
                value["empty_label"] = check.text(item, "empty_label", f"{where}.empty_label", required=False, max_length=100)
        elif field_type != "checkbox":
            known |= {"default_value"}
            value["default_value"] = check.text(item, "default_value", f"{where}.default_value", required=False, max_length=255)
    for key in item:
        if key not in known:
            check.add(item, key, f"{where}.{key}", f"is not a setting of a {field_type} field")
    return {"type": field_type, "value": value}


def library_data(council_form):
    """A council form as library file data (the inverse of :func:`read_library_text`)."""
    form = council_form.form
    data = {"format": FORMAT, "slug": council_form.library_slug, "title": form.title, "kind": council_form.kind}
    if council_form.kind in SCORED_KINDS:
        data["scheme"] = SCHEME
    if council_form.description:
        data["description"] = council_form.description
    if form.submit_button_text and form.submit_button_text != "Submit":
        data["submit_label"] = form.submit_button_text
    if form.success_message:
        data["success_message"] = form.success_message
    data["fields"] = [_write_field(item) for item in form.fields.raw_data]
    return data


def _write_field(item):
    field_type, value = item["type"], dict(item["value"])
    out = {"type": field_type}
    if field_type in RATING_TYPES:
        out[RATING_TYPES[field_type]] = value.get(RATING_TYPES[field_type])
    out["label"] = value.get("label", "")
    if value.get("help_text"):
        out["help_text"] = value["help_text"]
    if field_type == "need_rating" and value.get("age_notes"):
        out["age_notes"] = value["age_notes"]
    if field_type in RATING_TYPES:
        out["levels"] = {level: value.get(f"level_{level}", "") for level in LEVEL_KEYS}
        if value.get("required", True) is not True:
            out["required"] = False
    elif value.get("required"):
        out["required"] = True
    if field_type in CHOICE_TYPES:
        out["choices"] = [c["value"] if isinstance(c, dict) else c for c in value.get("choices", [])]
        if field_type == "dropdown" and value.get("empty_label"):
            out["empty_label"] = value["empty_label"]
    if value.get("default_value"):
        out["default_value"] = value["default_value"]
    if value.get("max_length"):
        out["max_length"] = value["max_length"]
    return out


class _Dumper(yaml.SafeDumper):
    pass


def _represent_text(dumper, text):
    style = "|" if "\n" in text else (">" if len(text) > 80 else None)
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_text)


def dump_library(data):
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=88)
