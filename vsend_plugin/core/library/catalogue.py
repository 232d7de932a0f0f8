"""The forms library's files by name: ``core-needs-mapping`` rather than a path.

Every library file names itself with its ``slug`` (the form's or the page's
identifier), and that slug is its name in the library: commands and helpers
take a name or a path, so ``vsend_import_form core-needs-mapping`` works the
same from a checkout and from an installed wheel. An argument ending in
``.yaml``/``.yml`` or holding a folder separator is a path; anything else is a
name.
"""

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from .problems import LibraryError
from .reading import read_document
from .schemas import CALIBRATION_FORMAT, FORM_FORMAT

#: The kinds of file in the library's folders, in the order they are listed.
FOLDERS = ("needs-mapping", "family", "toolkit", "calibration")


class UnknownLibraryName(LookupError):
    """A name no library file has; the message lists the names there are."""

    def __init__(self, name, known):
        self.name = name
        self.known = list(known)
        super().__init__(
            f"The forms library has no file named {name!r}. Its files: {', '.join(self.known)}."
        )


@dataclass(frozen=True)
class LibraryFile:
    """One file of the library, as ``vsend_library list`` shows it."""

    name: str
    kind: str  # a form's kind, "toolkit/<page>" for a toolkit page, or "calibration"
    format: str
    title: str
    path: Path

    @property
    def is_form(self):
        return self.format == FORM_FORMAT

    @property
    def display_path(self):
        """The path inside the library (``needs-mapping/core.yaml``), used in problems."""
        return self.path.relative_to(library_folder()).as_posix()


def library_folder():
    """The installed library (``vsend_plugin.forms_library``; ``forms_library/`` in a checkout)."""
    return Path(str(files("vsend_plugin.forms_library")))


def library_paths(folders=FOLDERS):
    """The library's files, folder by folder in the order of ``folders``, by name in each."""
    folder = library_folder()
    return [path for name in folders for path in sorted((folder / name).glob("*.yaml"))]


def display_name(path):
    """How problems name ``path``: inside the library ``toolkit/survey.yaml``, else as given."""
    folder = library_folder()
    return path.relative_to(folder).as_posix() if path.is_relative_to(folder) else str(path)


def describe(path):
    """The :class:`LibraryFile` of ``path``, or :class:`LibraryError` if it cannot be read.

    Reading and checking a file takes a while (the core form is long), so a
    file's description is kept until the file changes.
    """
    return _describe(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=64)
def _describe(path, modified):
    document = read_document(path, filename=display_name(path))
    data = document.data
    return LibraryFile(data["slug"], _kind(data), data["format"], data["title"], path)


def _kind(data):
    if data["format"] == FORM_FORMAT:
        return data["kind"]
    if data["format"] == CALIBRATION_FORMAT:
        return "calibration"
    return f"toolkit/{data['page']}"


def library_files():
    """Every file of the library, checked against its schema; the first broken one is raised."""
    return [describe(path) for path in library_paths()]


def find_library_file(name):
    """The library file called ``name``, or :class:`UnknownLibraryName`."""
    found = {item.name: item for item in library_files()}
    if name not in found:
        raise UnknownLibraryName(name, found)
    return found[name]


def is_path(argument):
    argument = str(argument)
    return argument.endswith((".yaml", ".yml")) or "/" in argument or "\\" in argument


def resolve(argument):
    """``(path, filename for problems)`` for a library name or a path to a file."""
    if isinstance(argument, Path) or is_path(argument):
        return Path(argument), str(argument)
    item = find_library_file(argument)
    return item.path, item.display_path


__all__ = ["LibraryError", "LibraryFile", "UnknownLibraryName"]
