from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from vsend_plugin.core.models import Role
from vsend_plugin.core.permissions import CouncilPermissionPolicy

from .admin_views import AccessLogViewSet, ChildViewSet
from .models import AccessEvent, Child


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
