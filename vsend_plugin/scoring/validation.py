"""Checking raw ratings before anything is scored.

Ratings arrive from forms, the API and imported files, so nothing about their
types can be assumed. A level is a whole number from 0 to 4 and nothing else:
``true`` is not 1 and ``2.0`` is not 2, because accepting either would let a
broken integration produce plausible-looking profiles. All problems in one
input are collected before raising, so a person sees the whole list at once.
"""

from collections.abc import Mapping
from typing import NamedTuple

from .errors import ScoringError, describe
from .scheme import AREA_CODES, AREAS_BY_CODE, INDICATORS, MAX_LEVEL, MIN_LEVEL

_LEVELS = frozenset(range(MIN_LEVEL, MAX_LEVEL + 1))

# How messages name each section, its keys and one of its values.
_SECTION_LABELS = {
    "need": ("Need", "indicator codes", "Level"),
    "provision": ("Provision", "area codes", "Provision"),
    "family_confidence": ("Family confidence", "area codes", "Family confidence"),
}


class Ratings(NamedTuple):
    """Validated ratings with the unrated (``None``) entries left out."""

    need: dict[str, int]
    provision: dict[str, int]
    family_confidence: dict[str, int]


def is_level(value) -> bool:
    """Whether ``value`` is a whole number from 0 to 4 (and not a boolean)."""
    if type(value) is int:
        return value in _LEVELS
    return isinstance(value, int) and not isinstance(value, bool) and value in _LEVELS


def validate_ratings(need, provision=None, family_confidence=None) -> Ratings:
    """Return clean ratings, or raise :class:`ScoringError` listing every problem.

    ``need`` is required (an empty mapping is fine: nothing rated yet);
    ``provision`` and ``family_confidence`` may be ``None``, meaning not given.
    """
    errors = []
    clean_need = _section("need", need, errors, _check_indicator_code, required=True)
    clean_provision = _section("provision", provision, errors, _check_area_code)
    clean_confidence = _section("family_confidence", family_confidence, errors, _check_area_code)
    if errors:
        raise ScoringError(errors)
    return Ratings(clean_need, clean_provision, clean_confidence)


def _section(name, ratings, errors, check_code, required=False):
    if ratings is None and not required:
        return {}
    label, key_kind, value_label = _SECTION_LABELS[name]
    if not isinstance(ratings, Mapping):
        errors.append(
            {
                "field": name,
                "message": (
                    f"{label} must be an object mapping {key_kind} to levels; "
                    f"got {describe(ratings)}."
                ),
            }
        )
        return {}
    clean = {}
    for code, value in ratings.items():
        field = f"{name}.{code}"
        problem = check_code(code)
        if problem is None and value is not None and not is_level(value):
            problem = (
                f"{value_label} must be a whole number from {MIN_LEVEL} to {MAX_LEVEL}; "
                f"got {describe(value)}."
            )
        if problem is not None:
            errors.append({"field": field, "message": problem})
        elif value is not None:
            clean[code] = int(value)
    return clean


def _check_indicator_code(code):
    if isinstance(code, str) and code in INDICATORS:
        return None
    message = f"Unknown indicator code {_quote(code)}."
    area_code = code.split(".", 1)[0] if isinstance(code, str) else None
    if area_code in AREAS_BY_CODE:
        known = ", ".join(AREAS_BY_CODE[area_code].indicator_codes)
        message += f" The {area_code} indicators are {known}."
    return message


def _check_area_code(code):
    if isinstance(code, str) and code in AREAS_BY_CODE:
        return None
    return f"Unknown area code {_quote(code)}. The areas are {', '.join(AREA_CODES)}."


def _quote(code):
    return f"'{code}'" if isinstance(code, str) else describe(code)
