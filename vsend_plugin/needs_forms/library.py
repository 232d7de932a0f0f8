"""The forms library file format (``vsend-form/1``): reading, checking, writing.

Councils share forms as YAML files (see ``forms_library/FORMAT.md``). A file
is read by the library's one loader (:mod:`vsend_plugin.core.library`): YAML
with the line of every key kept, checked against the format's JSON Schema
(``forms_library/schema/vsend-form-1.schema.json``), so that each problem is
reported as ``file, line N, fields[3].indicator: message`` and an editor can
go straight to it. What the schema cannot say (every indicator rated once,
labels unique, five different descriptors) is checked here after it, with the
same problem type. Import and export are inverses: exporting an imported form
gives back the same questions, wording and bindings.
"""

from collections import Counter
from dataclasses import dataclass, field

import yaml

from vsend_plugin.core.library import (
    FORM_FORMAT,
    LibraryError,
    Problem,
    describe_place,
    read_document,
    read_text,
    resolve,
)
from vsend_plugin.scoring import SCHEME

from . import binding

FORMAT = FORM_FORMAT
KINDS = ("needs_mapping", "family_contribution", "survey", "other")
SCORED_KINDS = ("needs_mapping", "family_contribution")
RATING_TYPES = dict(binding.RATING_TYPES)
FREE_TEXT_TYPES = binding.FREE_TEXT_TYPES
CHOICE_TYPES = ("dropdown", "radio", "checkboxes")
LEVEL_KEYS = (0, 1, 2, 3, 4)

__all__ = ["LibraryError", "LibraryForm", "Problem", "read_library_file", "read_library_text"]


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


def read_library_file(name_or_path):
    """The :class:`LibraryForm` of a library name (``core-needs-mapping``) or a file's path."""
    path, filename = resolve(name_or_path)
    return _library_form(read_document(path, filename, FORMAT))


def read_library_text(text, filename="<form>"):
    """Parse and check a library file; raise :class:`LibraryError` listing every problem."""
    return _library_form(read_text(text, filename, FORMAT))


def _library_form(document):
    data = document.data
    fields = [_stream_field(item) for item in data["fields"]]
    problems = _form_rules(document)
    if not problems and data["kind"] in SCORED_KINDS:
        whole_form = (
            binding.needs_mapping_problems(fields)
            if data["kind"] == "needs_mapping"
            else binding.family_contribution_problems(fields)
        )
        line = document.line_of(("fields",))
        problems = [Problem(document.filename, line, "fields", message) for message in whole_form]
    if problems:
        raise LibraryError(problems)
    return LibraryForm(
        slug=data["slug"],
        title=data["title"].strip(),
        kind=data["kind"],
        scheme=data.get("scheme", ""),
        description=data.get("description", "").strip(),
        submit_label=data.get("submit_label", "").strip(),
        success_message=data.get("success_message", "").strip(),
        fields=fields,
        source=document.filename,
    )


def _form_rules(document):
    """Rules about several fields together that JSON Schema cannot say, each with its line."""
    problems = []

    def problem(place, message):
        place = ("fields", *place)
        problems.append(
            Problem(document.filename, document.line_of(place), describe_place(place), message)
        )

    asked = {}
    for index, item in enumerate(document.data["fields"]):
        levels = item.get("levels")
        if levels:
            texts = Counter(" ".join(text.split()).lower() for text in levels.values())
            if any(count > 1 for count in texts.values()):
                problem((index, "levels"), "two levels have the same descriptor: give each its own")
        if item["type"] in FREE_TEXT_TYPES and document.data["kind"] in SCORED_KINDS:
            if item["type"] in asked:
                problem(
                    (index,),
                    f"{item['type']} is already asked by fields[{asked[item['type']]}]: "
                    "ask it once, so that the profile has one answer to show",
                )
            asked.setdefault(item["type"], index)
    return problems


def _stream_field(item):
    """A checked field of the file as wagtailstreamforms stream data."""
    field_type = item["type"]
    value = {"label": item["label"].strip(), "help_text": item.get("help_text", "").strip()}
    if field_type in RATING_TYPES:
        binding_key = RATING_TYPES[field_type]
        value[binding_key] = item[binding_key]
        value["required"] = item.get("required", True)
        for level in LEVEL_KEYS:
            value[f"level_{level}"] = item["levels"][str(level)].strip()
        if field_type == "need_rating":
            value["age_notes"] = item.get("age_notes", "").strip()
        return {"type": field_type, "value": value}
    value["required"] = item.get("required", False)
    if field_type in FREE_TEXT_TYPES:
        if "max_length" in item:
            value["max_length"] = item["max_length"]
    elif field_type in CHOICE_TYPES:
        value["choices"] = [choice.strip() for choice in item["choices"]]
        if field_type == "dropdown":
            value["empty_label"] = item.get("empty_label", "").strip()
    elif field_type != "checkbox":
        value["default_value"] = item.get("default_value", "").strip()
    return {"type": field_type, "value": value}


def library_data(council_form):
    """A council form as library file data (the inverse of :func:`read_library_text`)."""
    form = council_form.form
    data = {
        "format": FORMAT,
        "slug": council_form.library_slug,
        "title": form.title,
        "kind": council_form.kind,
    }
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
        out["choices"] = [
            c["value"] if isinstance(c, dict) else c for c in value.get("choices", [])
        ]
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
