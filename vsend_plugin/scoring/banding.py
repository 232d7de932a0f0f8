"""From area levels to points and an overall band.

Points weigh each area's level (``WEIGHTS``) so that needs add up, but a sum
alone would let one profound need hide among four quiet areas. The floor
guards against that: a profile's band is never below the floor set by its
highest area level.
"""

from .scheme import BAND_CODES, BANDS, LEVEL_FLOORS, WEIGHTS

_BAND_RANK = {code: rank for rank, code in enumerate(BAND_CODES)}


def points_for(levels) -> int:
    """The sum of the weights of the given area levels."""
    return sum(WEIGHTS[level] for level in levels)


def band_by_points(points: int) -> str:
    """The band whose points range contains ``points``."""
    reached = BANDS[0].code
    for band in BANDS:
        if points >= band.min_points:
            reached = band.code
    return reached


def band_floor(highest_level: int) -> str:
    """The lowest band a profile with this highest area level can have."""
    return LEVEL_FLOORS[highest_level]


def higher_band(first: str, second: str) -> str:
    """The higher of two bands (A < B < C < D < E)."""
    return first if band_rank(first) >= band_rank(second) else second


def band_rank(band: str) -> int:
    """A band's position on the A to E scale, for comparing bands."""
    return _BAND_RANK[band]


def band_for(levels) -> str:
    """The band of a complete profile with these five area levels."""
    levels = tuple(levels)
    return higher_band(band_by_points(points_for(levels)), band_floor(max(levels)))
