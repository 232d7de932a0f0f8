"""Admin forms that only offer the user's own councils and their localities."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import Locality, Setting
from .permissions import councils_for, visible_to


class CouncilOwnedAdminForm(WagtailAdminModelForm):
    """Limits ``council`` (and ``locality``/``setting``) choices to what the user may use."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None:
            return
        if "council" in self.fields:
            councils = councils_for(user)
            self.fields["council"].queryset = councils
            if not self.instance.pk and councils.count() == 1:
                self.fields["council"].initial = councils.first().pk
        if "locality" in self.fields:
            self.fields["locality"].queryset = visible_to(user, Locality.objects.all())
        if "setting" in self.fields:
            self.fields["setting"].queryset = visible_to(user, Setting.objects.all())

    def clean(self):
        cleaned_data = super().clean()
        council = cleaned_data.get("council") or getattr(self.instance, "council", None)
        for field in ("locality", "setting"):
            value = cleaned_data.get(field)
            if council and value and value.council_id != council.pk:
                self.add_error(field, _("Choose one of %(council)s's own.") % {"council": council})
        return cleaned_data
