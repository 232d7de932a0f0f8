"""Read-only admin listings of the toolkit's records, each limited to the officer's council.

Survey responses are left out on purpose: they are anonymous, and officers
read them only as the disclosure-controlled results on the survey page.
"""

from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column

from vsend_plugin.core.viewsets import CouncilScopedViewSet

from .admin_forms import RepresentativeForm
from .models import CaseReview, ParentCarerRepresentative, SelfAssessmentResponse


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


class ParentCarerRepresentativeViewSet(CouncilScopedViewSet):
    model = ParentCarerRepresentative
    icon = "group"
    menu_label = "Forum representatives"
    add_to_admin_menu = True
    menu_order = 292
    list_display = [Column("user", label="Parent carer"), "council", "named_at"]
    ordering = ["council__name", "user__username"]
    base_form_class = RepresentativeForm
    panels = [FieldPanel("council"), FieldPanel("account")]
