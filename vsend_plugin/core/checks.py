"""System checks for the settings vsend relies on.

A project that forgets guardian's backend would silently refuse every
family's access to their own child; a minimum group size below five would
let small counts out of the benchmarking API. Both are caught at start-up,
with any other ``VSEND_`` setting of the wrong type, and a ``VSEND_`` name
vsend does not know (a misspelt setting would otherwise be ignored).
"""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from vsend_plugin.conf import vsend_settings

GUARDIAN_BACKEND = "guardian.backends.ObjectPermissionBackend"


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
    problem = vsend_settings.problem("MIN_GROUP")
    if problem:
        return [
            Error(
                problem,
                hint="Smaller groups could identify children in published aggregates.",
                id="vsend.E002",
            )
        ]
    return []


@register()
def check_setting_values(app_configs, **kwargs):
    return [
        Error(problem, hint="See vsend's settings reference.", id="vsend.E004")
        for name, problem in vsend_settings.problems()
        if name != "VSEND_MIN_GROUP"  # vsend.E002
    ]


@register()
def check_setting_names(app_configs, **kwargs):
    return [
        Warning(
            f"{name} is not one of vsend's settings, so vsend ignores it.",
            hint="Check its spelling against vsend's settings reference. The VSEND_ prefix is "
            "vsend's: name the project's own settings without it.",
            id="vsend.W002",
        )
        for name in vsend_settings.unknown_names()
    ]
