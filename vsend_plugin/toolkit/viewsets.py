"""Read-only admin listings of the toolkit's records, each limited to the officer's council.

Survey responses are left out on purpose: they are anonymous, and officers
read them only as the disclosure-controlled results on the survey page.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column

from vsend_plugin.core.admin_forms import CouncilOwnedAdminForm
from vsend_plugin.core.models import CouncilGroup
from vsend_plugin.core.viewsets import CouncilScopedViewSet

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


class RepresentativeForm(CouncilOwnedAdminForm):
    """Names a parent carer by the email address or user name of their account.

    Officers never pick from a list of accounts: that would show them every
    family's account on the install, other councils' included.
    """

    account = forms.CharField(
        label="Their account's email address or user name",
        help_text="The parent carer creates an account first (for example from a family "
        "invitation), then tells you the email address they used.",
    )

    class Meta:
        model = ParentCarerRepresentative
        fields = ["council"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["account"].initial = self.instance.user.get_username()

    def clean_account(self):
        account = self.cleaned_data["account"].strip()
        users = get_user_model().objects.filter(
            Q(username__iexact=account) | Q(email__iexact=account), is_active=True
        )
        if users.count() != 1:
            raise forms.ValidationError("No account has this email address or user name.")
        user = users.get()
        staff = (user.is_staff or user.is_superuser
                 or CouncilGroup.objects.filter(group__user=user).exists())
        if staff:
            raise forms.ValidationError(
                "This is a council staff account. Representatives are parent carers: council "
                "staff take part in the self-assessment already."
            )
        self.instance.user = user
        return account

    def clean(self):
        cleaned_data = super().clean()
        council, user = cleaned_data.get("council"), getattr(self.instance, "user", None)
        if council and user and ParentCarerRepresentative.objects.filter(
            council=council, user=user
        ).exclude(pk=self.instance.pk).exists():
            self.add_error("account", "This parent carer is a representative already.")
        return cleaned_data

    def save(self, commit=True):
        if not self.instance.pk and self.for_user:
            self.instance.named_by = self.for_user
        return super().save(commit)


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
