"""Reviewing a plan's open outcomes when a new needs mapping of the child is recorded.

Recording a needs mapping leads here when the child has open outcomes (the
``vsend_page_after_assessment`` hook in :mod:`vsend_plugin.planning.wagtail_hooks`).
Each outcome is set achieved, partly achieved, not achieved or dropped, with
a note, or left open; each review is a new version of the plan, tied to the
assessment it was made with.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from vsend_plugin.core.templatetags.vsend_govuk import govuk_error_anchor
from vsend_plugin.scoring import AREAS

from .. import scheme
from ..forms import OutcomeReviewForm
from ..plans import open_outcomes, review_outcome
from .base import PlanMixin

AREA_NAMES = {area.code: area.name for area in AREAS}


class ReviewOutcomesView(PlanMixin, View):
    template_name = "vsend/planning/review.html"

    def setup_review(self, request, pk):
        self.setup_plan(request, pk, write=True)
        self.outcomes = list(open_outcomes(self.child))
        wanted = request.POST.get("assessment") or request.GET.get("assessment")
        assessments = self.child.assessments.all()
        if wanted:
            try:
                self.assessment = assessments.get(pk=int(wanted))
            except (ValueError, assessments.model.DoesNotExist):
                raise Http404("That is not an assessment of this child.") from None
        else:
            self.assessment = self.child.latest_assessment()

    def forms(self, data=None):
        return [
            (
                outcome,
                OutcomeReviewForm(
                    data, prefix=f"outcome-{outcome.pk}", initial={"status": scheme.OPEN}
                ),
            )
            for outcome in self.outcomes
        ]

    def page(self, request, forms, status=200):
        self.log_read(request)
        problems = [
            {"message": error, "href": f"#{govuk_error_anchor(form[name])}"}
            for _, form in forms
            for name in form.fields
            for error in form[name].errors
        ]
        context = {
            "child": self.child,
            "assessment": self.assessment,
            "rows": [
                {
                    "outcome": outcome,
                    "form": form,
                    "area": AREA_NAMES[outcome.area],
                    "horizon": scheme.HORIZON_LABELS[outcome.horizon],
                    "adulthood": scheme.ADULTHOOD_LABELS.get(outcome.adulthood, ""),
                }
                for outcome, form in forms
            ],
            "problems": problems,
            "child_url": reverse("vsend_child", args=[self.child.pk]),
            "back_url": self.plan_url("outcomes"),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk):
        self.setup_review(request, pk)
        return self.page(request, self.forms())

    def post(self, request, pk):
        self.setup_review(request, pk)
        forms = self.forms(request.POST)
        if not all(form.is_valid() for _, form in forms):
            return self.page(request, forms, status=400)
        reviewed = 0
        for outcome, form in forms:
            status = form.cleaned_data.get("status")
            if status and status != scheme.OPEN:
                review_outcome(
                    outcome,
                    status,
                    author=request.user,
                    note=form.cleaned_data.get("note") or "",
                    assessment=self.assessment,
                )
                reviewed += 1
        if reviewed:
            messages.success(request, f"{reviewed} outcome{'' if reviewed == 1 else 's'} reviewed.")
        else:
            messages.success(request, "No outcome was reviewed; they stay open.")
        return redirect(self.plan_url("outcomes"))
