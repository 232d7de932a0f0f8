"""What moderation adds to Wagtail and to vsend's hooks."""

from django.urls import reverse
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from vsend_plugin.core.models import Role
from vsend_plugin.core.navigation import NavigationLink
from vsend_plugin.core.permissions import CouncilPermissionPolicy, roles_of
from vsend_plugin.core.sites import council_for_request

from .dashboard import moderation_sections
from .models import ModerationRound
from .rounds import assignments_of
from .viewsets import ModerationRoundViewSet


@hooks.register("register_vsend_navigation_links")
def moderation_link(request):
    """Practitioners' moderation page; where a second rater with nobody of their own lands."""
    council = council_for_request(request)
    if council is None or Role.PRACTITIONER not in roles_of(request.user, council):
        return []
    lands_here = (
        not request.user.vsend_children.filter(council=council).exists()
        and assignments_of(request.user, council).exists()
    )
    return [
        NavigationLink(
            "Moderation",
            reverse("vsend_moderation"),
            destination=lands_here,
            order=9 if lands_here else 11,
        )
    ]


@hooks.register("register_vsend_role_permissions")
def moderation_round_permissions():
    """SEND officers open and follow their council's moderation rounds."""
    names = [
        f"vsend_moderation.{action}_moderationround"
        for action in ("add", "change", "delete", "view")
    ]
    return {Role.OFFICER: names}


@hooks.register("construct_vsend_dashboard_sections")
def agreement_dashboard_sections(request, sections):
    sections.extend(moderation_sections())


register_permission_policy(ModerationRound, CouncilPermissionPolicy(ModerationRound))
register_snippet(ModerationRoundViewSet)
