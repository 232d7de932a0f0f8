"""Who may use the toolkit's members-only parts, asked of the core permission rules.

The partnership that records the co-production self-assessment is the
council's staff and the parent carer forum's representatives, whom a SEND
officer names (:func:`~.models.is_partnership_member`, beside the model of
them, so this module needs no model of its own app).

The council is the one whose site answers the request, so a member of one
council never records for, or reads the results of, another.
"""

from django.core.exceptions import PermissionDenied

from vsend_plugin.core.models import Role
from vsend_plugin.core.permissions import roles_of
from vsend_plugin.core.sign_in import redirect_to_sign_in
from vsend_plugin.core.sites import council_for_request


def is_member(request):
    """Does the signed-in user hold any role in the request's council?"""
    return bool(roles_of(request.user, council_for_request(request)))


def is_officer(request):
    """Is the signed-in user a SEND officer of the request's council?"""
    return Role.OFFICER in roles_of(request.user, council_for_request(request))


def refuse_unless(request, allowed):
    """The answer to someone a members' or officers' page is not for; ``None`` when allowed.

    Someone not signed in is sent to sign in, and comes back; someone signed
    in without the right is told so (403). A 404 would tell neither what to do.
    """
    if allowed:
        return None
    if not request.user.is_authenticated:
        return redirect_to_sign_in(request)
    raise PermissionDenied
