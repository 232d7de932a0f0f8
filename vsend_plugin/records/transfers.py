"""Moving a child to another council on the same install: start, withdraw, decline, accept.

The sending council's officer starts a transfer; the receiving council's
officer sees only that it waits (:func:`incoming`) and accepts it, placing
the child in one of their settings and localities, or declines it. On
acceptance, in one transaction, the child and their whole history (every
assessment and version, the support plan, the family's links and
invitations) become the receiving council's. The sending council keeps the
transfer's entry and its access log, with the child named by a one-way
pseudonym, and nothing else: its practitioners' links, drafts and second
ratings go, and plan items lose their link to its provision catalogue. The
benchmark rollups of both councils' affected quarters are recomputed.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from guardian.models import UserObjectPermission
from wagtail.log_actions import log

from vsend_plugin.assessments.models import (
    AccessEvent,
    Assessment,
    Child,
    NeedsMappingDraft,
)
from vsend_plugin.benchmarking.periods import period_of
from vsend_plugin.benchmarking.rollups import update_rollup
from vsend_plugin.core.models import Council
from vsend_plugin.core.permissions import is_parent_carer
from vsend_plugin.moderation.models import SecondRating
from vsend_plugin.planning.models import Outcome, SupportItem, SupportPlan

from .erasure import pseudonym_of
from .models import ChildTransfer, TransferStatus


def incoming(councils):
    """Transfers waiting for ``councils`` to accept or decline."""
    return ChildTransfer.objects.filter(
        to_council__in=councils, status=TransferStatus.PENDING
    ).select_related("council", "started_by")


def outgoing(councils):
    """Every transfer ``councils`` started, newest first."""
    return ChildTransfer.objects.filter(council__in=councils).select_related(
        "to_council", "child", "decided_by"
    )


def _event(council_id, user, action, *, child=None, pseudonym=""):
    return AccessEvent.objects.create(
        council_id=council_id,
        user=user,
        username=user.get_username() if user else "",
        action=action,
        child=child,
        child_pseudonym=pseudonym,
    )


def start_transfer(child, to_council, *, by, note=""):
    """Offer ``child`` to ``to_council``; one waiting transfer a child."""
    if to_council.pk == child.council_id:
        raise ValidationError({"to_council": ["Choose another council than the child's own."]})
    with transaction.atomic():
        Child.objects.select_for_update().filter(pk=child.pk).first()
        if ChildTransfer.objects.filter(child=child, status=TransferStatus.PENDING).exists():
            raise ValidationError(
                {"child": [f"Child {child.case_reference} already has a transfer waiting."]}
            )
        transfer = ChildTransfer.objects.create(
            council_id=child.council_id,
            child=child,
            case_reference=child.case_reference,
            to_council=to_council,
            note=note,
            started_by=by,
        )
        _event(child.council_id, by, AccessEvent.Action.TRANSFER_STARTED, child=child)
        log(transfer, "wagtail.create", user=by)
    return transfer


def _decide(transfer, status, by, reason=""):
    if not transfer.is_pending:
        raise ValidationError(
            {"status": [f"This transfer is already {transfer.get_status_display().lower()}."]}
        )
    transfer.status = status
    transfer.decided_by = by
    transfer.decided_at = timezone.now()
    transfer.reason = reason
    transfer.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    log(transfer, "wagtail.edit", user=by)
    return transfer


def withdraw_transfer(transfer, *, by):
    """The sending council takes back a transfer that still waits."""
    with transaction.atomic():
        return _decide(_locked(transfer), TransferStatus.WITHDRAWN, by)


def decline_transfer(transfer, *, by, reason):
    """The receiving council says no; the child stays where they are."""
    if not reason.strip():
        raise ValidationError({"reason": ["Say why, for the sending council."]})
    with transaction.atomic():
        return _decide(_locked(transfer), TransferStatus.DECLINED, by, reason.strip())


def _locked(transfer):
    return ChildTransfer.objects.select_for_update().get(pk=transfer.pk)


def placement_errors(council, setting, locality, case_reference):
    """Field errors of a placement in ``council``: its setting, locality and a free reference."""
    errors = {}
    if setting is None or setting.council_id != council.pk:
        errors["setting"] = [f"Choose a setting of {council}."]
    if locality is None or locality.council_id != council.pk:
        errors["locality"] = [f"Choose a locality of {council}."]
    case_reference = (case_reference or "").strip()
    if not case_reference:
        errors["case_reference"] = ["Give the child a case reference."]
    elif Child.objects.filter(council=council, case_reference=case_reference).exists():
        errors["case_reference"] = [
            f"{council} already has a child with case reference {case_reference}: give another."
        ]
    return errors


def _staff_links(child):
    """Object permissions on the child held by anyone but the family: the sender's staff."""
    permissions = UserObjectPermission.objects.filter(
        content_type=ContentType.objects.get_for_model(Child), object_pk=str(child.pk)
    ).select_related("user")
    return [p.pk for p in permissions if not is_parent_carer(p.user)]


def accept_transfer(transfer, *, by, setting, locality, case_reference):
    """Place the child in the receiving council; their whole history goes with them.

    Returns the child, now of the receiving council. Raises ValidationError
    with field errors for a placement outside it or a case reference it has.
    """
    with transaction.atomic():
        transfer = _locked(transfer)
        if not transfer.is_pending:
            raise ValidationError(
                {"status": [f"This transfer is already {transfer.get_status_display().lower()}."]}
            )
        receiving = Council.objects.get(pk=transfer.to_council_id)
        errors = placement_errors(receiving, setting, locality, case_reference)
        if errors:
            raise ValidationError(errors)
        child = Child.objects.select_for_update().get(pk=transfer.child_id)
        sending_id, receiving_id = child.council_id, receiving.pk
        periods = {period_of(t) for t in child.assessments.values_list("taken_at", flat=True)}
        pseudonym = pseudonym_of(child)

        # What stays with the sender: its log, under a pseudonym; nothing of the record.
        AccessEvent.objects.filter(child=child).update(
            child=None, assessment=None, child_pseudonym=pseudonym, path=""
        )
        NeedsMappingDraft.objects.filter(child=child).delete()
        SecondRating.objects.filter(assessment__child=child).delete()
        UserObjectPermission.objects.filter(pk__in=_staff_links(child)).delete()
        child.practitioners.clear()

        # What moves: written with update(), which the model wall's save() would refuse
        # half way; the database's composite keys check the whole at commit.
        Child.objects.filter(pk=child.pk).update(
            council=receiving,
            setting=setting,
            locality=locality,
            case_reference=case_reference.strip(),
        )
        Assessment.objects.filter(child=child).update(council=receiving)
        plans = SupportPlan.objects.filter(child=child)
        plans.update(council=receiving)
        SupportItem.objects.filter(plan__in=plans).update(council=receiving, catalogue_entry=None)
        Outcome.objects.filter(plan__in=plans).update(council=receiving)

        transfer.child = None
        transfer.save(update_fields=["child"])
        _decide(transfer, TransferStatus.ACCEPTED, by)
        child.refresh_from_db()
        _event(sending_id, by, AccessEvent.Action.TRANSFERRED_OUT, pseudonym=pseudonym)
        _event(receiving_id, by, AccessEvent.Action.TRANSFERRED_IN, child=child)
        log(child, "wagtail.edit", user=by)
        for council_id in (sending_id, receiving_id):
            for period in sorted(periods):
                transaction.on_commit(
                    lambda council_id=council_id, period=period: update_rollup(council_id, period)
                )
    return child


__all__ = [
    "accept_transfer",
    "decline_transfer",
    "incoming",
    "outgoing",
    "placement_errors",
    "start_transfer",
    "withdraw_transfer",
]
