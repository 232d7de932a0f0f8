"""Comparing two profiles of one child over time.

Changes are worked out from the published, rounded figures (levels and
two-place intensities), so that anyone holding the two stored profiles gets
the same answer without the raw ratings. Profiles of different schemes are
never compared: their levels and bands do not mean the same thing.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType

from .banding import band_rank
from .errors import ScoringError
from .profile import Profile
from .rounding import EXACT, as_float

UP = "up"
DOWN = "down"
SAME = "same"

ESCALATING = "escalating"
STABLE = "stable"
IMPROVING = "improving"

TRENDS = (ESCALATING, STABLE, IMPROVING)


@dataclass(frozen=True, slots=True)
class AreaChange:
    """How one area moved: changes are current minus previous.

    All three values are ``None`` when either profile has no level for the
    area: there is nothing to compare.
    """

    code: str
    level_change: int | None
    intensity_change: Decimal | None
    direction: str | None

    def as_dict(self) -> dict:
        return {
            "level_change": self.level_change,
            "intensity_change": as_float(self.intensity_change),
            "direction": self.direction,
        }


@dataclass(frozen=True, slots=True)
class Comparison:
    """The change between two profiles of one child. Immutable.

    ``trend`` is ``escalating`` when the band rose, ``improving`` when it fell,
    ``stable`` when it stayed, and ``None`` unless both profiles have a band.
    """

    scheme: str
    areas: Mapping[str, AreaChange]
    trend: str | None

    def __post_init__(self):
        if not isinstance(self.areas, MappingProxyType):
            object.__setattr__(self, "areas", MappingProxyType(dict(self.areas)))

    def __hash__(self):
        return hash((self.scheme, tuple(self.areas.items()), self.trend))

    def as_dict(self) -> dict:
        """The published comparison shape, as plain JSON-ready values."""
        return {
            "scheme": self.scheme,
            "areas": {code: change.as_dict() for code, change in self.areas.items()},
            "trend": self.trend,
        }


def compare(previous, current) -> Comparison:
    """Compare an earlier profile of a child with a later one.

    Accepts :class:`Profile` objects or their :meth:`~Profile.as_dict` output.
    Raises :class:`ScoringError` on field ``scheme`` when the two profiles
    were scored under different schemes.
    """
    previous = as_profile(previous)
    current = as_profile(current)
    if previous.scheme != current.scheme:
        raise ScoringError.single(
            "scheme",
            f"Only profiles of the same scheme can be compared; got {previous.scheme!r} "
            f"and {current.scheme!r}.",
        )
    return Comparison(
        scheme=current.scheme,
        areas=MappingProxyType(
            {code: _area_change(previous.areas[code], area) for code, area in current.areas.items()}
        ),
        trend=trend(previous.band, current.band),
    )


def as_profile(profile) -> Profile:
    """A :class:`Profile`, from either a profile or its ``as_dict()`` output."""
    if isinstance(profile, Profile):
        return profile
    if isinstance(profile, Mapping):
        return Profile.from_dict(profile)
    raise TypeError(f"Expected a Profile or a profile dict, not {type(profile).__name__}.")


def trend(previous_band: str | None, current_band: str | None) -> str | None:
    """Whether the band rose, fell or stayed; ``None`` if either is unknown."""
    if previous_band is None or current_band is None:
        return None
    change = band_rank(current_band) - band_rank(previous_band)
    if change > 0:
        return ESCALATING
    if change < 0:
        return IMPROVING
    return STABLE


def area_direction(previous_level, previous_intensity, current_level, current_intensity):
    """``up``, ``down`` or ``same`` for one area given its two levels and intensities.

    The rule of :func:`compare` for readers that hold only the published
    figures of an area (a level and a two-place :class:`~decimal.Decimal`
    intensity), not whole profiles; ``None`` when either level is missing.
    """
    if previous_level is None or current_level is None:
        return None
    change = current_level - previous_level or EXACT.subtract(current_intensity, previous_intensity)
    return _direction(change)


def _area_change(previous, current) -> AreaChange:
    if previous.level is None or current.level is None:
        return AreaChange(current.code, None, None, None)
    level_change = current.level - previous.level
    intensity_change = EXACT.subtract(current.intensity, previous.intensity)
    return AreaChange(
        code=current.code,
        level_change=level_change,
        intensity_change=intensity_change,
        direction=area_direction(
            previous.level, previous.intensity, current.level, current.intensity
        ),
    )


def _direction(change) -> str:
    if change > 0:
        return UP
    if change < 0:
        return DOWN
    return SAME
