"""What support plans add to Wagtail and to vsend's hooks."""

from wagtail import hooks  # noqa: F401 - used by the registrations below
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from vsend_plugin.core.models import Role
from vsend_plugin.core.permissions import CouncilPermissionPolicy

from .dashboard import support_sections
from .models import ProvisionService
from .viewsets import ProvisionServiceViewSet

# The front end: the child's page, the review after an assessment.


# The admin and the officers' dashboard: the provision catalogue, the evaluation.


@hooks.register("register_vsend_role_permissions")
def provision_catalogue_permissions():
    """Editors and SEND officers keep the council's provision catalogue."""
    names = [
        f"vsend_planning.{action}_provisionservice"
        for action in ("add", "change", "delete", "view")
    ]
    return {Role.EDITOR: names, Role.OFFICER: names}


@hooks.register("construct_vsend_dashboard_sections")
def support_dashboard_sections(request, sections):
    """The evaluation of support, intrusive support by age, and provision stepping down."""
    sections.extend(support_sections())


register_permission_policy(ProvisionService, CouncilPermissionPolicy(ProvisionService))
register_snippet(ProvisionServiceViewSet)
