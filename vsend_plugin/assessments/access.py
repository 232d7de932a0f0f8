"""Who may do what with a child's record, on top of :mod:`vsend_plugin.core.permissions`."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from vsend_plugin.core.models import Role
from vsend_plugin.core.permissions import can_view, roles_of

from .models import Child


def can_assess(user, child):
    """Only a practitioner assigned to the child records a needs mapping of them."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    return (
        Role.PRACTITIONER in roles_of(user, child.council)
        and child.practitioners.filter(pk=user.pk).exists()
    )


def child_for(request, pk, council=None):
    """The child, if this user may see them (on this council's site); else 404."""
    queryset = Child.objects.select_related("council", "setting", "locality")
    if council is not None:
        queryset = queryset.filter(council=council)
    child = get_object_or_404(queryset, pk=pk)
    if not can_view(request.user, child):
        raise Http404
    return child
