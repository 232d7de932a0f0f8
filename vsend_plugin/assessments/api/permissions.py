"""Who may record a needs mapping; who may see a child is :mod:`vsend_plugin.core.permissions`."""

from collections.abc import Mapping

from rest_framework import permissions

from ..access import can_assess
from .queries import visible_children

NOT_ASSIGNED = "Only a practitioner assigned to this child can record a needs mapping of them."


class AssessesTheChild(permissions.BasePermission):
    """Only a practitioner assigned to the child in the body may record a needs mapping.

    Checked before the body is validated, so that someone who may see the
    child but not assess them (an officer, a family) is told so with a 403
    rather than handed rating problems to fix first. A child the caller may
    not see is left to :class:`.fields.ChildField`, which answers as for no child.
    """

    message = {"child": [NOT_ASSIGNED]}

    def has_permission(self, request, view):
        data = request.data
        pk = data.get("child") if isinstance(data, Mapping) else None
        if type(pk) is not int:
            return True
        child = visible_children(request.user).filter(pk=pk).first()
        return child is None or can_assess(request.user, child)
