"""Synthetic moderation for the demo: a round rated blind this quarter, and calibration ratings.

Second raters agree with the first rating the way raters do: mostly the same
level, often one apart, now and then two; some indicators (wellbeing,
sensory processing, making choices) are harder to agree on than others, so
that the dashboard's "where raters disagree most" has something to say. A
few assignments are left open, so the demo's educational psychologist has
children to rate.
"""

import random
from datetime import timedelta

from django.utils import timezone

from vsend_plugin.assessments.models import Assessment, AssessmentVersion, VersionSource
from vsend_plugin.benchmarking.periods import period_bounds, period_of
from vsend_plugin.scoring import INDICATORS

from .calibration import calibration_cases
from .models import ModerationRound
from .ratings import record_calibration_rating, record_second_rating
from .rounds import open_round

#: Indicators whose descriptors raters read differently more often.
HARDER = frozenset({"SEMH.wellbeing", "SP.sensory", "IND.choices"})

ROUND_SIZE = 30
LEFT_OPEN = 4


def rate_like(rng, levels):
    """Another rater's levels for the same child: near ``levels``, as raters are."""
    rated = {}
    for code in INDICATORS:
        level = levels.get(code)
        if level is None:
            level = rng.randint(0, 2)
        roll = rng.random()
        same, one = (0.45, 0.85) if code in HARDER else (0.7, 0.96)
        step = (0 if roll < same else 1 if roll < one else 2) * rng.choice((-1, 1))
        if not 0 <= level + step <= 4:
            step = -step  # a rater who differs differs within the scale, not at its edge
        rated[code] = min(4, max(0, level + step))
    return rated


def _moments(rng, count, now):
    """``count`` moments this quarter, before ``now``."""
    start, _end = period_bounds(period_of(now))
    seconds = max(1, int((now - start).total_seconds()) - 60)
    return sorted(now - timedelta(seconds=rng.randint(1, seconds)) for _ in range(count))


def set_up_moderation(council, raters, calibration_raters):
    """A round over the council's latest assessments, mostly rated; once per council."""
    if ModerationRound.objects.filter(council=council).exists():
        return 0
    rng = random.Random(f"vsend-moderation-{council.slug}")
    latest = list(
        Assessment.objects.filter(council=council)
        .order_by("-taken_at", "-pk")
        .values_list("pk", flat=True)[: ROUND_SIZE * 3]
    )
    chosen = sorted(rng.sample(latest, min(ROUND_SIZE, len(latest))))
    moderation_round = open_round(
        council,
        chosen,
        [user.username for user in raters],
        name="Autumn moderation",
        chosen_by=f"{len(chosen)} drawn at random from the council's latest assessments.",
    )
    firsts = {
        assessment_id: need
        for assessment_id, need in AssessmentVersion.objects.filter(
            assessment_id__in=chosen, source=VersionSource.PRACTITIONER
        )
        .order_by("assessment_id", "number")
        .values_list("assessment_id", "need")
    }
    now = timezone.now()
    ratings = list(moderation_round.second_ratings.order_by("pk"))
    to_rate = ratings[: max(0, len(ratings) - LEFT_OPEN)]
    for second_rating, moment in zip(to_rate, _moments(rng, len(to_rate), now), strict=True):
        record_second_rating(
            second_rating, rate_like(rng, firsts.get(second_rating.assessment_id, {})), at=moment
        )
    cases = calibration_cases()
    moments = iter(_moments(rng, len(cases) * len(calibration_raters), now))
    for rater in calibration_raters:
        for case in cases:
            record_calibration_rating(
                rater, council, case, rate_like(rng, case.need), at=next(moments)
            )
    return len(to_rate)
