"""Read-only admin listings of the toolkit's records, each limited to the officer's council.

Survey responses are left out on purpose: they are anonymous, and officers
read them only as the disclosure-controlled results on the survey page.
"""

from wagtail.admin.ui.tables import Column

from vsend_plugin.core.views import CouncilScopedViewSet

from .models import CaseReview, SelfAssessmentResponse


class SelfAssessmentResponseViewSet(CouncilScopedViewSet):
    model = SelfAssessmentResponse
    icon = "tick-inverse"
    menu_label = "Self-assessments"
    add_to_admin_menu = True
    menu_order = 290
    list_display = [
        Column("page", label="Page"),
        "created_at",
        Column("created_by", label="Recorded by"),
    ]
    ordering = ["-created_at"]
    panels = []


class CaseReviewViewSet(CouncilScopedViewSet):
    model = CaseReview
    icon = "clipboard-list"
    menu_label = "Case reviews"
    add_to_admin_menu = True
    menu_order = 291
    list_display = ["case_reference", "earlier_help", "help_kind_label", "agency", "created_at"]
    list_filter = ["earlier_help", "agency"]
    search_fields = ["case_reference"]
    ordering = ["-created_at"]
    panels = []
