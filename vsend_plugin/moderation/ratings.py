"""Recording a blind second rating or a rating of a calibration case.

Both are the 18 indicator levels of scoring.md's ``need``, every one rated
(a moderation pair needs both sides), scored only to know the band they make.
Neither touches the assessment, its profile or any rollup.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vsend_plugin.benchmarking.periods import period_of
from vsend_plugin.scoring import INDICATORS, ScoringError, score

from .models import CalibrationRating, SecondRating


class AlreadyRated(Exception):
    """A second rating is given once; the assignment is closed."""


def missing_levels(need):
    """Errors for each indicator not rated (a second rating rates them all)."""
    return [
        {"field": f"need.{code}", "message": _("Rate every indicator: choose a level from 0 to 4.")}
        for code in INDICATORS
        if need.get(code) is None
    ]


def checked_need(need):
    """``(levels, profile)`` of ``need`` with every indicator rated 0 to 4.

    Otherwise a :class:`ScoringError` with every problem at once: the scoring
    module's (bad codes, bad levels) and each indicator left unrated.
    """
    if not isinstance(need, dict):
        raise ScoringError([{"field": "need", "message": _("Give the levels as an object.")}])
    errors, profile = [], None
    try:
        profile = score(need)
    except ScoringError as error:
        errors = list(error.errors)
    named = {error["field"] for error in errors}
    errors += [error for error in missing_levels(need) if error["field"] not in named]
    if errors:
        raise ScoringError(errors)
    return {code: need[code] for code in INDICATORS}, profile


def record_second_rating(second_rating, need, *, at=None):
    """Close ``second_rating`` with the rater's levels; :class:`AlreadyRated` if it was closed."""
    levels, profile = checked_need(need)
    at = at or timezone.now()
    with transaction.atomic():
        locked = SecondRating.objects.select_for_update().get(pk=second_rating.pk)
        if not locked.is_open:
            raise AlreadyRated
        locked.need, locked.band, locked.rated_at = levels, profile.band or "", at
        locked.period = period_of(at)
        locked.save(update_fields=["need", "band", "rated_at", "period"])
    return locked


def record_calibration_rating(rater, council, case, need, *, at=None):
    """A practitioner's rating of calibration ``case`` (a :class:`.calibration.CalibrationCase`)."""
    levels, profile = checked_need(need)
    at = at or timezone.now()
    return CalibrationRating.objects.create(
        council=council,
        rater=rater,
        case=case.slug,
        need=levels,
        band=profile.band or "",
        rated_at=at,
        period=period_of(at),
    )
