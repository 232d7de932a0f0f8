"""Recording a needs mapping a step at a time: question pages, check your answers, drafts.

Each area of the council's form is a page (:mod:`vsend_plugin.needs_forms.steps`);
each page's answers are saved to the practitioner's draft as they continue,
so they can stop and come back from the child's page. The last page lists
every answer with a link back to change it, and records the assessment.

Only a practitioner who may assess the child reaches any of these pages,
and only their own draft: anyone else gets a 404, as for the child's page.
Every page that shows the child's draft writes to the access log.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View
from wagtail import hooks

from vsend_plugin.core.templatetags.vsend_govuk import govuk_error_anchor
from vsend_plugin.needs_forms.forms import form_class_for, published_form, step_form_class
from vsend_plugin.needs_forms.steps import step_named, steps_for
from vsend_plugin.scoring import ScoringError

from ..access import can_assess, child_for
from ..audit import Action, record_access
from ..drafts import draft_for, record_draft, save_answers, submitted_values
from .base import CouncilSiteMixin

SAVE_AND_EXIT = "save-and-exit"
RETURN_TO_CHECK = "check"

#: The Wagtail hook asked where a practitioner goes once a needs mapping is recorded.
NEXT_PAGE_HOOK = "vsend_page_after_assessment"


def page_after_assessment(request, version, default):
    """Where to go once ``version`` is recorded: the first address a hook gives, else ``default``.

    Support plans send the practitioner to review the child's open outcomes.
    """
    for hook in hooks.get_hooks(NEXT_PAGE_HOOK):
        if url := hook(request, version):
            return url
    return default


class NeedsMappingMixin(CouncilSiteMixin):
    """Finds the child, the council's published form, its steps and this user's draft."""

    def setup_mapping(self, request, pk):
        self.child = child_for(request, pk, self.council)
        if not can_assess(request.user, self.child):
            raise Http404
        self.council_form = published_form(self.council)
        if self.council_form is None:
            raise Http404("This council has not published a needs-mapping form yet.")
        self.steps = steps_for(self.council_form.form.fields)
        if not self.steps:
            raise Http404("This form has no questions.")
        self.draft = draft_for(self.child, request.user, self.council_form)

    @property
    def answers(self):
        return self.draft.answers if self.draft else {}

    def step_url(self, step, returning=False):
        url = reverse("vsend_assess_step", args=[self.child.pk, step.slug])
        return f"{url}?return={RETURN_TO_CHECK}" if returning else url

    def check_url(self):
        return reverse("vsend_assess_check", args=[self.child.pk])

    def child_url(self):
        return reverse("vsend_child", args=[self.child.pk])

    def resume_url(self):
        """The first step with a question not yet answered, else check your answers."""
        for step in self.steps:
            if any(self.answers.get(name) is None for name in step.field_names):
                return self.step_url(step)
        return self.check_url()

    def context(self, **extra):
        return {
            "child": self.child,
            "council_form": self.council_form,
            "heading": self.council_form.form.title,
            "draft": self.draft,
            "steps": self.steps,
            **extra,
        }


class AssessView(NeedsMappingMixin, View):
    """Starting, or going back to, a needs mapping: to the page where it was left."""

    def get(self, request, pk):
        self.setup_mapping(request, pk)
        return redirect(self.resume_url())


class AssessStepView(NeedsMappingMixin, View):
    """One question page: the questions of one area (or the strengths, hopes and views)."""

    template_name = "vsend/assessments/needs_mapping_step.html"

    def setup_step(self, request, pk, step):
        self.setup_mapping(request, pk)
        self.step = step_named(self.steps, step)
        if self.step is None:
            raise Http404("No such step.")
        self.index = self.steps.index(self.step)
        self.returning = request.GET.get("return") == RETURN_TO_CHECK
        return step_form_class(self.council_form, self.step)

    def render_step(self, request, form):
        record_access(request, Action.VIEW_DRAFT, child=self.child)
        if self.returning:
            back = self.check_url()
        elif self.index:
            back = self.step_url(self.steps[self.index - 1])
        else:
            back = self.child_url()
        context = self.context(
            form=form,
            step=self.step,
            number=self.index + 1,
            total=len(self.steps),
            back_url=back,
            returning=self.returning,
        )
        return render(request, self.template_name, context)

    def get(self, request, pk, step):
        form_class = self.setup_step(request, pk, step)
        fields = form_class.base_fields
        saved = {name: value for name, value in self.answers.items() if name in fields}
        return self.render_step(request, form_class(initial=saved))

    def post(self, request, pk, step):
        form_class = self.setup_step(request, pk, step)
        form = form_class(request.POST)
        valid = form.is_valid()  # before saving: the page is shown again with its errors
        answers = submitted_values(form)
        self.draft = save_answers(self.child, request.user, self.council_form, answers)
        if request.POST.get("action") == SAVE_AND_EXIT:
            messages.success(
                request,
                f"Your answers have been saved. You can continue the needs mapping from "
                f"{self.child.given_name}'s page.",
            )
            return redirect(self.child_url())
        if not valid:
            return self.render_step(request, form)
        if self.returning or self.index + 1 == len(self.steps):
            return redirect(self.check_url())
        return redirect(self.step_url(self.steps[self.index + 1]))


class CheckAnswersView(NeedsMappingMixin, View):
    """Every answer of the draft, each with a link back to its page; recording from here."""

    template_name = "vsend/assessments/needs_mapping_check.html"

    def full_form(self, form_version):
        form_class = form_class_for(self.council_form)
        return form_class(
            {**self.answers, "form_version": form_version}, council_form=self.council_form
        )

    def sections(self, form):
        """A summary list per step: each question, its answer in words, its Change link."""
        sections = []
        for step in self.steps:
            rows = []
            for name in step.field_names:
                if name not in form.fields:
                    continue
                bound = form[name]
                rows.append(
                    {
                        "label": bound.label,
                        "answer": answer_in_words(bound, self.answers.get(name)),
                        "change_url": f"{self.step_url(step, returning=True)}#{anchor(bound)}",
                    }
                )
            sections.append({"step": step, "rows": rows})
        return sections

    def problems(self, form):
        """The error summary's list: each message linking to its question on its page."""
        found = [{"message": error, "href": ""} for error in form.non_field_errors()]
        for step in self.steps:
            for name in step.field_names:
                if name in form.fields:
                    for error in form[name].errors:
                        href = f"{self.step_url(step, returning=True)}#{anchor(form[name])}"
                        found.append({"message": error, "href": href})
        for error in form.errors.get("form_version", []):
            found.append({"message": error, "href": ""})
        return found

    def render_check(self, request, form, problems=()):
        record_access(request, Action.VIEW_DRAFT, child=self.child)
        context = self.context(
            sections=self.sections(form),
            problems=list(problems),
            form_changed=self.draft.form_version != self.council_form.version,
            back_url=self.step_url(self.steps[-1]),
        )
        return render(request, self.template_name, context)

    def get(self, request, pk):
        self.setup_mapping(request, pk)
        if self.draft is None:
            return redirect(self.resume_url())
        return self.render_check(request, self.full_form(self.council_form.version))

    def post(self, request, pk):
        self.setup_mapping(request, pk)
        if self.draft is None:
            return redirect(self.resume_url())
        form = self.full_form(request.POST.get("form_version"))
        if not form.is_valid():
            return self.render_check(request, form, self.problems(form))
        try:
            version = record_draft(self.draft, form.cleaned_data)
        except ScoringError as error:  # the scheme refused it; nothing was stored
            problems = [
                {"message": f"{problem['field']}: {problem['message']}", "href": ""}
                for problem in error.errors
            ]
            return self.render_check(request, form, problems)
        messages.success(request, f"Needs mapping saved: band {version.band or 'not complete'}.")
        return redirect(page_after_assessment(request, version, self.child_url()))


class DiscardDraftView(NeedsMappingMixin, View):
    """Asks, then throws the draft away; nothing of it is kept."""

    template_name = "vsend/assessments/needs_mapping_discard.html"

    def get(self, request, pk):
        self.setup_mapping(request, pk)
        if self.draft is None:
            raise Http404("There is no draft to discard.")
        record_access(request, Action.VIEW_DRAFT, child=self.child)
        return render(request, self.template_name, self.context(back_url=self.child_url()))

    def post(self, request, pk):
        self.setup_mapping(request, pk)
        if self.draft is None:
            raise Http404("There is no draft to discard.")
        self.draft.delete()
        messages.success(request, "The draft needs mapping has been discarded.")
        return redirect(self.child_url())


def anchor(bound_field):
    """The id a link to this question goes to: its first option, or the field itself."""
    return govuk_error_anchor(bound_field)


def answer_in_words(bound_field, value):
    """An answer as the practitioner chose it: an option's words, or the text typed."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if value in (None, "", []):
        return ""
    choices = getattr(bound_field.field, "choices", None)
    if choices:
        labels = {str(key): label for key, label in choices}
        values = value if isinstance(value, list) else [value]
        return ", ".join(str(labels.get(str(item), item)) for item in values)
    return str(value)
