from django.urls import reverse
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from vsend_plugin.core.models import Role
from vsend_plugin.core.navigation import NavigationLink
from vsend_plugin.core.permissions import CouncilPermissionPolicy, roles_of
from vsend_plugin.core.sites import council_for_request

from .family import children_of
from .models import AccessEvent, Child
from .viewsets import AccessLogViewSet, ChildViewSet


@hooks.register("register_vsend_role_permissions")
def assessment_permissions():
    """SEND officers manage children and read their council's access log."""
    return {
        Role.OFFICER: [
            "vsend_assessments.add_child",
            "vsend_assessments.change_child",
            "vsend_assessments.view_child",
            "vsend_assessments.view_accessevent",
        ],
    }


register_permission_policy(Child, CouncilPermissionPolicy(Child))
register_permission_policy(AccessEvent, CouncilPermissionPolicy(AccessEvent))
register_snippet(ChildViewSet)
register_snippet(AccessLogViewSet)


@hooks.register("register_vsend_navigation_links")
def children_links(request):
    """Practitioners' children, or a parent carer's own child (or children) on this site."""
    council = council_for_request(request)
    if council is None:
        return []
    if Role.PRACTITIONER in roles_of(request.user, council):
        return [NavigationLink("Your children", reverse("vsend_children"), destination=True)]
    children = list(children_of(request.user, council)[:2])
    if len(children) == 1:
        url = reverse("vsend_child", args=[children[0].pk])
        return [
            NavigationLink(
                "Your child", url, destination=True, active_prefix=reverse("vsend_children")
            )
        ]
    if children:
        return [NavigationLink("Your children", reverse("vsend_children"), destination=True)]
    return []
