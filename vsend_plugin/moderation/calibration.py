"""Calibration cases: fictional children with reference ratings, read from the forms library.

A practitioner anywhere can rate the same child and see how their rating
compares with the one agreed for it, so the cases ship with vsend as library
files (``forms_library/calibration/``, format ``vsend-calibration/1``,
described in ``forms_library/FORMAT.md``). They come through the library's
one loader, so a broken case is reported like a broken form: file, line,
place, message. The schema lists the scheme's indicator codes for editors;
the scheme itself is the authority, so the reference is scored here as well
and checked against it (a level of ``2.0``, which JSON Schema takes for a
whole number, is refused by scoring).

Nothing here is stored: a case is read from its file and kept until the
file changes, as the library's catalogue does.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from vsend_plugin.core.library import (
    CALIBRATION_FORMAT,
    LibraryError,
    Problem,
    describe_place,
    read_document,
)
from vsend_plugin.core.library.catalogue import display_name, library_paths
from vsend_plugin.scoring import INDICATORS, Profile, ScoringError, score
from vsend_plugin.scoring.scheme import AREAS_BY_CODE

FORMAT = CALIBRATION_FORMAT
#: The library folder the shipped cases are in.
FOLDER = "calibration"

__all__ = [
    "CalibrationCase",
    "LibraryError",
    "Section",
    "UnknownCalibrationCase",
    "calibration_case",
    "calibration_cases",
    "read_case",
    "reference_problems",
]


@dataclass(frozen=True)
class Section:
    """One part of a case's description: "What school sees", "What the family says"."""

    heading: str
    text: str

    @property
    def paragraphs(self):
        """The text's paragraphs, as the file separates them with blank lines."""
        return tuple(" ".join(part.split()) for part in self.text.split("\n\n") if part.strip())


@dataclass(frozen=True)
class CalibrationCase:
    """A fictional child to rate, with the reference levels agreed for every indicator.

    ``need`` maps each of the 18 indicator codes to its reference level,
    ``reasons`` some of them to why; ``profile`` is the reference scored.
    """

    slug: str
    title: str
    given_name: str
    year_group: str  # a code of the child record's year groups: "year_3"
    setting_kind: str  # a code of the setting kinds: "primary"
    age: int | None
    sections: tuple[Section, ...]
    need: Mapping[str, int]
    reasons: Mapping[str, str]
    profile: Profile
    source: str = field(default="", compare=False)  # the file, as problems name it

    def __post_init__(self):
        object.__setattr__(self, "sections", tuple(self.sections))
        object.__setattr__(self, "need", MappingProxyType(dict(self.need)))
        object.__setattr__(self, "reasons", MappingProxyType(dict(self.reasons)))

    @property
    def band(self):
        return self.profile.band

    @property
    def primary_area(self):
        return self.profile.primary_area

    @property
    def description(self):
        """The whole description as plain text: each heading, then its text."""
        return "\n\n".join(f"{section.heading}\n\n{section.text}" for section in self.sections)


class UnknownCalibrationCase(LookupError):
    """A slug no shipped case has; the message lists the slugs there are."""

    def __init__(self, slug, known):
        self.slug = slug
        self.known = list(known)
        super().__init__(
            f"There is no calibration case {slug!r}. The cases: {', '.join(self.known)}."
        )


def read_case(path):
    """The :class:`CalibrationCase` of the file at ``path``, or :class:`LibraryError`."""
    path = Path(path)
    return _read(path, _modified(path))[0]


def calibration_cases():
    """Every shipped case, by file name; kept until a file of the folder changes.

    Raises :class:`LibraryError` for the first file that cannot be read, or
    naming every case whose slug another case already has.
    """
    return _cases(tuple((path, _modified(path)) for path in library_paths((FOLDER,))))


def calibration_case(slug):
    """The shipped case called ``slug``, or :class:`UnknownCalibrationCase`."""
    cases = calibration_cases()
    for case in cases:
        if case.slug == slug:
            return case
    raise UnknownCalibrationCase(slug, [case.slug for case in cases])


def reference_problems(document):
    """What the schema cannot say about a case's reference, as problems with lines.

    The reference is scored (every level a whole number from 0 to 4, every
    code one of the scheme's), every indicator of the scheme must have a
    level, and reasons are only for the scheme's indicators.
    """
    problems = []

    def problem(place, message):
        place = ("reference", *place)
        problems.append(
            Problem(document.filename, document.line_of(place), describe_place(place), message)
        )

    reference = document.data.get("reference") if isinstance(document.data, dict) else None
    if not isinstance(reference, dict):
        problem((), "must be a mapping with the reference levels under need")
        return problems
    need = reference.get("need")
    try:
        score(need)
    except ScoringError as error:
        for item in error.errors:
            problem(tuple(item["field"].split(".", 1)), item["message"])
    if isinstance(need, dict):
        for code, indicator in INDICATORS.items():
            if need.get(code) is None:
                area = AREAS_BY_CODE[indicator.area].name
                problem(
                    ("need", code),
                    f"is missing: give the reference level of {indicator.name} ({area})",
                )
    reasons = reference.get("reasons", {})
    for code in reasons if isinstance(reasons, dict) else ():
        if code not in INDICATORS:
            problem(("reasons", code), "is not an indicator of the scheme, so it has no reason")
    return problems


def _modified(path):
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None  # reading it names the file and why it cannot be read


@lru_cache(maxsize=64)
def _read(path, modified):
    """``(case, line of its slug)``, kept until the file changes."""
    document = read_document(path, display_name(path), FORMAT)
    problems = reference_problems(document)
    if problems:
        raise LibraryError(problems)
    data = document.data
    child = data["child"]
    reference = data["reference"]
    case = CalibrationCase(
        slug=data["slug"],
        title=data["title"].strip(),
        given_name=child["given_name"].strip(),
        year_group=child["year_group"],
        setting_kind=child["setting_kind"],
        age=child.get("age"),
        sections=[
            Section(section["heading"].strip(), section["text"].strip())
            for section in data["description"]
        ],
        need=reference["need"],
        reasons={code: text.strip() for code, text in reference.get("reasons", {}).items()},
        profile=score(reference["need"]),
        source=document.filename,
    )
    return case, document.line_of(("slug",))


@lru_cache(maxsize=8)
def _cases(stamps):
    read = [_read(path, modified) for path, modified in stamps]
    first = {}
    problems = []
    for case, line in read:
        if case.slug in first:
            problems.append(
                Problem(
                    case.source,
                    line,
                    "slug",
                    f"{case.slug!r} is already the slug of {first[case.slug]}: "
                    "give each case its own",
                )
            )
        first.setdefault(case.slug, case.source)
    if problems:
        raise LibraryError(problems)
    return tuple(case for case, _ in read)
