"""A council's published form as a Django form: whole, or one step of it.

Its answers become ratings in :mod:`.answers`.
"""

from django import forms
from django.core.exceptions import ValidationError
from wagtailstreamforms.forms import FormBuilder

from .models import CouncilForm, FormKind, FormStatus
from .wagtailstreamforms_fields import lower_first

STREAMFORMS_HIDDEN = ("form_id", "form_reference")


def published_form(council, kind=FormKind.NEEDS_MAPPING):
    return (
        CouncilForm.objects.select_related("form")
        .filter(council=council, kind=kind, status=FormStatus.PUBLISHED)
        .order_by("-published_at", "-pk")
        .first()
    )


FORM_CHANGED = (
    "The form has changed since this page was opened. Check the questions and submit again."
)


class CouncilFormVersionMixin(forms.Form):
    """Carries the form version the page was made with; a changed form is refused."""

    form_version = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={"required": FORM_CHANGED, "invalid": FORM_CHANGED},
    )

    def __init__(self, *args, council_form, **kwargs):
        self.council_form = council_form
        super().__init__(*args, **kwargs)
        self.fields["form_version"].initial = council_form.version

    def clean_form_version(self):
        version = self.cleaned_data["form_version"]
        if version != self.council_form.version:
            raise ValidationError(FORM_CHANGED)
        return version


def form_class_for(council_form):
    fields = dict(FormBuilder(council_form.form.get_form_fields()).formfields)
    for name in STREAMFORMS_HIDDEN:
        fields.pop(name, None)
    for field in fields.values():
        name_the_question(field)
    return type("NeedsMappingForm", (CouncilFormVersionMixin,), fields)


def name_the_question(field):
    """A council's own question left unanswered says which, not "This field is required."

    vsend's field types word their messages themselves; wagtailstreamforms'
    own fields (a council's local questions) keep Django's default, which is
    replaced here with the GOV.UK wording: "Select ..." for a choice, "Enter ..."
    for anything typed.
    """
    if field.error_messages.get("required") != forms.Field.default_error_messages["required"]:
        return
    label = lower_first(str(field.label or "an answer"))
    choosing = isinstance(field.widget, (forms.RadioSelect, forms.Select, forms.CheckboxInput))
    field.error_messages["required"] = f"{'Select' if choosing else 'Enter'} {label}"


def step_form_class(council_form, step):
    """A form of one step's questions only, fields made as for the whole form."""
    whole = form_class_for(council_form)
    fields = {name: field for name, field in whole.base_fields.items() if name in step.field_names}
    return type("NeedsMappingStepForm", (forms.Form,), fields)
