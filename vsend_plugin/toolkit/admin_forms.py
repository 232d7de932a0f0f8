"""Naming a parent carer forum representative, by their account, in the admin."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from vsend_plugin.core.admin_forms import CouncilOwnedAdminForm
from vsend_plugin.core.models import CouncilGroup

from .models import ParentCarerRepresentative


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
        staff = (
            user.is_staff
            or user.is_superuser
            or CouncilGroup.objects.filter(group__user=user).exists()
        )
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
        if (
            council
            and user
            and ParentCarerRepresentative.objects.filter(council=council, user=user)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            self.add_error("account", "This parent carer is a representative already.")
        return cleaned_data

    def save(self, commit=True):
        if not self.instance.pk and self.for_user:
            self.instance.named_by = self.for_user
        return super().save(commit)
