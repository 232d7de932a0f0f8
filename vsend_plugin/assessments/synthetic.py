"""Synthetic children and assessment histories that look like England's SEND population.

Used for the demo and for data at scale (``vsend_generate``). Nothing here
is, or is drawn from, a real child: names are from a short list of everyday
words used as names, and ratings are drawn from the published national shape
(``../shared/reference/dfe-send-statistics.md``: DfE, "Education, health and
care plans" and "Special educational needs in England"):

* each child has a DfE primary type of need, drawn from the mix for EHC plans
  (about one child in four) or for SEN support (the rest), and that need
  shows in the indicators it belongs to (hearing impairment in hearing,
  autism in social communication) with the needs that come with it a level
  or two lower (autism: emotional wellbeing, sensory processing; profound and
  multiple learning difficulty: every area);
* children with an EHC plan mostly have an EHC-plan level profile (bands
  D and E), so about one child in four is in D or E;
* repeat assessments drift around the child's own needs rather than
  wandering off: most stay in band, some escalate, some improve, and the
  population's band mix stays about the same however many times children
  are assessed;
* provision follows need only weakly, and families feel less confident
  where needs are higher.
"""

import random
from dataclasses import dataclass, field, replace

from vsend_plugin.scoring import AREAS, INDICATORS

GIVEN_NAMES = (
    "Ash",
    "Bay",
    "Briar",
    "Brook",
    "Cedar",
    "Clover",
    "Coral",
    "Dale",
    "Ember",
    "Fern",
    "Finch",
    "Glen",
    "Hazel",
    "Heath",
    "Indigo",
    "Ivy",
    "Jay",
    "Juniper",
    "Lark",
    "Linden",
    "Maple",
    "Marlow",
    "Meadow",
    "Moss",
    "Oak",
    "Onyx",
    "Pebble",
    "Quill",
    "Rain",
    "Reed",
    "River",
    "Robin",
    "Rowan",
    "Sage",
    "Skye",
    "Sorrel",
    "Storm",
    "Tansy",
    "Teal",
    "Wren",
)

_ALL_INDICATORS = tuple(INDICATORS)  # canonical order


@dataclass(frozen=True)
class PrimaryNeed:
    """A DfE primary type of need, as it shows in vsend's indicators.

    ``focus`` indicators are rated at the child's highest level (empty: one
    indicator of any area, for "other difficulty or disability");
    ``companions`` rise with it, a level or two lower.
    """

    code: str
    name: str
    area: str | None
    focus: tuple[str, ...]
    companions: tuple[str, ...] = ()


PRIMARY_NEEDS = {
    need.code: need
    for need in (
        PrimaryNeed(
            "ASD",
            "Autistic spectrum disorder",
            "CI",
            ("CI.social",),
            ("CI.expressive", "SEMH.regulation", "SEMH.wellbeing", "SP.sensory", "IND.community"),
        ),
        PrimaryNeed(
            "SLCN",
            "Speech, language and communication needs",
            "CI",
            ("CI.expressive", "CI.receptive"),
            ("CL.literacy", "SEMH.relationships"),
        ),
        PrimaryNeed(
            "SEMH",
            "Social, emotional and mental health",
            "SEMH",
            ("SEMH.regulation", "SEMH.wellbeing"),
            ("SEMH.relationships", "CI.social", "CL.processing", "IND.community"),
        ),
        PrimaryNeed(
            "MLD",
            "Moderate learning difficulty",
            "CL",
            ("CL.literacy", "CL.numeracy"),
            ("CL.processing", "CI.receptive", "IND.choices"),
        ),
        PrimaryNeed(
            "SLD",
            "Severe learning difficulty",
            "CL",
            ("CL.literacy", "CL.numeracy", "CL.processing"),
            ("CI.receptive", "CI.expressive", "IND.selfcare", "IND.travel", "IND.choices"),
        ),
        PrimaryNeed(
            "PMLD",
            "Profound and multiple learning difficulty",
            "CL",
            ("CL.literacy", "CL.numeracy", "CL.processing"),
            tuple(code for code in _ALL_INDICATORS if not code.startswith("CL.")),
        ),
        PrimaryNeed(
            "SPLD",
            "Specific learning difficulty",
            "CL",
            ("CL.literacy",),
            ("CL.processing", "SEMH.wellbeing"),
        ),
        PrimaryNeed(
            "PD",
            "Physical disability",
            "SP",
            ("SP.physical",),
            ("SP.health", "IND.selfcare", "IND.travel"),
        ),
        PrimaryNeed(
            "HI", "Hearing impairment", "SP", ("SP.hearing",), ("CI.receptive", "CI.expressive")
        ),
        PrimaryNeed("VI", "Visual impairment", "SP", ("SP.vision",), ("IND.travel", "CL.literacy")),
        PrimaryNeed(
            "MSI",
            "Multi-sensory impairment",
            "SP",
            ("SP.hearing", "SP.vision"),
            ("CI.receptive", "IND.travel", "IND.community"),
        ),
        PrimaryNeed("OTH", "Other difficulty or disability (or not recorded)", None, ()),
    )
}

#: Primary type of need of EHC plans, England, January 2025 (per cent; "not recorded" with OTH).
EHC_NEED_MIX = {
    "ASD": 31.5,
    "SLCN": 21.3,
    "SEMH": 20.7,
    "MLD": 10.6,
    "SLD": 4.0,
    "PD": 3.9,
    "SPLD": 2.3,
    "HI": 1.4,
    "PMLD": 1.3,
    "OTH": 2.0,
    "VI": 0.8,
    "MSI": 0.3,
}
#: On SEN support: the published county profile (SLCN 25, SEMH 22, MLD 17, SpLD 16, ASD 5),
#: the remaining 15 split roughly as among new EHC plans, with fewer profound needs.
SEN_SUPPORT_NEED_MIX = {
    "SLCN": 25.0,
    "SEMH": 22.0,
    "MLD": 17.0,
    "SPLD": 16.0,
    "ASD": 5.0,
    "OTH": 5.0,
    "PD": 4.0,
    "SLD": 2.0,
    "HI": 2.0,
    "VI": 1.0,
    "MSI": 0.5,
    "PMLD": 0.5,
}
#: Children known to the service with an EHC plan (482,640 of about 1.77m pupils with SEN, 2025).
EHC_SHARE = 0.25


def _area_shares(mix):
    total = sum(mix.values())
    shares = dict.fromkeys((area.code for area in AREAS), 0.0)
    for code, weight in mix.items():
        area = PRIMARY_NEEDS[code].area
        for target in (area,) if area else tuple(shares):
            shares[target] += weight / total / (1 if area else len(shares))
    return shares


#: The same mixes by vsend area (OTH spread evenly), which the profiles' primary areas follow.
EHC_PRIMARY_MIX = _area_shares(EHC_NEED_MIX)
SEN_SUPPORT_PRIMARY_MIX = _area_shares(SEN_SUPPORT_NEED_MIX)

#: How a child's course moves from one assessment to the next: chances of a step up and down,
#: by where it is now (0: the child's usual needs). Drawn back towards 0, so that over many
#: assessments most children stay in band and the population's mix holds.
_COURSE_STEPS = {
    -2: (0.35, 0.0),
    -1: (0.25, 0.04),
    0: (0.08, 0.08),
    1: (0.04, 0.25),
    2: (0.0, 0.35),
}


@dataclass(frozen=True)
class SyntheticAssessment:
    """One synthetic needs mapping, and the child's underlying needs it was drawn from."""

    need: dict
    provision: dict
    family_confidence: dict
    primary_need: str = ""
    ehc: bool = False
    baseline: dict = field(default_factory=dict, repr=False)
    course: int = 0


def _choose(rng, mix):
    return rng.choices(tuple(mix), weights=tuple(mix.values()))[0]


def _clamp(level):
    return 0 if level < 0 else 4 if level > 4 else level


def _baseline(rng, primary, ehc):
    """The child's usual level on each indicator."""
    if ehc:
        top = 4 if rng.random() < 0.8 else 3
        background = (0, 0, 1, 1, 2)
    else:
        top = rng.choice((1, 2, 2, 2, 3))
        background = (0, 0, 0, 0, 1)
    focus = primary.focus or (rng.choice(_ALL_INDICATORS),)
    baseline = {}
    for code in _ALL_INDICATORS:
        if code in focus:
            level = top
        elif code in primary.companions:
            # Profound and multiple learning difficulty: every area high.
            drop = (0, 1) if primary.code == "PMLD" else (1, 1, 2, 2)
            level = top - rng.choice(drop)
        else:
            level = rng.choice(background)
        baseline[code] = _clamp(min(level, top))
    return baseline


def _drawn(rng, baseline, course):
    """One assessment's ratings: the usual needs, moved by the course, give or take a level."""
    need = {}
    for code, usual in baseline.items():
        if usual:
            level = usual + course
            chance = rng.random()
            if chance < 0.05:
                level -= 1
            elif chance < 0.10:
                level += 1
        else:
            level = 1 if course > 0 and rng.random() < 0.15 else 0
        need[code] = _clamp(level)
    return need


def first_assessment(rng: random.Random) -> SyntheticAssessment:
    """One child's first needs mapping."""
    ehc = rng.random() < EHC_SHARE
    primary = PRIMARY_NEEDS[_choose(rng, EHC_NEED_MIX if ehc else SEN_SUPPORT_NEED_MIX)]
    baseline = _baseline(rng, primary, ehc)
    need = _drawn(rng, baseline, 0)
    return SyntheticAssessment(
        need, _provision(rng, need), _confidence(rng, need), primary.code, ehc, baseline, 0
    )


def next_assessment(rng: random.Random, previous: SyntheticAssessment) -> SyntheticAssessment:
    """A later mapping: most needs stay, some rise, some ease, and they tend to settle back."""
    baseline = previous.baseline or previous.need
    up, down = _COURSE_STEPS[previous.course]
    chance = rng.random()
    course = previous.course + (1 if chance < up else -1 if chance < up + down else 0)
    need = _drawn(rng, baseline, course)
    return SyntheticAssessment(
        need,
        _provision(rng, need),
        _confidence(rng, need),
        previous.primary_need,
        previous.ehc,
        baseline,
        course,
    )


def _area_levels(need):
    return {area.code: max(need[indicator.code] for indicator in area.indicators) for area in AREAS}


def _provision(rng, need):
    """What the setting can meet: only loosely related to the need."""
    return {
        code: _clamp(round(level * 0.4 + rng.choice((0, 1, 1, 2)) - 0.3))
        for code, level in _area_levels(need).items()
    }


def _confidence(rng, need):
    """Families tend to feel less confident where needs are higher; sometimes not recorded."""
    if rng.random() < 0.3:
        return {}
    return {
        code: _clamp(4 - level + rng.choice((-1, 0, 0, 1)))
        for code, level in _area_levels(need).items()
    }


#: Share of assessments saved before one area was rated: incomplete profiles, which
#: benchmarks leave out and count as excluded.
INCOMPLETE_SHARE = 0.02


def leave_unrated(rng: random.Random, assessment: SyntheticAssessment, share=INCOMPLETE_SHARE):
    """The assessment, or (with chance ``share``) the same with one area not rated yet."""
    if rng.random() >= share:
        return assessment
    area = rng.choice(AREAS)
    need = {
        code: level for code, level in assessment.need.items() if code not in area.indicator_codes
    }
    return replace(assessment, need=need)


def history(rng: random.Random, count: int) -> list[SyntheticAssessment]:
    assessments = [first_assessment(rng)]
    while len(assessments) < count:
        assessments.append(next_assessment(rng, assessments[-1]))
    return assessments
