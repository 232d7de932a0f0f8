"""System checks for the settings vsend relies on.

A project that forgets guardian's backend would silently refuse every
family's access to their own child; a minimum group size below five would
let small counts out of the benchmarking API. Both are caught at start-up.
"""

from django.conf import settings
from django.core.checks import Error, Tags, register

GUARDIAN_BACKEND = "guardian.backends.ObjectPermissionBackend"
MIN_GROUP_FLOOR = 5


@register(Tags.security)
def check_object_permission_backend(app_configs, **kwargs):
    if GUARDIAN_BACKEND not in settings.AUTHENTICATION_BACKENDS:
        return [
            Error(
                "vsend needs django-guardian's object permission backend.",
                hint=f"Add '{GUARDIAN_BACKEND}' to AUTHENTICATION_BACKENDS, after "
                "'django.contrib.auth.backends.ModelBackend'.",
                id="vsend.E001",
            )
        ]
    return []


@register(Tags.security)
def check_minimum_group_size(app_configs, **kwargs):
    min_group = getattr(settings, "VSEND_MIN_GROUP", 10)
    if not isinstance(min_group, int) or isinstance(min_group, bool) or min_group < MIN_GROUP_FLOOR:
        return [
            Error(
                f"VSEND_MIN_GROUP is {min_group!r}; it must be a whole number of at least "
                f"{MIN_GROUP_FLOOR}.",
                hint="Smaller groups could identify children in published aggregates.",
                id="vsend.E002",
            )
        ]
    return []
