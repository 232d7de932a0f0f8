"""Which streamforms forms a user may manage: those of their own councils' sites."""

from django.http import Http404

from vsend_plugin.core.models import Role
from vsend_plugin.core.permissions import councils_for

#: Roles that manage forms and read their submissions in the admin.
FORM_MANAGER_ROLES = (Role.EDITOR, Role.OFFICER)


def forms_visible_to(user, queryset):
    if user.is_superuser:
        return queryset
    councils = councils_for(user, FORM_MANAGER_ROLES)
    return queryset.filter(site__council__in=councils)


def check_form_access(user, form):
    """Raise 404 unless the user manages the council whose form this is."""
    if user.is_superuser:
        return
    if (
        form.site_id is None
        or not councils_for(user, FORM_MANAGER_ROLES).filter(site_id=form.site_id).exists()
    ):
        raise Http404
