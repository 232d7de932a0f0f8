"""Checking a library file against the JSON Schema of its format, in the editor's words.

The formats are declared once, as JSON Schema files shipped with the library
(``forms_library/schema/``). JSON Schema rather than pydantic models because
the schema is a file a council's editor can use without vsend: editors with
YAML support (VS Code, PyCharm) complete and check library files from it, and
other tools can validate them in any language. vsend validates with
``jsonschema`` and turns each error into a :class:`~.problems.Problem` with
the line of the place it is about.

A schema may say, next to a keyword, how its failure is worded for people:
``"x-messages": {"pattern": "use lowercase words ..."}``. Templates may use
``{value}`` (the value found), ``{limit}`` (the keyword's own value),
``{allowed}`` (an enum's values), ``{key}`` (the missing keys), ``{length}`` and
``{type}`` (the ``type`` of the mapping). A message for ``required`` is said of
the missing key, or of the mapping when it names the missing keys with ``{key}``.
"""

import datetime
import json
from functools import cache
from importlib.resources import files

from jsonschema import Draft202012Validator

from .problems import Problem
from .yaml_lines import describe_place

FORM_FORMAT = "vsend-form/1"
TOOLKIT_FORMAT = "vsend-toolkit/1"
CALIBRATION_FORMAT = "vsend-calibration/1"
#: format -> its schema file in the library's ``schema/`` folder
SCHEMA_FILES = {
    FORM_FORMAT: "vsend-form-1.schema.json",
    TOOLKIT_FORMAT: "vsend-toolkit-1.schema.json",
    CALIBRATION_FORMAT: "vsend-calibration-1.schema.json",
}

TYPE_WORDS = {
    "string": "text",
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
    "array": "a list",
    "object": "a mapping of keys to values",
}


def schema_folder():
    return files("vsend_plugin.forms_library") / "schema"


@cache
def schema(format):
    """The JSON Schema of ``format`` (a key of :data:`SCHEMA_FILES`), as data."""
    return json.loads((schema_folder() / SCHEMA_FILES[format]).read_text(encoding="utf-8"))


@cache
def _validator(format):
    return Draft202012Validator(schema(format))


def schema_problems(document, format):
    """Every way ``document`` breaks the schema of ``format``, as problems with lines."""
    problems = []
    for error in _validator(format).iter_errors(document.data):
        # One error for each missing key repeats the others: keep each problem once.
        problems += [problem for problem in _problems(document, error) if problem not in problems]
    return problems


def _problems(document, error):
    place = tuple(error.absolute_path)
    messages = error.schema.get("x-messages", {}) if isinstance(error.schema, dict) else {}
    template = messages.get(error.validator)
    if error.validator == "required" and (template is None or "{key}" not in template):
        return [
            Problem(
                document.filename,
                document.line_of(place),
                describe_place((*place, key)),
                template or "is required",
            )
            for key in error.validator_value
            if key not in error.instance
        ]
    if error.validator == "additionalProperties":
        known = set(error.schema.get("properties", {}))
        wording = template or "is not a setting here; check its spelling"
        return [
            Problem(
                document.filename,
                document.line_of((*place, key)),
                describe_place((*place, key)),
                _fill(wording, error, key=key),
            )
            for key in error.instance
            if key not in known
        ]
    if template is None:
        template = _default_message(error)
    missing = ""
    if error.validator == "required":
        missing = ", ".join(key for key in error.validator_value if key not in error.instance)
    return [
        Problem(
            document.filename,
            document.line_of(place),
            describe_place(place),
            _fill(template, error, key=missing),
        )
    ]


def _default_message(error):
    value = error.instance
    if error.validator == "type":
        expected = error.validator_value
        return f"must be {TYPE_WORDS.get(expected, expected)}, not {_describe(value)}"
    if error.validator == "const":
        return "must be {limit!r}, got {value}"
    if error.validator == "enum":
        return "must be one of {allowed}; got {value}"
    if error.validator == "maxLength":
        return "is {length} characters long; at most {limit}"
    if error.validator == "minItems":
        return "must have at least {limit}"
    if error.validator in ("minimum", "maximum"):
        return f"must be {'at least' if error.validator == 'minimum' else 'at most'} {{limit}}"
    if error.validator == "uniqueItems":
        return "gives the same item twice"
    return error.message


def _describe(value):
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, datetime.date):
        return f"the date {value} (put it in quotes to make it text)"
    return TYPE_WORDS.get(
        {list: "array", dict: "object", str: "string"}.get(type(value)), "something else"
    )


def _fill(template, error, key=""):
    instance = error.instance
    return template.format(
        value=repr(instance),
        limit=error.validator_value,
        allowed=", ".join(str(item) for item in error.validator_value)
        if isinstance(error.validator_value, list)
        else "",
        key=key,
        length=len(instance) if isinstance(instance, str | list) else "",
        type=instance.get("type", "") if isinstance(instance, dict) else "",
    )
