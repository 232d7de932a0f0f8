"""The practitioners' moderation pages: blind second ratings and calibration cases.

``moderation/`` lists a practitioner's open second ratings on this council's
site and the calibration cases. A second rating page shows the child's
details (name, case reference, year group, setting) and the council's need
questions, never the first rating: the rater cannot reach the child's record
at all (:mod:`.rounds`). A calibration case can be rated by any practitioner;
after submitting they see where they differ from the reference, with the
council's level descriptors, and nobody else's ratings.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View

from vsend_plugin.assessments.audit import Action, record_access, record_reads
from vsend_plugin.assessments.models import YearGroup
from vsend_plugin.assessments.views.base import CouncilSiteMixin
from vsend_plugin.core.models import Role, SettingKind
from vsend_plugin.core.permissions import roles_of
from vsend_plugin.needs_forms.forms import published_form
from vsend_plugin.scoring import INDICATORS

from .calibration import UnknownCalibrationCase, calibration_case, calibration_cases
from .forms import NeedQuestions
from .models import CalibrationRating
from .ratings import AlreadyRated, record_calibration_rating, record_second_rating
from .rounds import assignments_of


class PractitionerMixin(CouncilSiteMixin):
    """A practitioner of this site's council, and the council's need questions."""

    def check_practitioner(self, request):
        if not request.user.is_superuser and Role.PRACTITIONER not in roles_of(
            request.user, self.council
        ):
            raise Http404("Moderation is for the council's practitioners.")

    def questions(self):
        council_form = published_form(self.council)
        if council_form is None:
            raise Http404("This council has not published a needs-mapping form yet.")
        return NeedQuestions(council_form)


class ModerationHomeView(PractitionerMixin, View):
    template_name = "vsend/moderation/home.html"

    def get(self, request):
        self.check_practitioner(request)
        assignments = list(assignments_of(request.user, self.council))
        record_reads(
            request,
            Action.VIEW_SECOND_RATING,
            [(assignment.assessment.child, None) for assignment in assignments],
        )
        cases = calibration_cases()
        titles = {case.slug: case.title for case in cases}
        rated = [
            (rating, titles[rating.case])
            for rating in CalibrationRating.objects.filter(
                rater=request.user, council=self.council
            )[:10]
            if rating.case in titles
        ]
        return render(
            request,
            self.template_name,
            {
                "council": self.council,
                "assignments": assignments,
                "cases": cases,
                "calibration_ratings": rated,
            },
        )


class SecondRatingView(PractitionerMixin, View):
    template_name = "vsend/moderation/second_rating.html"

    def setup_rating(self, request, pk):
        self.check_practitioner(request)
        self.assignment = get_object_or_404(assignments_of(request.user, self.council), pk=pk)
        self.child = self.assignment.assessment.child
        self.need_questions = self.questions()

    def render_form(self, request, form, status=200):
        record_access(request, Action.VIEW_SECOND_RATING, child=self.child)
        context = {
            "assignment": self.assignment,
            "child": self.child,
            "form": form,
            "sections": self.need_questions.sections(form),
            "heading": self.need_questions.council_form.form.title,
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk):
        self.setup_rating(request, pk)
        return self.render_form(request, self.need_questions.form())

    def post(self, request, pk):
        self.setup_rating(request, pk)
        form = self.need_questions.form(request.POST)
        if not form.is_valid():
            return self.render_form(request, form, status=400)
        try:
            record_second_rating(self.assignment, self.need_questions.levels(form))
        except AlreadyRated as error:
            raise Http404 from error
        record_access(request, Action.VIEW_SECOND_RATING, child=self.child)
        messages.success(
            request,
            f"Your second rating of {self.child.given_name} "
            f"({self.child.case_reference}) is saved.",
        )
        return redirect("vsend_moderation")


class CalibrationCaseView(PractitionerMixin, View):
    template_name = "vsend/moderation/calibration_case.html"

    def setup_case(self, request, slug):
        self.check_practitioner(request)
        try:
            self.case = calibration_case(slug)
        except UnknownCalibrationCase as error:
            raise Http404 from error
        self.need_questions = self.questions()

    def render_form(self, request, form, status=200):
        context = {
            "case": self.case,
            "year_group": YearGroup(self.case.year_group).label,
            "setting_kind": SettingKind(self.case.setting_kind).label,
            "form": form,
            "sections": self.need_questions.sections(form),
            "heading": self.need_questions.council_form.form.title,
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, slug):
        self.setup_case(request, slug)
        return self.render_form(request, self.need_questions.form())

    def post(self, request, slug):
        self.setup_case(request, slug)
        form = self.need_questions.form(request.POST)
        if not form.is_valid():
            return self.render_form(request, form, status=400)
        rating = record_calibration_rating(
            request.user, self.council, self.case, self.need_questions.levels(form)
        )
        return redirect(reverse("vsend_calibration_result", args=[rating.pk]))


class CalibrationResultView(PractitionerMixin, View):
    """One's own rating of a case against the reference: where it differs, and the descriptors."""

    template_name = "vsend/moderation/calibration_result.html"

    def get(self, request, pk):
        self.check_practitioner(request)
        rating = get_object_or_404(
            CalibrationRating, pk=pk, rater=request.user, council=self.council
        )
        try:
            case = calibration_case(rating.case)
        except UnknownCalibrationCase as error:
            raise Http404 from error
        descriptors = self.questions().descriptors()
        rows = []
        for code, indicator in INDICATORS.items():
            yours, reference = rating.need.get(code), case.need[code]
            label, levels = descriptors.get(code, (indicator.name, {}))
            rows.append(
                {
                    "code": code,
                    "question": label,
                    "yours": yours,
                    "reference": reference,
                    "apart": abs(yours - reference) if yours is not None else None,
                    "your_descriptor": levels.get(yours),
                    "reference_descriptor": levels.get(reference),
                    "reason": case.reasons.get(code, ""),
                }
            )
        context = {
            "case": case,
            "rating": rating,
            "rows": rows,
            "differing": [row for row in rows if row["apart"]],
            "exact": sum(1 for row in rows if row["apart"] == 0),
            "within_one": sum(1 for row in rows if row["apart"] is not None and row["apart"] <= 1),
            "total": len(rows),
            "reference_band": case.band,
        }
        return render(request, self.template_name, context)
