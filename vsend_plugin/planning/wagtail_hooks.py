"""What support plans add to Wagtail and to vsend's hooks."""

from django.urls import reverse
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from vsend_plugin.assessments.access import can_assess
from vsend_plugin.core.models import Role
from vsend_plugin.core.permissions import CouncilPermissionPolicy

from .dashboard import support_sections
from .models import ProvisionService
from .plans import open_outcomes
from .sections import child_page_section, pdf_section
from .viewsets import ProvisionServiceViewSet

# The front end: the child's page, the review after an assessment, the PDF summary.


@hooks.register("vsend_child_page_sections", order=100)
def support_plan_on_the_childs_page(request, child, profile):
    """Before the local help: the plan, and support against the need since."""
    return child_page_section(request, child, profile)


@hooks.register("vsend_page_after_assessment")
def review_open_outcomes(request, version):
    """A new needs mapping is when the plan's open outcomes are reviewed."""
    child = version.assessment.child
    if can_assess(request.user, child) and open_outcomes(child).exists():
        url = reverse("vsend_plan_review", args=[child.pk])
        return f"{url}?assessment={version.assessment_id}"
    return None


@hooks.register("vsend_pdf_summary_sections")
def road_to_adulthood_in_the_pdf(version):
    return pdf_section(version)


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
