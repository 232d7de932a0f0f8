"""Reading a library file's YAML while keeping the line of every key and item.

PyYAML's node tree has the position of everything; its constructed data has
none. A file is composed into nodes with the safe loader, then turned into
plain data (what JSON Schema validates) together with a table of lines by
place, so that a schema error at ``fields[3].levels.2`` can name its line.

The data is JSON's: mapping keys are text. YAML reads the level keys
``0: ...`` as numbers; they become ``"0"``. A key written as quoted digits
(``"0":``) is refused here, because FORMAT.md asks for plain numbers and a
quoted one would otherwise pass unnoticed.
"""

from dataclasses import dataclass, field

import yaml

from .problems import Problem

MAPPING_TAG = "tag:yaml.org,2002:map"
SEQUENCE_TAG = "tag:yaml.org,2002:seq"


@dataclass
class Document:
    """A library file read as plain data, with the line of every place in it."""

    filename: str
    data: object
    #: place (a tuple of keys and indexes) -> the line (from 1) of its key or item
    lines: dict = field(default_factory=dict)

    def line_of(self, place):
        """The line of ``place``, or of the nearest place holding it."""
        place = tuple(place)
        while place not in self.lines and place:
            place = place[:-1]
        return self.lines.get(place, 1)


def compose(text, filename):
    """A :class:`Document` from YAML text; the problems of reading it are raised as a list."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise _Refused([Problem(filename, 1, "file", "is empty")])
        problems = []
        document = Document(filename, None, {(): node.start_mark.line + 1})
        document.data = _plain(loader, node, (), document, problems)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise _Refused([Problem(filename, line, "file", f"is not valid YAML: {error}")]) from error
    finally:
        loader.dispose()
    if problems:
        raise _Refused(problems)
    return document


class _Refused(Exception):
    def __init__(self, problems):
        self.problems = problems


def _plain(loader, node, place, document, problems):
    if isinstance(node, yaml.MappingNode):
        _check_tag(node, MAPPING_TAG, place, document, problems)
        mapping = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if isinstance(key, str) and key.isdigit() and key_node.style in ("'", '"'):
                problems.append(
                    Problem(
                        document.filename,
                        line,
                        describe_place((*place, key)),
                        f"write the number {key} without quotes",
                    )
                )
            key = key if isinstance(key, str) else _key_text(key)
            if key in mapping:
                problems.append(
                    Problem(
                        document.filename,
                        line,
                        describe_place((*place, key)),
                        f"the key {key!r} appears twice; write it once",
                    )
                )
                continue
            document.lines[(*place, key)] = line
            mapping[key] = _plain(loader, value_node, (*place, key), document, problems)
        return mapping
    if isinstance(node, yaml.SequenceNode):
        _check_tag(node, SEQUENCE_TAG, place, document, problems)
        items = []
        for index, item_node in enumerate(node.value):
            document.lines[(*place, index)] = item_node.start_mark.line + 1
            items.append(_plain(loader, item_node, (*place, index), document, problems))
        return items
    return loader.construct_object(node, deep=True)


def _key_text(key):
    """A key YAML read as something other than text (``0``, ``true``), as JSON would write it."""
    if isinstance(key, bool):
        return "true" if key else "false"
    return "null" if key is None else str(key)


def _check_tag(node, expected, place, document, problems):
    if node.tag != expected:
        problems.append(
            Problem(
                document.filename,
                node.start_mark.line + 1,
                describe_place(place),
                f"uses the YAML tag {node.tag}, which is not allowed",
            )
        )


def describe_place(place):
    """A place as FORMAT.md writes it: ``fields[3].levels.2``; the whole file is ``file``."""
    text = ""
    for part in place:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "file"
