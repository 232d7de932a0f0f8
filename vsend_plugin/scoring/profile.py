"""Turning indicator ratings into a profile.

A profile summarises a child's needs per area (highest level, mean intensity,
how many indicators were rated, the setting's provision and the family's
confidence) and as a whole (total, points, band, primary area, unmet need).
:meth:`Profile.as_dict` is the published shape, key for key, that the
conformance vectors and the HTTP API use; it is what gets stored, and
:meth:`Profile.from_dict` reads it back for rollups without re-scoring, so a
stored profile keeps meaning what it meant when it was made.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from math import copysign, isfinite
from types import MappingProxyType

from .banding import band_for, points_for
from .errors import ScoringError, describe
from .rounding import as_float, quantize, round_ratio
from .scheme import AREA_CODES, AREAS, BAND_CODES, MAX_LEVEL, SCHEME
from .validation import Ratings, validate_ratings


@dataclass(frozen=True, slots=True)
class AreaResult:
    """One area of a profile.

    ``level`` is the highest rated indicator level and ``intensity`` the mean
    of the rated levels (a two-place :class:`~decimal.Decimal`); both are
    ``None`` when nothing in the area is rated. ``gap`` is the need the
    setting's ``provision`` does not reach, known only when both are.
    """

    code: str
    level: int | None
    intensity: Decimal | None
    rated: int
    of: int
    provision: int | None
    gap: int | None
    family_confidence: int | None

    def as_dict(self) -> dict:
        return {
            "level": self.level,
            "intensity": as_float(self.intensity),
            "rated": self.rated,
            "of": self.of,
            "provision": self.provision,
            "gap": self.gap,
            "family_confidence": self.family_confidence,
        }


@dataclass(frozen=True, slots=True)
class Profile:
    """The scored summary of one assessment. Immutable.

    ``areas`` maps area codes, in canonical order, to :class:`AreaResult`.
    ``total``, ``points`` and ``band`` are ``None`` unless the profile is
    ``complete`` (every area has a level), because a band computed from a
    partly filled form would understate the child's needs.
    """

    scheme: str
    complete: bool
    areas: Mapping[str, AreaResult]
    total: int | None
    points: int | None
    band: str | None
    primary_area: str | None
    unmet: int | None
    unmet_areas: tuple[str, ...]

    def __post_init__(self):
        if not isinstance(self.areas, MappingProxyType):
            object.__setattr__(self, "areas", MappingProxyType(dict(self.areas)))
        if not isinstance(self.unmet_areas, tuple):
            object.__setattr__(self, "unmet_areas", tuple(self.unmet_areas))

    def __hash__(self):
        return hash(
            (
                self.scheme,
                tuple(self.areas.items()),
                self.complete,
                self.total,
                self.points,
                self.band,
                self.primary_area,
                self.unmet,
                self.unmet_areas,
            )
        )

    @property
    def highest_level(self) -> int | None:
        """The highest area level, or ``None`` when no area is rated."""
        levels = [area.level for area in self.areas.values() if area.level is not None]
        return max(levels) if levels else None

    def as_dict(self) -> dict:
        """The published profile shape, as plain JSON-ready values."""
        return {
            "scheme": self.scheme,
            "complete": self.complete,
            "areas": {code: area.as_dict() for code, area in self.areas.items()},
            "total": self.total,
            "points": self.points,
            "band": self.band,
            "primary_area": self.primary_area,
            "unmet": self.unmet,
            "unmet_areas": list(self.unmet_areas),
        }

    @classmethod
    def from_dict(cls, data) -> "Profile":
        """Rebuild a profile from the output of :meth:`as_dict` (e.g. stored JSON).

        The stored figures are taken as they are, not recomputed: a profile is
        a record of how an assessment was scored, and it may carry another
        scheme's name (comparisons and aggregates then refuse to mix it with
        ``vsend-core/1``). Only the shape and the types are checked, key order
        is not (stores such as PostgreSQL's jsonb reorder keys), and problems
        raise :class:`ScoringError` with fields such as ``areas.CI.level``.
        """
        return _read_profile(data)


def score(need, provision=None, family_confidence=None) -> Profile:
    """Score one assessment under ``vsend-core/1``.

    ``need`` maps indicator codes to a level 0 to 4 or ``None`` (not rated);
    ``provision`` and ``family_confidence`` map area codes the same way and
    may be left out. Raises :class:`ScoringError` listing every problem when
    any rating is invalid; nothing is scored in that case.
    """
    return profile_from_ratings(validate_ratings(need, provision, family_confidence))


# Intensities only ever divide a sum of at most five levels by at most five,
# so they are worked out once, exactly, rather than for every assessment.
_INTENSITIES = {
    (total, rated): round_ratio(total, rated)
    for rated in range(1, max(len(area.indicators) for area in AREAS) + 1)
    for total in range(0, MAX_LEVEL * rated + 1)
}


def profile_from_ratings(ratings: Ratings) -> Profile:
    """Score ratings that have already passed :func:`validate_ratings`."""
    need = ratings.need
    areas = {}
    for area in AREAS:
        levels = [need[code] for code in area.indicator_codes if code in need]
        level = max(levels) if levels else None
        provision = ratings.provision.get(area.code)
        areas[area.code] = AreaResult(
            code=area.code,
            level=level,
            intensity=_INTENSITIES[sum(levels), len(levels)] if levels else None,
            rated=len(levels),
            of=len(area.indicators),
            provision=provision,
            gap=max(0, level - provision) if level is not None and provision is not None else None,
            family_confidence=ratings.family_confidence.get(area.code),
        )
    return _summarise(areas)


def _summarise(areas: dict[str, AreaResult]) -> Profile:
    levels = [area.level for area in areas.values()]
    complete = all(level is not None for level in levels)
    gaps = [area.gap for area in areas.values() if area.gap is not None]
    return Profile(
        scheme=SCHEME,
        complete=complete,
        areas=MappingProxyType(areas),
        total=sum(levels) if complete else None,
        points=points_for(levels) if complete else None,
        band=band_for(levels) if complete else None,
        primary_area=_primary_area(areas),
        unmet=sum(gaps) if gaps else None,
        unmet_areas=tuple(code for code, area in areas.items() if area.gap),
    )


def _primary_area(areas: dict[str, AreaResult]) -> str | None:
    """The area with the highest level; ties go to intensity, then canonical order."""
    primary = None
    for area in areas.values():
        if not area.level:
            continue
        if primary is None or (area.level, area.intensity) > (primary.level, primary.intensity):
            primary = area
    return primary.code if primary is not None else None


# Reading stored profiles back.

_AREA_KEYS = ("level", "intensity", "rated", "of", "provision", "gap", "family_confidence")
_AREA_CODE_SET = frozenset(AREA_CODES)
_WHOLE_OR_NONE = (int, type(None))
_TEXT_OR_NONE = (str, type(None))


def _read_profile(data) -> Profile:
    profile = _read_plain_json(data)
    return profile if profile is not None else _read_checking_each_value(data)


def _read_plain_json(data) -> Profile | None:
    """The profile, when ``data`` is plain JSON that passes every check; else ``None``.

    Rollups read every stored profile, so the common case, a dict straight
    from ``json.loads`` with every value of exactly its JSON type, is checked
    here in one sweep without collecting messages. Anything else (another
    mapping, a bool where a number goes, a Decimal, a problem) returns None
    and goes through :func:`_read_checking_each_value`, which applies the
    same checks one by one and says what is wrong. Both return equal profiles
    wherever both accept.
    """
    if type(data) is not dict:
        return None
    try:
        scheme = data["scheme"]
        complete = data["complete"]
        stored_areas = data["areas"]
        total = data["total"]
        points = data["points"]
        band = data["band"]
        primary_area = data["primary_area"]
        unmet = data["unmet"]
        unmet_areas = data["unmet_areas"]
    except KeyError:
        return None
    if not (
        type(scheme) is str
        and type(complete) is bool
        and type(total) in _WHOLE_OR_NONE
        and type(points) in _WHOLE_OR_NONE
        and type(unmet) in _WHOLE_OR_NONE
        and type(primary_area) in _TEXT_OR_NONE
        and (band in BAND_CODES if band is not None else not complete)
        and type(unmet_areas) is list
        and all(type(code) is str for code in unmet_areas)
        and type(stored_areas) is dict
        and stored_areas.keys() == _AREA_CODE_SET
    ):
        return None
    areas = {}
    for code in AREA_CODES:
        area = stored_areas[code]
        if type(area) is not dict:
            return None
        try:
            intensity = area["intensity"]
            if type(intensity) is float and intensity == 0 and copysign(1, intensity) < 0:
                return None  # the cache below would take -0.0 and 0.0 for one another
            result = _plain_area(
                code,
                area["level"],
                intensity,
                area["rated"],
                area["of"],
                area["provision"],
                area["gap"],
                area["family_confidence"],
            )
        except (KeyError, TypeError):  # a key missing, or a value that is not even hashable
            return None
        if result is None:
            return None
        areas[code] = result
    return Profile(
        scheme=scheme,
        complete=complete,
        areas=MappingProxyType(areas),
        total=total,
        points=points,
        band=band,
        primary_area=primary_area,
        unmet=unmet,
        unmet_areas=tuple(unmet_areas),
    )


# Stored areas repeat a great deal (levels 0 to 4, a few intensities), and an
# area result is immutable, so equal areas share one. ``typed`` keeps 1, 1.0
# and True apart, as the checks do.
@lru_cache(maxsize=8192, typed=True)
def _plain_area(code, level, intensity, rated, of, provision, gap, family_confidence):
    """One area of :func:`_read_plain_json`, or None where it does not pass every check."""
    if not (
        type(level) in _WHOLE_OR_NONE
        and type(rated) is int
        and type(of) is int
        and type(provision) in _WHOLE_OR_NONE
        and type(gap) in _WHOLE_OR_NONE
        and type(family_confidence) in _WHOLE_OR_NONE
    ):
        return None
    if intensity is None:
        if level is not None:
            return None
    elif level is None or not (
        type(intensity) is int or (type(intensity) is float and isfinite(intensity))
    ):
        return None
    return AreaResult(
        code=code,
        level=level,
        intensity=None if intensity is None else _two_places(intensity),
        rated=rated,
        of=of,
        provision=provision,
        gap=gap,
        family_confidence=family_confidence,
    )


def _read_checking_each_value(data) -> Profile:
    errors = []
    if not isinstance(data, Mapping):
        raise ScoringError.single("profile", f"A profile must be an object; got {describe(data)}.")
    scheme = _read(data, "scheme", "scheme", errors, _is_text, nullable=False)
    complete = _read(data, "complete", "complete", errors, _is_bool, nullable=False)
    areas = _read_areas(data.get("areas"), errors)
    total = _read(data, "total", "total", errors, _is_whole)
    points = _read(data, "points", "points", errors, _is_whole)
    band = _read(data, "band", "band", errors, _is_text)
    primary_area = _read(data, "primary_area", "primary_area", errors, _is_text)
    unmet = _read(data, "unmet", "unmet", errors, _is_whole)
    unmet_areas = data.get("unmet_areas")
    if not isinstance(unmet_areas, (list, tuple)) or not all(map(_is_text, unmet_areas)):
        errors.append(
            {"field": "unmet_areas", "message": "Unmet areas must be a list of area codes."}
        )
    if band is not None and band not in BAND_CODES:
        errors.append(
            {"field": "band", "message": f"The band must be one of {', '.join(BAND_CODES)}."}
        )
    elif complete is True and band is None:
        errors.append({"field": "band", "message": "A complete profile must have a band."})
    if errors:
        raise ScoringError(errors)
    return Profile(
        scheme=scheme,
        complete=complete,
        areas=MappingProxyType(areas),
        total=total,
        points=points,
        band=band,
        primary_area=primary_area,
        unmet=unmet,
        unmet_areas=tuple(unmet_areas),
    )


def _read_areas(data, errors) -> dict[str, AreaResult]:
    # Key order is not kept by every store (PostgreSQL's jsonb sorts keys), so
    # the areas are read in canonical order whatever order they arrive in.
    if not isinstance(data, Mapping) or set(data) != set(AREA_CODES):
        errors.append(
            {
                "field": "areas",
                "message": f"Areas must be an object with the areas {', '.join(AREA_CODES)}.",
            }
        )
        return {}
    areas = {}
    for code in AREA_CODES:
        area = data[code]
        if not isinstance(area, Mapping):
            errors.append({"field": f"areas.{code}", "message": f"Area {code} must be an object."})
            continue
        problems_before = len(errors)
        values = {}
        for key in _AREA_KEYS:
            check = _is_number if key == "intensity" else _is_whole
            nullable = key not in ("rated", "of")
            values[key] = _read(area, key, f"areas.{code}.{key}", errors, check, nullable)
        if len(errors) == problems_before and (values["level"] is None) != (
            values["intensity"] is None
        ):
            errors.append(
                {
                    "field": f"areas.{code}",
                    "message": f"Area {code} must have both a level and an intensity, or neither.",
                }
            )
        if values["intensity"] is not None:
            values["intensity"] = _two_places(values["intensity"])
        areas[code] = AreaResult(code=code, **values)
    return areas


def _read(data, key, field, errors, check, nullable=True):
    if key not in data:
        errors.append({"field": field, "message": f"The {key} value is missing."})
        return None
    value = data[key]
    if (value is None and nullable) or (value is not None and check(value)):
        return value
    errors.append(
        {"field": field, "message": f"The {key} value is not valid; got {describe(value)}."}
    )
    return None


def _two_places(value) -> Decimal:
    # str() of a float is the shortest text that reads back as the same float,
    # so 1.67 becomes Decimal("1.67"), not the binary expansion of 1.67.
    return quantize(Decimal(str(value) if isinstance(value, float) else value))


def _is_whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value) -> bool:
    if isinstance(value, Decimal):
        return value.is_finite()
    if isinstance(value, float):
        return isfinite(value)
    return _is_whole(value)


def _is_text(value) -> bool:
    return isinstance(value, str)


def _is_bool(value) -> bool:
    return isinstance(value, bool)
