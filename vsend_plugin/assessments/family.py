"""Inviting a family by a signed, expiring link, and who counts as the child's family."""

from datetime import timedelta

from django.core import signing
from django.db import transaction
from django.utils import timezone
from guardian.shortcuts import assign_perm

from vsend_plugin.core.permissions import roles_of

from .models import FamilyInvitation

INVITATION_SALT = "vsend.family-invitation"
INVITATION_LIFETIME = timedelta(days=14)


class InvitationError(Exception):
    """Why an invitation link cannot be used, in words for the parent carer."""


def invitation_token(invitation):
    return signing.TimestampSigner(salt=INVITATION_SALT).sign(str(invitation.pk))


def invite_family(child, practitioner):
    invitation = FamilyInvitation.objects.create(child=child, created_by=practitioner)
    return invitation, invitation_token(invitation)


@transaction.atomic
def accept_invitation(token, user):
    try:
        pk = signing.TimestampSigner(salt=INVITATION_SALT).unsign(
            token, max_age=INVITATION_LIFETIME
        )
    except signing.SignatureExpired:
        raise InvitationError(
            "This invitation has expired. Ask the practitioner for a new one."
        ) from None
    except signing.BadSignature:
        raise InvitationError("This invitation link is not valid. Check it was copied in full.") from None
    invitation = FamilyInvitation.objects.select_for_update().select_related("child").filter(pk=pk).first()
    if invitation is None:
        raise InvitationError("This invitation link is not valid. Check it was copied in full.")
    if invitation.accepted_by_id and invitation.accepted_by_id != user.pk:
        raise InvitationError("This invitation has already been used. Ask the practitioner for a new one.")
    if roles_of(user, invitation.child.council):
        raise InvitationError("Sign in with your own family account to use this invitation, not a staff account.")
    if not invitation.accepted_by_id:
        invitation.accepted_by, invitation.accepted_at = user, timezone.now()
        invitation.save(update_fields=["accepted_by", "accepted_at"])
        assign_perm("vsend_assessments.view_child", user, invitation.child)
    return invitation.child


def is_family_of(user, child):
    """A signed-in user with access to this child through an object permission, not a role.

    A superuser holds every permission without being anyone's family.
    """
    return (
        user.is_authenticated
        and not user.is_superuser
        and not roles_of(user, child.council)
        and user.has_perm("vsend_assessments.view_child", child)
    )
