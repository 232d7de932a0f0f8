"""Synthetic children and assessment histories that look like England's SEND population.

Used for the demo and for data at scale. Nothing here is, or is drawn from,
a real child: names are from a short list of everyday words used as names,
and ratings are drawn from the published national shape (DfE, "Education,
health and care plans" and "Special educational needs in England"): the mix of
primary needs, about one child in four with an EHC-plan level profile, needs
that cluster (autistic children often high in communication and in emotional
wellbeing together), provision that follows need only weakly, and repeat
assessments that mostly stay in band.
"""

import random
from dataclasses import dataclass

from vsend_plugin.scoring import AREAS

GIVEN_NAMES = (
    "Ash", "Bay", "Briar", "Brook", "Cedar", "Clover", "Coral", "Dale", "Ember", "Fern",
    "Finch", "Glen", "Hazel", "Heath", "Indigo", "Ivy", "Jay", "Juniper", "Lark", "Linden",
    "Maple", "Marlow", "Meadow", "Moss", "Oak", "Onyx", "Pebble", "Quill", "Rain", "Reed",
    "River", "Robin", "Rowan", "Sage", "Skye", "Sorrel", "Storm", "Tansy", "Teal", "Wren",
)

#: Primary need mix for children with an EHC plan (DfE, January 2025), by vsend area.
EHC_PRIMARY_MIX = {"CI": 52.8, "SEMH": 20.7, "CL": 18.2, "SP": 6.4, "IND": 1.9}
#: On SEN support: speech and language, then SEMH, then learning difficulties.
SEN_SUPPORT_PRIMARY_MIX = {"CI": 30.0, "SEMH": 22.0, "CL": 33.0, "SP": 8.0, "IND": 7.0}
#: Areas that tend to rise with the primary one.
COMPANION_AREAS = {"CI": ("SEMH", "IND"), "SEMH": ("CI", "IND"), "CL": ("IND", "CI"), "SP": ("IND", "CL"), "IND": ("SEMH", "CL")}
EHC_SHARE = 0.25


@dataclass(frozen=True)
class SyntheticAssessment:
    need: dict
    provision: dict
    family_confidence: dict


def _choose(rng, mix):
    return rng.choices(list(mix), weights=list(mix.values()))[0]


def _clamp(level):
    return max(0, min(4, level))


def first_assessment(rng: random.Random) -> SyntheticAssessment:
    """One child's first needs mapping."""
    ehc = rng.random() < EHC_SHARE
    primary = _choose(rng, EHC_PRIMARY_MIX if ehc else SEN_SUPPORT_PRIMARY_MIX)
    companions = COMPANION_AREAS[primary]
    top = rng.choice((3, 4, 4)) if ehc else rng.choice((1, 2, 2, 2, 3))
    need = {}
    for area in AREAS:
        if area.code == primary:
            base = top
        elif area.code in companions:
            base = max(0, top - rng.choice((1, 1, 2)))
        else:
            base = rng.choice((0, 0, 0, 1, 1, 2)) if ehc else rng.choice((0, 0, 0, 0, 1))
        for index, indicator in enumerate(area.indicators):
            spread = 0 if index == 0 and area.code == primary else rng.choice((0, -1, -1, -2))
            need[indicator.code] = _clamp(base + spread)
    return SyntheticAssessment(need, _provision(rng, need), _confidence(rng, need))


def next_assessment(rng: random.Random, previous: SyntheticAssessment) -> SyntheticAssessment:
    """A later mapping: most needs stay, some rise, some ease."""
    drift = rng.choices((-1, 0, 1), weights=(2, 6, 2))[0]
    need = {}
    for code, level in previous.need.items():
        change = drift if rng.random() < 0.35 else rng.choices((-1, 0, 1), weights=(1, 8, 1))[0]
        need[code] = _clamp(level + change)
    return SyntheticAssessment(need, _provision(rng, need), _confidence(rng, need))


def _area_levels(need):
    return {
        area.code: max(need[indicator.code] for indicator in area.indicators) for area in AREAS
    }


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


def history(rng: random.Random, count: int) -> list[SyntheticAssessment]:
    assessments = [first_assessment(rng)]
    while len(assessments) < count:
        assessments.append(next_assessment(rng, assessments[-1]))
    return assessments
