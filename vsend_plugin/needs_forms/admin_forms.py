"""Admin forms: the streamforms form editor and the council form record."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtailstreamforms.models import Form

from vsend_plugin.core.forms import CouncilOwnedAdminForm

from .access import forms_visible_to


class StreamFormAdminForm(WagtailAdminModelForm):
    """The streamforms editor, refusing edits that would break a published vsend form."""

    def clean(self):
        cleaned_data = super().clean()
        council_form = getattr(self.instance, "vsend", None) if self.instance.pk else None
        if council_form is not None and council_form.is_published and "fields" in cleaned_data:
            for problem in council_form.problems(cleaned_data["fields"]):
                self.add_error("fields", problem)
        return cleaned_data


class CouncilFormAdminForm(CouncilOwnedAdminForm):
    """Offers only the user's own councils' forms."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None and "form" in self.fields:
            self.fields["form"].queryset = forms_visible_to(self.for_user, Form.objects.all())

    def clean(self):
        cleaned_data = super().clean()
        form, council = cleaned_data.get("form"), cleaned_data.get("council")
        if form and council and form.site_id not in (None, council.site_id):
            self.add_error("form", _("Choose one of %(council)s's own forms.") % {"council": council})
        return cleaned_data
