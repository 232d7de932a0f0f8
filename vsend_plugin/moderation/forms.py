"""The council's own need questions, alone: what a second rater and a calibration rater answer.

The questions are the council's published needs-mapping form's, worded and
described as the council wrote them, so that a second rating is given with
the same form as the first. Only the 18 need ratings are asked, each one
required; no provision, family confidence or free text.
"""

from django import forms

from vsend_plugin.needs_forms.binding import NEED, bindings
from vsend_plugin.needs_forms.forms import form_class_for
from vsend_plugin.needs_forms.steps import steps_for


class NeedQuestions:
    """The need questions of ``council_form``: a form class, and its fields by area."""

    def __init__(self, council_form):
        self.council_form = council_form
        fields = council_form.form.fields
        self.codes = {b.field_name: b.code for b in bindings(fields) if b.field_type == NEED}
        whole = form_class_for(council_form)
        chosen = {}
        for name, field in whole.base_fields.items():
            if name in self.codes:
                field.required = True
                chosen[name] = field
        self.form_class = type("NeedQuestionsForm", (forms.Form,), chosen)
        self.areas = [
            (step.title, [name for name in step.field_names if name in self.codes])
            for step in steps_for(fields)
            if step.area
        ]

    def form(self, data=None):
        return self.form_class(data)

    def sections(self, form):
        """``[(area name, [bound fields])]`` in the form's order, for the template."""
        return [(title, [form[name] for name in names]) for title, names in self.areas if names]

    def levels(self, form):
        """The chosen levels as scoring's ``need``: indicator code to level."""
        return {code: form.cleaned_data.get(name) for name, code in self.codes.items()}

    def descriptors(self):
        """``{indicator code: (question label, {level: LevelLabel})}`` as the council words them."""
        whole = self.form_class()
        return {
            code: (whole.fields[name].label, dict(whole.fields[name].choices))
            for name, code in self.codes.items()
        }
