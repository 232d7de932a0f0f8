"""The ``vsend-support/1`` vocabulary: support types, horizons, outcomes, and intrusive support.

Plain Python with no Django, like :mod:`vsend_plugin.scoring`: these codes are
what makes one council's evaluation comparable with another's, so they are
fixed here once and every form, serializer and figure reads them from here.
"""

from dataclasses import dataclass
from decimal import Decimal

from vsend_plugin.scoring.scheme import AREA_CODES

SCHEME = "vsend-support/1"

BUILDS = "builds"
NEUTRAL = "neutral"
MAY_LIMIT = "may_limit"


@dataclass(frozen=True, slots=True)
class SupportType:
    code: str
    meaning: str
    independence: str


SUPPORT_TYPES = (
    SupportType(
        "universal",
        "Ordinarily available provision: quality-first teaching, reasonable adjustments",
        NEUTRAL,
    ),
    SupportType("group", "Small-group, time-limited intervention", BUILDS),
    SupportType("adult_shared", "Shared adult support in class", NEUTRAL),
    SupportType("adult_1to1", "One-to-one adult support", MAY_LIMIT),
    SupportType("therapy_slt", "Speech and language therapy", NEUTRAL),
    SupportType("therapy_ot", "Occupational therapy", NEUTRAL),
    SupportType("therapy_physio", "Physiotherapy", NEUTRAL),
    SupportType("ep", "Educational psychology input", NEUTRAL),
    SupportType("mental_health", "Counselling, mental health support team, CAMHS", NEUTRAL),
    SupportType(
        "sensory_specialist",
        "Specialist teacher for hearing, vision or multi-sensory impairment",
        NEUTRAL,
    ),
    SupportType("equipment", "Equipment and assistive technology", BUILDS),
    SupportType("health_care", "Health care plan and medical support in the setting", NEUTRAL),
    SupportType(
        "independence_skills", "Travel training, self-care and life-skills programmes", BUILDS
    ),
    SupportType("social_skills", "Mentoring, social skills groups, peer support", BUILDS),
    SupportType("specialist_place", "Specialist school place or resource base", NEUTRAL),
    SupportType("alternative_provision", "Alternative provision", NEUTRAL),
    SupportType("transport_escorted", "Home-to-setting transport with an escort", MAY_LIMIT),
    SupportType("transport", "Home-to-setting transport without an escort", NEUTRAL),
    SupportType("short_breaks", "Short breaks and respite for the family", NEUTRAL),
    SupportType("family_support", "Parent carer training and support", BUILDS),
    SupportType("other", "Anything else", NEUTRAL),
)
SUPPORT_TYPE_CODES = tuple(support_type.code for support_type in SUPPORT_TYPES)
SUPPORT_TYPES_BY_CODE = {support_type.code: support_type for support_type in SUPPORT_TYPES}

AREAS = AREA_CODES

#: When an outcome is for, nearest first.
HORIZONS = ("next_review", "next_phase", "age_16", "age_18", "age_25")
AGE_HORIZONS = ("age_16", "age_18", "age_25")
HORIZON_LABELS = {
    "next_review": "By the next review",
    "next_phase": "By the next move between settings",
    "age_16": "By 16",
    "age_18": "By 18",
    "age_25": "By 25",
}

#: The four Preparing for Adulthood outcomes, for outcomes at an age horizon.
ADULTHOOD = ("employment", "independent_living", "community", "health")
ADULTHOOD_LABELS = {
    "employment": "Employment",
    "independent_living": "Independent living",
    "community": "Friends, relationships and community",
    "health": "Good health",
}

OPEN = "open"
STATUSES = (OPEN, "achieved", "partly", "not_achieved", "dropped")
REVIEWED_STATUSES = STATUSES[1:]
#: The statuses the evaluation counts (``dropped`` and ``open`` are not).
COUNTED_STATUSES = ("achieved", "partly", "not_achieved")
STATUS_LABELS = {
    "open": "Open",
    "achieved": "Achieved",
    "partly": "Partly achieved",
    "not_achieved": "Not achieved",
    "dropped": "Dropped",
}

#: The trajectory's points, from now towards adulthood.
TRAJECTORY_POINTS = ("now", "next_phase", "age_16", "age_18")
TRAJECTORY_LABELS = {"now": "Now", "next_phase": "Next phase", "age_16": "At 16", "age_18": "At 18"}
PROVISION_LEVELS = (0, 1, 2, 3, 4)

MAX_HOURS = Decimal(40)
HOURS_STEP = Decimal("0.5")
YOUNGEST_AGE = 4
OLDEST_AGE = 25

#: Intrusive support: a ``may_limit`` type at this many hours a week or more...
INTRUSIVE_HOURS = 15
#: ...or planned to continue to this age or beyond.
INTRUSIVE_AGE = 16

#: The question every family should be asked about intrusive support.
INTRUSIVE_QUESTION = "What will this look like at 15, at 18?"


def is_intrusive(support_type, hours_per_week, planned_until_age) -> bool:
    """Whether a support item is intrusive, as ``vsend-support/1`` defines it."""
    kind = SUPPORT_TYPES_BY_CODE.get(support_type)
    if kind is None or kind.independence != MAY_LIMIT:
        return False
    return (hours_per_week is not None and hours_per_week >= INTRUSIVE_HOURS) or (
        planned_until_age is not None and planned_until_age >= INTRUSIVE_AGE
    )


def steps_down(levels) -> bool | None:
    """Whether planned provision ever falls below where it is now.

    ``levels`` are the trajectory's points in order (``None`` where not
    planned). ``None`` when there is nothing to compare (no level now, or no
    later level) and when provision now is universal only (level 0): there is
    nothing to step down from.
    """
    now, *later = levels
    later = [level for level in later if level is not None]
    if not now or not later:
        return None
    return any(level < now for level in later)


def empty_trajectory() -> dict:
    return {area: dict.fromkeys(TRAJECTORY_POINTS) for area in AREAS}
