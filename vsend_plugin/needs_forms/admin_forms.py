"""Admin forms: the streamforms form editor and the council form record."""

from wagtail.admin.forms import WagtailAdminModelForm
from wagtailstreamforms.models import Form

from vsend_plugin.core.admin_forms import CouncilOwnedAdminForm, CouncilScopedFormMixin

from .access import forms_visible_to


class StreamFormAdminForm(CouncilScopedFormMixin, WagtailAdminModelForm):
    """The streamforms editor, refusing edits that would break a published vsend form.

    Its page choices (where to go after a submission) are the council's own pages.
    """

    def clean(self):
        cleaned_data = super().clean()
        council_form = getattr(self.instance, "vsend", None) if self.instance.pk else None
        if council_form is not None and council_form.is_published and "fields" in cleaned_data:
            for problem in council_form.problems(cleaned_data["fields"]):
                self.add_error("fields", problem)
        return cleaned_data


class CouncilFormAdminForm(CouncilOwnedAdminForm):
    """Offers only the forms of councils whose forms the user manages (editors, officers).

    That a chosen form is of the record's own council is the council wall's
    check, in :class:`~vsend_plugin.core.admin_forms.CouncilScopedFormMixin`.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None and "form" in self.fields:
            self.fields["form"].queryset = forms_visible_to(self.for_user, Form.objects.all())
