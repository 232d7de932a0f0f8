"""Toolkit pages kept in the forms library: decision aid, self-assessment, survey, case review.

Councils share the questions of these tools as YAML files beside the
needs-mapping forms (``forms_library/toolkit/``; the format, ``vsend-toolkit/1``,
is described in ``forms_library/FORMAT.md``), so that a partnership can start
from tested wording and compare its results with others'. A file becomes a
page under a council's toolkit. The page's own validation checks the content,
and every problem names the file and the field.

A page that exists already is left as it is: survey answers and case reviews
are stored against its questions, so replacing them would orphan the answers.
"""

from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from wagtail.fields import StreamField

from .models import CaseReviewPage, DecisionAidPage, SelfAssessmentPage, SurveyPage
from .principles import PRINCIPLES

FORMAT = "vsend-toolkit/1"
LEVELS = ("inform", "consult", "involve", "coproduce")


class ToolkitLibraryError(Exception):
    """A toolkit library file that cannot become a page, with every problem found."""

    def __init__(self, filename, problems):
        self.filename = str(filename)
        self.problems = problems  # [(field, message)]
        lines = "\n".join(f"{self.filename}, {field}: {message}" for field, message in problems)
        super().__init__(f"{self.filename} cannot be used ({len(problems)} problem(s)):\n{lines}")


def _option(option):
    return {
        "label": option["label"],
        "reason": option.get("reason", ""),
        **{level: option.get(level, 0) for level in LEVELS},
    }


def _decision_aid(data):
    return {
        "questions": [
            (
                "question",
                {
                    "text": question["text"],
                    "help_text": question.get("help_text", ""),
                    "options": [_option(option) for option in question["options"]],
                },
            )
            for question in data["questions"]
        ],
        "result_text": data.get("result_text", ""),
    }


def _self_assessment(data):
    principles = []
    for item in data.get("principles", []):
        if item["principle"] not in PRINCIPLES:
            raise ValueError(f"unknown principle {item['principle']!r}; use one of {', '.join(PRINCIPLES)}")
        levels = item.get("levels") or {}
        principles.append(
            (
                "principle",
                {
                    "principle": item["principle"],
                    "help_text": item.get("help_text", ""),
                    **{f"level_{level}": levels.get(level, "") for level in range(5)},
                },
            )
        )
    return {"principles": principles}


def _survey(data):
    return {
        "statements": [("statement", statement) for statement in data["statements"]],
        "thank_you_text": data.get("thank_you_text", ""),
    }


def _case_review(data):
    return {"help_kinds": [("kind", kind) for kind in data["help_kinds"]]}


#: page kind -> (page model, the keys of its content, how they become page fields)
PAGES = {
    "decision_aid": (DecisionAidPage, {"questions", "result_text"}, _decision_aid),
    "self_assessment": (SelfAssessmentPage, {"principles"}, _self_assessment),
    "survey": (SurveyPage, {"statements", "thank_you_text"}, _survey),
    "case_review": (CaseReviewPage, {"help_kinds"}, _case_review),
}
COMMON_KEYS = {"format", "page", "slug", "title", "intro"}


def read_toolkit_file(path):
    """``(page model, page fields)`` from a library file, or :class:`ToolkitLibraryError`."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ToolkitLibraryError(path, [("file", f"cannot be read: {error}")]) from error
    except yaml.YAMLError as error:
        raise ToolkitLibraryError(path, [("file", f"is not valid YAML: {error}")]) from error
    if not isinstance(data, dict):
        raise ToolkitLibraryError(path, [("file", "must be a mapping of keys to values")])
    problems = []
    if data.get("format") != FORMAT:
        problems.append(("format", f"must be {FORMAT!r}, got {data.get('format')!r}"))
    kind = data.get("page")
    if kind not in PAGES:
        problems.append(("page", f"must be one of {', '.join(PAGES)}; got {kind!r}"))
        raise ToolkitLibraryError(path, problems)
    model, content_keys, convert = PAGES[kind]
    for key in data:
        if key not in COMMON_KEYS | content_keys:
            problems.append((str(key), f"is not a setting of a {kind} page; check its spelling"))
    for key in ("slug", "title"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            problems.append((key, "is required, as text"))
    try:
        fields = convert(data)
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        problems.append((kind, f"has the wrong shape ({error}); see forms_library/FORMAT.md"))
        fields = {}
    if problems:
        raise ToolkitLibraryError(path, problems)
    fields.update(slug=data["slug"], title=data["title"], intro=data.get("intro", ""))
    return model, fields


def _block_problems(page, fields):
    """What the admin would refuse in the page's blocks (lengths, required values, numbers).

    Saving a page does not check its StreamFields' blocks; the admin form
    does, so a file is held to the same rules here.
    """
    problems = []
    for name in fields:
        field = page._meta.get_field(name)
        if not isinstance(field, StreamField):
            continue
        try:
            field.stream_block.clean(getattr(page, name))
        except ValidationError as error:
            problems.append((name, "; ".join(_messages(error))))
    return problems


def _messages(error):
    """Every message of a (nested) block validation error, as text."""
    as_data = getattr(error, "as_json_data", None)
    if as_data is None:
        return [str(message) for message in error.messages]
    found = []

    def walk(value):
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif value:
            found.append(str(value))

    walk(as_data())
    return found


def add_toolkit_page(toolkit, path):
    """The page a library file describes, under ``toolkit`` (a toolkit index page), published.

    An existing page with the file's slug is returned unchanged.
    """
    model, fields = read_toolkit_file(path)
    existing = model.objects.child_of(toolkit).filter(slug=fields["slug"]).first()
    if existing is not None:
        return existing
    page = model(**fields)
    problems = _block_problems(page, fields)
    if problems:
        raise ToolkitLibraryError(path, problems)
    try:
        toolkit.add_child(instance=page)
    except ValidationError as error:
        problems = [
            (field, " ".join(str(message) for message in messages))
            for field, messages in getattr(error, "message_dict", {"page": error.messages}).items()
        ]
        raise ToolkitLibraryError(path, problems) from error
    page.save_revision().publish()
    return page
