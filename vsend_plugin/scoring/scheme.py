"""The scoring scheme ``vsend-core/1``: areas, indicators, levels, weights, bands.

Everything here is data, published once and never edited: results from
different councils are only comparable because they were scored against the
same indicators, levels, weights and thresholds. Changing any of them makes a
new scheme (``vsend-core/2``) with its own module and conformance vectors, so
the values below are plain immutable structures that forms, templates and the
API can read but not alter.
"""

from dataclasses import dataclass
from types import MappingProxyType

SCHEME = "vsend-core/1"

MIN_LEVEL = 0
MAX_LEVEL = 4


@dataclass(frozen=True, slots=True)
class Indicator:
    """One canonical question every council's form binds a scored question to.

    ``code`` is stable and stored with every rating (``"CI.receptive"``),
    ``area`` is the code of the area it belongs to, and ``name`` is the
    description from the scheme, for people.
    """

    code: str
    area: str
    name: str


@dataclass(frozen=True, slots=True)
class Area:
    """A broad area of need, with its indicators in canonical order."""

    code: str
    name: str
    indicators: tuple[Indicator, ...]

    @property
    def indicator_codes(self) -> tuple[str, ...]:
        return tuple(indicator.code for indicator in self.indicators)


@dataclass(frozen=True, slots=True)
class Level:
    """A point on the 0 to 4 need scale: a short name and what it means."""

    value: int
    name: str
    meaning: str


@dataclass(frozen=True, slots=True)
class Band:
    """An overall band, with the fewest points that reach it by points alone."""

    code: str
    min_points: int
    meaning: str


def _area(code: str, name: str, indicators: tuple[tuple[str, str], ...]) -> Area:
    return Area(
        code=code,
        name=name,
        indicators=tuple(
            Indicator(code=f"{code}.{key}", area=code, name=indicator_name)
            for key, indicator_name in indicators
        ),
    )


# The four broad areas of the SEND Code of Practice (2014), plus Independence
# (preparing for adulthood), in the canonical order every output follows.
AREAS: tuple[Area, ...] = (
    _area(
        "CI",
        "Communication and interaction",
        (
            ("receptive", "Understanding language"),
            ("expressive", "Expressive language and speech"),
            ("social", "Social communication and interaction"),
        ),
    ),
    _area(
        "CL",
        "Cognition and learning",
        (
            ("literacy", "Literacy"),
            ("numeracy", "Numeracy"),
            ("processing", "Memory, attention, processing speed"),
        ),
    ),
    _area(
        "SEMH",
        "Social, emotional and mental health",
        (
            ("regulation", "Emotional regulation and behaviour"),
            ("wellbeing", "Anxiety, mood, wellbeing"),
            ("relationships", "Relationships with peers and adults"),
        ),
    ),
    _area(
        "SP",
        "Sensory and/or physical",
        (
            ("hearing", "Hearing"),
            ("vision", "Vision"),
            ("physical", "Mobility and motor skills"),
            ("sensory", "Sensory processing"),
            ("health", "Medical and health needs"),
        ),
    ),
    _area(
        "IND",
        "Independence",
        (
            ("selfcare", "Personal care"),
            ("travel", "Getting about safely"),
            ("choices", "Making choices and speaking up for oneself"),
            ("community", "Friendships and taking part in the community"),
        ),
    ),
)

AREA_CODES: tuple[str, ...] = tuple(area.code for area in AREAS)

AREAS_BY_CODE = MappingProxyType({area.code: area for area in AREAS})

INDICATORS = MappingProxyType(
    {indicator.code: indicator for area in AREAS for indicator in area.indicators}
)

LEVELS: tuple[Level, ...] = (
    Level(0, "No additional need", "Met by what every setting ordinarily provides."),
    Level(1, "Low", "Met by adjusted, quality-first teaching and occasional targeted help."),
    Level(2, "Moderate", "Needs regular targeted support (SEN support)."),
    Level(
        3,
        "Significant",
        "Needs specialist input and individual provision for much of the day.",
    ),
    Level(4, "Profound or complex", "Needs intensive specialist support throughout the day."),
)

# The two per-area ratings only have their ends described by the scheme; forms
# may word the points in between as they like.
PROVISION_ANCHORS = MappingProxyType({0: "Universal provision only", 4: "Can meet profound need"})
FAMILY_CONFIDENCE_ANCHORS = MappingProxyType({0: "Not at all confident", 4: "Fully confident"})

# Points per area by its level: the steps widen so that one profound need
# weighs more than several low ones.
WEIGHTS = MappingProxyType({0: 0, 1: 1, 2: 3, 3: 6, 4: 10})

BANDS: tuple[Band, ...] = (
    Band("A", 0, "Ordinarily available provision"),
    Band("B", 4, "Targeted SEN support"),
    Band("C", 10, "SEN support with specialist input"),
    Band("D", 18, "High needs (statutory assessment likely to be considered)"),
    Band("E", 28, "Complex high needs"),
)

BAND_CODES: tuple[str, ...] = tuple(band.code for band in BANDS)

BANDS_BY_CODE = MappingProxyType({band.code: band for band in BANDS})

# The lowest band a profile can have, by its highest area level: one area at
# level 4 is high needs however quiet the other areas are.
LEVEL_FLOORS = MappingProxyType({0: "A", 1: "A", 2: "B", 3: "C", 4: "D"})

BAND_NOTE = "The band informs a conversation; it decides nothing on its own."
