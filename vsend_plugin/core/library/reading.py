"""The one way a library file is read: YAML with lines, then the schema of its format.

Needs-mapping forms, family contributions, toolkit pages and calibration
cases all come through :func:`read_document`, so every file gets the same safe
YAML, the same refusal of repeated keys and the same problems (file, line,
place, message).
What a kind of file means beyond its schema (every indicator rated once, a
page's own validation) is checked by the app that uses it, with the same
:class:`~.problems.Problem` type.
"""

from pathlib import Path

from .problems import LibraryError, Problem
from .schemas import SCHEMA_FILES, schema_problems
from .yaml_lines import _Refused, compose


def read_text(text, filename="<file>", format=None):
    """The :class:`~.yaml_lines.Document` of ``text``, checked; or :class:`LibraryError`.

    ``format`` is the format the caller expects (``vsend-form/1``); without it,
    the file's own ``format`` key chooses the schema.
    """
    try:
        document = compose(text, filename)
    except _Refused as refused:
        raise LibraryError(refused.problems) from None
    if not isinstance(document.data, dict):
        raise LibraryError([Problem(filename, 1, "file", "must be a mapping of keys to values")])
    if format is None:
        format = document.data.get("format")
        if format not in SCHEMA_FILES:
            raise LibraryError(
                [
                    Problem(
                        filename,
                        document.line_of(("format",)),
                        "format",
                        f"must be one of {', '.join(SCHEMA_FILES)}; got {format!r}",
                    )
                ]
            )
    problems = schema_problems(document, format)
    if problems:
        raise LibraryError(problems)
    return document


def read_document(path, filename=None, format=None):
    """:func:`read_text` of the file at ``path``; ``filename`` is how problems name it."""
    path = Path(path)
    filename = str(path) if filename is None else filename
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise LibraryError([Problem(filename, None, "file", f"cannot be read: {error}")]) from error
    return read_text(text, filename, format)
