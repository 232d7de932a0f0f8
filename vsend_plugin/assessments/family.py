"""Inviting a family by a signed, expiring link, and who counts as the child's family.

Only a parent carer (a user who is staff of no council, see
:func:`vsend_plugin.core.permissions.is_parent_carer`) may accept an
invitation: a practitioner or officer of any council who got hold of the link
must not be able to attach themselves to a child that way.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from guardian.shortcuts import assign_perm, get_objects_for_user

from vsend_plugin.core.permissions import is_parent_carer, roles_of

from .models import Child, FamilyInvitation

INVITATION_SALT = "vsend.family-invitation"
INVITATION_LIFETIME = timedelta(days=14)

NOT_VALID = "This invitation link is not valid. Check it was copied in full."
EXPIRED = "This invitation has expired. Ask the practitioner for a new one."
USED = "This invitation has already been used. Ask the practitioner for a new one."
STAFF = (
    "This invitation is for the child's parent carer. You are signed in with a council "
    "staff account, which cannot accept a family invitation. Sign out, then open the "
    "link again and sign in or create an account as a parent carer."
)


class InvitationError(Exception):
    """Why an invitation link cannot be used, in words for the parent carer."""


class StaffRefused(InvitationError):
    """A council's staff member tried to accept a family invitation."""


def invitation_token(invitation):
    return signing.TimestampSigner(salt=INVITATION_SALT).sign(str(invitation.pk))


def invite_family(child, practitioner):
    invitation = FamilyInvitation.objects.create(child=child, created_by=practitioner)
    return invitation, invitation_token(invitation)


def read_invitation(token, user=None, *, for_update=False):
    """The invitation a link stands for, if it can still be used (by ``user``, when given)."""
    try:
        pk = signing.TimestampSigner(salt=INVITATION_SALT).unsign(
            token, max_age=INVITATION_LIFETIME
        )
    except signing.SignatureExpired:
        raise InvitationError(EXPIRED) from None
    except signing.BadSignature:
        raise InvitationError(NOT_VALID) from None
    invitations = FamilyInvitation.objects.select_related("child__council")
    if for_update:
        invitations = invitations.select_for_update(of=("self",))
    invitation = invitations.filter(pk=pk).first()
    if invitation is None:
        raise InvitationError(NOT_VALID)
    if invitation.accepted_by_id and (user is None or invitation.accepted_by_id != user.pk):
        raise InvitationError(USED)
    if user is not None and user.is_authenticated and not is_parent_carer(user):
        raise StaffRefused(STAFF)
    return invitation


@transaction.atomic
def accept_invitation(token, user):
    """Give ``user`` (a parent carer) the child's record; the child. Raises InvitationError."""
    invitation = read_invitation(token, user, for_update=True)
    if not invitation.accepted_by_id:
        invitation.accepted_by, invitation.accepted_at = user, timezone.now()
        invitation.save(update_fields=["accepted_by", "accepted_at"])
        assign_perm("vsend_assessments.view_child", user, invitation.child)
    return invitation.child


def invitation_expires(invitation):
    return invitation.created_at + INVITATION_LIFETIME


def email_invitation(invitation, link, email, sender):
    """Send the link to the parent carer's email address, through Django's email backend."""
    child = invitation.child
    context = {
        "child": child,
        "council": child.council,
        "link": link,
        "expires": invitation_expires(invitation),
        "sender": sender.get_full_name() or sender.get_username(),
    }
    send_mail(
        subject=f"{child.council.name}: see {child.given_name}'s needs mapping and add your view",
        message=render_to_string("vsend/assessments/invitation_email.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[email],
    )


def children_of(user, council):
    """The children of ``council`` whose family ``user`` is (by an accepted invitation)."""
    if not is_parent_carer(user):
        return Child.objects.none()
    return get_objects_for_user(
        user,
        "vsend_assessments.view_child",
        klass=Child.objects.filter(council=council),
        accept_global_perms=False,
        with_superuser=False,
    ).order_by("given_name", "pk")


def is_family_of(user, child):
    """A parent carer with access to this child through an object permission, not a role.

    A superuser holds every permission without being anyone's family.
    """
    return (
        user.is_authenticated
        and not user.is_superuser
        and not roles_of(user, child.council)
        and is_parent_carer(user)
        and user.has_perm("vsend_assessments.view_child", child)
    )
