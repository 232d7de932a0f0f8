"""Opening a moderation round: which assessments, and which second rater rates each.

A second rater is a practitioner of the assessment's council (an educational
psychologist is one too) who may not see the child: not the assessment's
author, not assigned to the child, not an officer (officers see every child)
and not the family. That is what makes the rating blind: while the
assignment is open nothing the rater can reach shows the child's
assessments, because they cannot reach the child's record at all. Should
they later be assigned to the child, their open assignment is withdrawn
(:mod:`.signal_handlers`).
"""

import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from vsend_plugin.assessments.models import Assessment
from vsend_plugin.core.models import Role
from vsend_plugin.core.permissions import can_view, roles_of

from .models import ModerationRound, SecondRating


@dataclass(frozen=True)
class RoundProblem:
    field: str
    message: str


class RoundError(ValueError):
    """Why a round cannot be opened: problems naming ``assessments.<i>`` or ``raters.<i>``."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in self.problems))


def is_rater_for(user, council):
    """A practitioner of ``council`` who is not one of its officers, and not a superuser."""
    roles = roles_of(user, council)
    return Role.PRACTITIONER in roles and Role.OFFICER not in roles and not user.is_superuser


def may_rate(user, assessment):
    """Could ``user`` rate ``assessment`` blind? (Not its author, and unable to see the child.)"""
    return (
        user.pk != assessment.created_by_id
        and is_rater_for(user, assessment.council)
        and not can_view(user, assessment.child)
    )


def raters_of(council):
    """Everyone who could be a second rater for ``council``, by username."""
    users = (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__vsend_council_role__council=council,
            groups__vsend_council_role__role=Role.PRACTITIONER,
        )
        .distinct()
        .order_by("username")
    )
    return [user for user in users if is_rater_for(user, council)]


def choose_assessments(
    council, *, setting=None, since=None, until=None, share=None, number=None, seed=None
):
    """Assessments of ``council`` to moderate: of one setting, taken in a date range, sampled.

    ``share`` (a percentage, 1 to 100) or ``number`` draws at random, with
    ``seed`` for a draw that can be repeated; neither takes them all.
    """
    assessments = Assessment.objects.filter(council=council)
    if setting is not None:
        assessments = assessments.filter(child__setting=setting)
    if since is not None:
        assessments = assessments.filter(taken_at__date__gte=since)
    if until is not None:
        assessments = assessments.filter(taken_at__date__lte=until)
    ids = list(assessments.order_by("pk").values_list("pk", flat=True))
    if share is not None:
        number = max(1, round(len(ids) * share / 100)) if ids else 0
    if number is not None and number < len(ids):
        ids = sorted(random.Random(seed).sample(ids, number))
    return ids


def _spread(assessments, raters):
    """``{assessment: rater}``, each to the eligible rater with the fewest so far; or problems."""
    given = {rater.pk: 0 for rater in raters}
    chosen, problems = {}, []
    for index, assessment in enumerate(assessments):
        eligible = [rater for rater in raters if may_rate(rater, assessment)]
        if not eligible:
            problems.append(
                RoundProblem(
                    f"assessments.{index}",
                    _(
                        "None of the raters can rate this assessment blind: each is its author, "
                        "can see the child's record, or is not a practitioner of the council."
                    ),
                )
            )
            continue
        rater = min(eligible, key=lambda user: (given[user.pk], user.username))
        given[rater.pk] += 1
        chosen[assessment] = rater
    return chosen, problems


def plan_round(council, assessment_ids, usernames):
    """``{assessment: rater}`` for a round of ``council``, or :class:`RoundError`.

    The error names each refused assessment or rater by its place in the lists.
    """
    problems = []
    if not assessment_ids:
        problems.append(RoundProblem("assessments", _("Choose at least one assessment.")))
    if not usernames:
        problems.append(RoundProblem("raters", _("Choose at least one second rater.")))
    found = Assessment.objects.select_related("child", "council").in_bulk(set(assessment_ids))
    assessments = []
    for index, pk in enumerate(assessment_ids):
        assessment = found.get(pk)
        if assessment is None or assessment.council_id != council.pk:
            problems.append(
                RoundProblem(
                    f"assessments.{index}", _("No assessment of this council has this id.")
                )
            )
        elif pk in {a.pk for a in assessments}:
            problems.append(
                RoundProblem(f"assessments.{index}", _("This assessment is listed twice."))
            )
        else:
            assessments.append(assessment)
    users = {u.username: u for u in get_user_model().objects.filter(username__in=usernames)}
    raters = []
    for index, username in enumerate(usernames):
        user = users.get(username)
        if user is None or not user.is_active or not is_rater_for(user, council):
            problems.append(
                RoundProblem(
                    f"raters.{index}",
                    _("This is not a practitioner of the council who can be a second rater."),
                )
            )
        elif user not in raters:
            raters.append(user)
    if not problems:
        chosen, problems = _spread(assessments, raters)
    if problems:
        raise RoundError(problems)
    return chosen


def write_round(council, chosen, *, name="", chosen_by="", created_by=None):
    """Store a round planned by :func:`plan_round`, with its open second ratings."""
    with transaction.atomic():
        moderation_round = ModerationRound.objects.create(
            council=council,
            name=name or _("Moderation round"),
            chosen_by=chosen_by,
            created_by=created_by,
        )
        SecondRating.objects.bulk_create(
            SecondRating(round=moderation_round, council=council, assessment=a, rater=rater)
            for a, rater in chosen.items()
        )
    return moderation_round


def open_round(council, assessment_ids, usernames, **details):
    """A new round of ``council`` over these assessments, spread over these raters.

    Nothing is stored when any assessment or rater is refused.
    """
    return write_round(council, plan_round(council, assessment_ids, usernames), **details)


def assignments_of(user, council=None):
    """The open second ratings given to ``user`` (on ``council``'s site only, when given)."""
    assignments = SecondRating.objects.open().filter(rater=user)
    if council is not None:
        assignments = assignments.filter(council=council)
    return assignments.select_related(
        "assessment__child__setting", "assessment__child__council", "round"
    ).order_by("assigned_at", "pk")
