from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from vsend_plugin.core.models import Role
from vsend_plugin.core.permissions import CouncilPermissionPolicy

from .models import CaseReview, ParentCarerRepresentative, SelfAssessmentResponse
from .viewsets import (
    CaseReviewViewSet,
    ParentCarerRepresentativeViewSet,
    SelfAssessmentResponseViewSet,
)


@hooks.register("register_vsend_role_permissions")
def toolkit_permissions():
    """SEND officers read their council's self-assessments and case reviews (nobody edits
    them) and name the parent carer forum's representatives."""
    return {
        Role.OFFICER: [
            "vsend_toolkit.view_selfassessmentresponse",
            "vsend_toolkit.view_casereview",
            "vsend_toolkit.add_parentcarerrepresentative",
            "vsend_toolkit.change_parentcarerrepresentative",
            "vsend_toolkit.delete_parentcarerrepresentative",
            "vsend_toolkit.view_parentcarerrepresentative",
        ],
    }


register_permission_policy(SelfAssessmentResponse, CouncilPermissionPolicy(SelfAssessmentResponse))
register_permission_policy(CaseReview, CouncilPermissionPolicy(CaseReview))
register_snippet(SelfAssessmentResponseViewSet)
register_snippet(CaseReviewViewSet)
register_permission_policy(
    ParentCarerRepresentative, CouncilPermissionPolicy(ParentCarerRepresentative)
)
register_snippet(ParentCarerRepresentativeViewSet)
