"""The child's admin form: practitioners chosen from the user's own councils only."""

from django.contrib.auth import get_user_model

from vsend_plugin.core.admin_forms import CouncilOwnedAdminForm
from vsend_plugin.core.models import CouncilGroup, Role
from vsend_plugin.core.permissions import councils_for


class ChildAdminForm(CouncilOwnedAdminForm):
    """Practitioners can only be chosen from the user's councils' practitioners."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None:
            groups = CouncilGroup.objects.filter(
                role=Role.PRACTITIONER, council__in=councils_for(self.for_user)
            ).values("group")
            self.fields["practitioners"].queryset = (
                get_user_model().objects.filter(groups__in=groups).distinct().order_by("username")
            )

    def clean(self):
        cleaned_data = super().clean()
        council = cleaned_data.get("council")
        practitioners = cleaned_data.get("practitioners") or []
        if council is not None:
            group = council.group_for(Role.PRACTITIONER)
            for user in practitioners:
                if not user.groups.filter(pk=group.pk).exists():
                    self.add_error(
                        "practitioners", f"{user} is not one of {council}'s practitioners."
                    )
        return cleaned_data
