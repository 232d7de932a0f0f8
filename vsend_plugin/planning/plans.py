"""Reading and changing a child's support plan, every change a new version.

There is one way to change a plan, :func:`save_plan` (and the two narrower
changes built on it, an outcome's review and the family's aspirations), so
that the API, the practitioner's pages and the review after an assessment
all keep the same history: the plan's rows are brought to the new state and
the whole plan, as the API carries it, is written as a new version in the
same transaction.
"""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from vsend_plugin.assessments.history import latest_version
from vsend_plugin.assessments.recording import discard_pdf

from . import scheme
from .models import Outcome, SupportItem, SupportPlan, SupportPlanVersion, VersionSource

ITEM_FIELDS = (
    "support_type",
    "area",
    "name",
    "hours_per_week",
    "provider",
    "starts",
    "ends",
    "planned_until_age",
    "catalogue_entry",
)
OUTCOME_FIELDS = ("area", "text", "horizon", "adulthood", "status")


def plan_of(child):
    """The child's plan, or ``None`` when nobody has written one yet."""
    return SupportPlan.objects.filter(child=child).first()


def _hours(value):
    if value is None:
        return None
    value = Decimal(value).normalize()
    return int(value) if value == value.to_integral_value() else float(value)


def support_document(item) -> dict:
    return {
        "id": item.pk,
        "type": item.support_type,
        "area": item.area,
        "name": item.name,
        "hours_per_week": _hours(item.hours_per_week),
        "provider": item.provider,
        "starts": item.starts.isoformat(),
        "ends": item.ends.isoformat() if item.ends else None,
        "planned_until_age": item.planned_until_age,
        "intrusive": item.intrusive,
    }


def outcome_document(outcome) -> dict:
    return {
        "id": outcome.pk,
        "area": outcome.area,
        "text": outcome.text,
        "horizon": outcome.horizon,
        "adulthood": outcome.adulthood or None,
        "status": outcome.status,
        "reviewed_at": outcome.reviewed_at.isoformat().replace("+00:00", "Z")
        if outcome.reviewed_at
        else None,
    }


def document(plan) -> dict:
    """The plan as ``vsend-support/1`` carries it (an empty plan for ``None``)."""
    if plan is None:
        return {
            "version": 0,
            "updated_at": None,
            "support": [],
            "outcomes": [],
            "trajectory": scheme.empty_trajectory(),
            "family_aspirations": "",
        }
    return plan_document(
        version=plan.version,
        updated_at=plan.updated_at,
        support=plan.support.order_by("pk"),
        outcomes=plan.outcomes.order_by("pk"),
        trajectory=plan.trajectory,
        family_aspirations=plan.family_aspirations,
    )


def plan_document(*, version, updated_at, support, outcomes, trajectory, family_aspirations):
    """The document of a plan from its parts: rows (saved, with their ids) and the trajectory.

    :func:`document` reads a plan's parts from the database; code writing
    plans in bulk (synthetic data) gives its own, and gets the same shape.
    """
    full_trajectory = scheme.empty_trajectory()
    for area, points in (trajectory or {}).items():
        if area in full_trajectory:
            full_trajectory[area].update(
                {point: points.get(point) for point in scheme.TRAJECTORY_POINTS}
            )
    return {
        "version": version,
        "updated_at": updated_at.isoformat().replace("+00:00", "Z"),
        "support": [support_document(item) for item in support],
        "outcomes": [outcome_document(outcome) for outcome in outcomes],
        "trajectory": full_trajectory,
        "family_aspirations": family_aspirations,
    }


def refresh_summary(child):
    """The latest needs mapping's PDF shows the plan: after a change it is made afresh."""
    version = latest_version(child)
    if version is not None:
        discard_pdf(version)


def _new_version(plan, *, author, source, at):
    plan.version += 1
    plan.updated_at = at
    plan.save(update_fields=["version", "updated_at", "trajectory", "family_aspirations"])
    SupportPlanVersion.objects.create(
        plan=plan,
        number=plan.version,
        source=source,
        author=author,
        created_at=at,
        document=document(plan),
    )
    refresh_summary(plan.child)
    return plan


def _reviewed_at(old_status, new_status, old_reviewed_at, at):
    if new_status == scheme.OPEN:
        return None
    if old_status != new_status:
        return at
    return old_reviewed_at


@transaction.atomic
def save_plan(child, data, *, author, source=VersionSource.PRACTITIONER, at=None):
    """Replace the child's plan with ``data`` (validated), as a new version.

    ``data`` holds ``support`` and ``outcomes`` (lists of dicts with the
    model's field names; an ``id`` keeps an existing row) and ``trajectory``.
    Rows not sent back are removed. Ids must already have been checked to
    belong to this plan (:class:`.serializers.PlanSerializer` does). ``at``
    is when it was written: now, unless a past plan is being loaded.
    """
    plan, _ = SupportPlan.objects.select_for_update().get_or_create(
        child=child, defaults={"council_id": child.council_id}
    )
    at = at or timezone.now()
    _replace_rows(plan, plan.support, SupportItem, data["support"], ITEM_FIELDS)
    old_outcomes = {outcome.pk: outcome for outcome in plan.outcomes.all()}
    kept = set()
    for values in data["outcomes"]:
        values = dict(values)
        pk = values.pop("id", None)
        outcome = old_outcomes.get(pk) or Outcome(plan=plan, council_id=plan.council_id)
        old_status, old_reviewed_at = outcome.status, outcome.reviewed_at
        for name in OUTCOME_FIELDS:
            if name in values:
                setattr(outcome, name, values[name])
        outcome.status = outcome.status or scheme.OPEN
        outcome.reviewed_at = _reviewed_at(
            old_status if outcome.pk else scheme.OPEN, outcome.status, old_reviewed_at, at
        )
        outcome.save()
        kept.add(outcome.pk)
    plan.outcomes.exclude(pk__in=kept).delete()
    plan.trajectory = data["trajectory"]
    return _new_version(plan, author=author, source=source, at=at)


def _replace_rows(plan, related, model, rows, fields):
    old = {row.pk: row for row in related.all()}
    kept = set()
    for values in rows:
        values = dict(values)
        row = old.get(values.pop("id", None)) or model(plan=plan, council_id=plan.council_id)
        for name in fields:
            if name in values:
                setattr(row, name, values[name])
        row.save()
        kept.add(row.pk)
    related.exclude(pk__in=kept).delete()


@transaction.atomic
def review_outcome(outcome, status, *, author, note="", assessment=None, at=None):
    """Set an outcome's status (its review), as a new version of the plan.

    ``at`` is when the review happened: now, unless a past plan is being loaded.
    """
    plan = SupportPlan.objects.select_for_update().get(pk=outcome.plan_id)
    outcome = Outcome.objects.get(pk=outcome.pk)
    at = at or timezone.now()
    outcome.reviewed_at = _reviewed_at(outcome.status, status, outcome.reviewed_at, at)
    outcome.status = status
    if note:
        outcome.review_note = note
    if assessment is not None:
        outcome.reviewed_with = assessment
    outcome.save()
    _new_version(plan, author=author, source=VersionSource.REVIEW, at=at)
    return outcome


@transaction.atomic
def add_family_aspirations(child, text, *, author):
    """The family's hopes, in their words, added to the plan (a plan is started if none is)."""
    plan, _ = SupportPlan.objects.select_for_update().get_or_create(
        child=child, defaults={"council_id": child.council_id}
    )
    plan.family_aspirations = text
    return _new_version(plan, author=author, source=VersionSource.FAMILY, at=timezone.now())


def open_outcomes(child):
    return Outcome.objects.filter(plan__child=child, status=scheme.OPEN).order_by("area", "pk")
