"""Drawing synthetic children and their assessment histories: computation only, no database.

Each batch of children is drawn from its own seeded random stream, so the
same plan makes the same children whichever process draws which batch.
Ratings come from :mod:`..synthetic`; children are placed in settings the way
the published figures suggest (those with high needs far more often in
special schools) and assessed about a quarter apart.
"""

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import NamedTuple

from django.utils import timezone

from vsend_plugin.core.models import SettingKind

from ..models import YearGroup
from ..synthetic import GIVEN_NAMES, history, leave_unrated
from .storing import version_columns

#: Assessments are about a quarter apart, closer when there are too many to fit.
DAYS_BETWEEN_ASSESSMENTS = 91

#: Where children are, by kind of setting (per cent): with an EHC-plan level of need far more
#: often in special schools, the rest mostly in mainstream primary and secondary schools.
SETTING_MIX = {
    True: {
        "nursery": 5,
        "primary": 27,
        "secondary": 20,
        "special": 35,
        "alternative_provision": 4,
        "college": 9,
    },
    False: {
        "nursery": 8,
        "primary": 48,
        "secondary": 33,
        "special": 3,
        "alternative_provision": 3,
        "college": 5,
    },
}
YEAR_GROUPS = {
    SettingKind.NURSERY: ("early_years", "early_years", "reception"),
    SettingKind.PRIMARY: ("reception", "year_1", "year_2", "year_3", "year_4", "year_5", "year_6"),
    SettingKind.SECONDARY: ("year_7", "year_8", "year_9", "year_10", "year_11"),
    SettingKind.SPECIAL: tuple(YearGroup.values[1:15]),  # reception to year 13
    SettingKind.ALTERNATIVE_PROVISION: (
        "year_7",
        "year_8",
        "year_9",
        "year_10",
        "year_10",
        "year_11",
        "year_11",
    ),
    SettingKind.COLLEGE: ("year_12", "year_13", "post_19"),
}


#: How generated children's case references start, so they can be told apart.
CASE_REFERENCE_PREFIX = "SY"


@dataclass(frozen=True)
class Placement:
    """A council's settings by kind, each ``(setting id, locality id)``, with their sizes."""

    council_id: int
    number: int
    settings: dict
    sizes: dict

    @classmethod
    def of(cls, council, number, seed):
        rng = random.Random(f"vsend-generate-sizes-{seed}-{number}")
        settings, sizes = {}, {}
        rows = council.settings.order_by("pk").values_list("pk", "kind", "locality_id")
        for pk, kind, locality_id in rows:
            settings.setdefault(kind, []).append((pk, locality_id))
            sizes.setdefault(kind, []).append(rng.uniform(0.4, 1.6))
        return cls(council.pk, number, settings, sizes)

    def choose(self, rng, high_needs):
        """``(setting id, locality id, kind)`` for a new child."""
        mix = {
            kind: share for kind, share in SETTING_MIX[high_needs].items() if kind in self.settings
        }
        kind = rng.choices(tuple(mix), weights=tuple(mix.values()))[0]
        return (*rng.choices(self.settings[kind], weights=self.sizes[kind])[0], kind)


class DrawnChild(NamedTuple):
    columns: dict  # the child's row
    assessments: list  # (taken_at, first version's columns), oldest first


def draw_children(plan, placement, batch, first, count):
    """Children ``first`` to ``first + count - 1`` of the council, in batch number ``batch``."""
    rng = random.Random(f"vsend-generate-children-{plan.seed}-{placement.number}-{batch}")
    now = timezone.now()
    drawn = []
    for position in range(first, first + count):
        ratings = [leave_unrated(rng, a) for a in history(rng, plan.assessments_per_child)]
        dates = _dates(rng, plan, len(ratings), now)
        setting_id, locality_id, kind = placement.choose(rng, ratings[0].ehc)
        year_group = rng.choice(YEAR_GROUPS[kind])
        birth_month = rng.randint(1, 12)
        columns = {
            "council_id": placement.council_id,
            "setting_id": setting_id,
            "locality_id": locality_id,
            "case_reference": f"{CASE_REFERENCE_PREFIX}{placement.number:03d}-{position:07d}",
            "given_name": rng.choice(GIVEN_NAMES),
            "birth_month": birth_month,
            "birth_year": _birth_year(rng, year_group, birth_month, plan.end),
            "year_group": year_group,
            "created_at": dates[0] - timedelta(days=rng.randint(1, 60)),
        }
        assessments = [
            (taken_at, version_columns(a.need, a.provision, a.family_confidence))
            for taken_at, a in zip(dates, ratings, strict=True)
        ]
        drawn.append(DrawnChild(columns, assessments))
    return drawn


def _dates(rng, plan, count, now):
    """When a child's assessments were made: a quarter or so apart, inside the plan's span."""
    span = (plan.end - plan.start).days
    gap = min(DAYS_BETWEEN_ASSESSMENTS, span // count)
    jitter = gap // 9
    first = plan.start + timedelta(days=rng.randint(0, max(0, span - gap * (count - 1) - jitter)))
    zone = timezone.get_current_timezone()
    moments = []
    for index in range(count):
        day = min(plan.end, first + timedelta(days=gap * index + rng.randint(0, jitter)))
        during_the_day = time(rng.randint(8, 16), rng.randrange(0, 60, 5))
        moment = datetime.combine(day, during_the_day, tzinfo=zone)
        moments.append(min(now, moment))
    return moments


def _birth_year(rng, year_group, birth_month, today):
    """Children in a year group were 3 + its position (reception: 4) on 31 August."""
    if year_group == YearGroup.POST_19:
        age = rng.randint(19, 24)
    else:
        age = 3 + YearGroup.values.index(year_group)
    school_year = today.year if today.month >= 9 else today.year - 1
    return school_year - age - (1 if birth_month >= 9 else 0)
