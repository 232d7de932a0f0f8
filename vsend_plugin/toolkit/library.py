"""Toolkit pages kept in the forms library: decision aid, self-assessment, survey, case review.

Councils share the questions of these tools as YAML files beside the
needs-mapping forms (``forms_library/toolkit/``; the format, ``vsend-toolkit/1``,
is declared in ``forms_library/schema/vsend-toolkit-1.schema.json`` and
described in ``forms_library/FORMAT.md``), so that a partnership can start
from tested wording and compare its results with others'. A file is read by
the library's one loader (:mod:`vsend_plugin.core.library`) and becomes a
page under a council's toolkit; the page's own validation then checks its
blocks, and every problem names the file, the line and the place.

A page that exists already is left as it is: survey answers and case reviews
are stored against its questions, so replacing them would orphan the answers.
"""

from django.core.exceptions import ValidationError
from wagtail.fields import StreamField

from vsend_plugin.core.library import TOOLKIT_FORMAT, LibraryError, Problem, read_document, resolve

from .models import CaseReviewPage, DecisionAidPage, SelfAssessmentPage, SurveyPage

FORMAT = TOOLKIT_FORMAT
LEVELS = ("inform", "consult", "involve", "coproduce")


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
        levels = item.get("levels") or {}
        principles.append(
            (
                "principle",
                {
                    "principle": item["principle"],
                    "help_text": item.get("help_text", ""),
                    **{f"level_{level}": levels.get(str(level), "") for level in range(5)},
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


#: page kind -> (page model, how the file's content becomes page fields)
PAGES = {
    "decision_aid": (DecisionAidPage, _decision_aid),
    "self_assessment": (SelfAssessmentPage, _self_assessment),
    "survey": (SurveyPage, _survey),
    "case_review": (CaseReviewPage, _case_review),
}


def read_toolkit_document(name_or_path):
    """The checked :class:`~vsend_plugin.core.library.Document` of a toolkit file."""
    path, filename = resolve(name_or_path)
    return read_document(path, filename, FORMAT)


def read_toolkit_file(name_or_path):
    """``(page model, page fields)`` from a library name or file, or :class:`LibraryError`."""
    return _page_fields(read_toolkit_document(name_or_path))


def _page_fields(document):
    data = document.data
    model, convert = PAGES[data["page"]]
    fields = convert(data)
    fields.update(slug=data["slug"], title=data["title"], intro=data.get("intro", ""))
    return model, fields


def _block_problems(document, page, fields):
    """What the admin would refuse in the page's blocks (lengths, required values, numbers).

    Saving a page does not check its StreamFields' blocks; the admin form
    does, so a file is held to the same rules here, after its schema.
    """
    problems = []
    for name in fields:
        field = page._meta.get_field(name)
        if not isinstance(field, StreamField):
            continue
        try:
            field.stream_block.clean(getattr(page, name))
        except ValidationError as error:
            problems.append(_problem(document, name, "; ".join(_messages(error))))
    return problems


def _problem(document, key, message):
    return Problem(document.filename, document.line_of((key,)), key, message)


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


def add_toolkit_page(toolkit, name_or_path):
    """The page a library file describes, under ``toolkit`` (a toolkit index page), published.

    ``name_or_path`` is a library name (``should-we-co-produce``) or a file's
    path. An existing page with the file's slug is returned unchanged.
    """
    document = read_toolkit_document(name_or_path)
    model, fields = _page_fields(document)
    existing = model.objects.child_of(toolkit).filter(slug=fields["slug"]).first()
    if existing is not None:
        return existing
    page = model(**fields)
    problems = _block_problems(document, page, fields)
    if problems:
        raise LibraryError(problems)
    try:
        toolkit.add_child(instance=page)
    except ValidationError as error:
        messages = getattr(error, "message_dict", {"file": error.messages})
        raise LibraryError(
            [
                _problem(document, key, " ".join(str(text) for text in texts))
                for key, texts in messages.items()
            ]
        ) from error
    page.save_revision().publish()
    return page
