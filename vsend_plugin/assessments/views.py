"""The practitioners' front end: children, a child's profile over time, recording a needs mapping.

Every page is for signed-in users on the child's own council site, refuses
children the user may not see with a 404, and writes each read of a child's
record to the access log.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views import View
from wagtail import hooks

from vsend_plugin.core.permissions import can_view, visible_to
from vsend_plugin.core.sites import council_for_request
from vsend_plugin.needs_forms.models import FormKind
from vsend_plugin.scoring import ScoringError

from .access import can_assess, child_for
from .audit import Action, record_access, record_listing
from .charts import area_levels_svg, area_profile_svg
from .history import latest_versions
from .models import AssessmentVersion, Child
from .needs_mapping import answers_from, form_class_for, published_form
from .pdf import summary_context
from .family import InvitationError, accept_invitation, invite_family, is_family_of
from .recording import add_family_contribution, pdf_summary, record_assessment
from .summaries import summary_for


class CouncilSiteMixin(LoginRequiredMixin):
    """Children are looked at on their own council's site only."""

    def dispatch(self, request, *args, **kwargs):
        self.council = council_for_request(request)
        if self.council is None:
            raise Http404("Children are looked at on a council's own site.")
        return super().dispatch(request, *args, **kwargs)


class ChildListView(CouncilSiteMixin, View):
    def get(self, request):
        children = (
            visible_to(request.user, Child.objects.filter(council=self.council))
            .select_related("setting")
            .order_by("given_name", "case_reference")
        )
        record_listing(request, children)
        return render(request, "vsend/assessments/child_list.html", {"children": children})


class ChildDetailView(CouncilSiteMixin, View):
    def get(self, request, pk):
        child = child_for(request, pk, self.council)
        record_access(request, Action.VIEW_CHILD, child=child)
        versions = latest_versions(child)
        context = {
            "child": child,
            "versions": list(reversed(versions)),
            "can_assess": can_assess(request.user, child),
            "is_family": is_family_of(request.user, child),
        }
        if versions:
            current = versions[-1]
            summary = summary_for(current)
            shown = summary_context(summary)
            shown.pop("child")  # the page has the Child itself...
            shown.pop("council")  # ...and the Council, not their names
            context.update(shown)
            context["current"] = current
            context["history_svg"] = mark_safe(area_levels_svg(summary["history"]))  # noqa: S308 - escaped by charts
            context["profile_svg"] = mark_safe(area_profile_svg(current.profile))  # noqa: S308
            context["sections"] = [
                mark_safe(section)  # noqa: S308 - rendered by the app's own templates
                for hook in hooks.get_hooks("vsend_child_page_sections")
                if (section := hook(request, child, current.profile))
            ]
            context["history_rows"] = [
                {"date": v.assessment.taken_at, "band": v.band or "not complete",
                 "levels": [v.profile["areas"][code]["level"] for code in v.profile["areas"]]}
                for v in versions
            ]
        return render(request, "vsend/assessments/child_detail.html", context)


class CouncilFormView(CouncilSiteMixin, View):
    """Shows one of the council's published forms for a child and stores the answers.

    Subclasses say who may use it (``allowed``), which form (``form_kind``),
    and what a valid submission stores (``store``); a ScoringError from
    storing is shown as form errors, with nothing stored.
    """

    template_name = "vsend/assessments/council_form.html"
    form_kind = FormKind.NEEDS_MAPPING
    heading = ""

    def allowed(self, user, child):
        raise NotImplementedError

    def read_assessment(self):
        """The assessment the page shows, if any, for the access log."""
        return None

    def store(self, request, cleaned_data):
        raise NotImplementedError

    def setup_form(self, request, pk):
        self.child = child_for(request, pk, self.council)
        if not self.allowed(request.user, self.child):
            raise Http404
        self.council_form = published_form(self.council, self.form_kind)
        if self.council_form is None:
            raise Http404("This council has not published that form yet.")
        return form_class_for(self.council_form)

    def render_form(self, request, form, status=200):
        # The form page names the child (and a family's form shows the assessment): a read.
        record_access(
            request, Action.VIEW_CHILD, child=self.child, assessment=self.read_assessment()
        )
        context = {
            "child": self.child,
            "form": form,
            "council_form": self.council_form,
            "heading": self.heading or self.council_form.form.title,
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk):
        form_class = self.setup_form(request, pk)
        return self.render_form(request, form_class(council_form=self.council_form))

    def post(self, request, pk):
        form_class = self.setup_form(request, pk)
        form = form_class(request.POST, council_form=self.council_form)
        if not form.is_valid():
            return self.render_form(request, form, status=400)
        try:
            message = self.store(request, form.cleaned_data)
        except ScoringError as error:  # a form edited under our feet; nothing was stored
            for problem in error.errors:
                form.add_error(None, f"{problem['field']}: {problem['message']}")
            return self.render_form(request, form, status=400)
        messages.success(request, message)
        return redirect(reverse("vsend_child", args=[self.child.pk]))


class AssessView(CouncilFormView):
    """A practitioner assigned to the child records a needs mapping."""

    def allowed(self, user, child):
        return can_assess(user, child)

    def store(self, request, cleaned_data):
        need, provision, confidence, texts, other = answers_from(self.council_form, cleaned_data)
        version = record_assessment(
            self.child,
            request.user,
            need=need,
            provision=provision,
            family_confidence=confidence,
            council_form=self.council_form,
            answers=other,
            **texts,
        )
        return f"Needs mapping saved: band {version.band or 'not complete'}."


class PdfSummaryView(CouncilSiteMixin, View):
    """The PDF, to whoever may see the child; 202 with Retry-After while it is being made."""

    def get(self, request, pk):
        version = (
            AssessmentVersion.objects.select_related("assessment__child__council")
            .filter(assessment__council=self.council, assessment_id=pk)
            .order_by("-number")
            .first()
        )
        if version is None or not can_view(request.user, version.assessment.child):
            raise Http404
        child = version.assessment.child
        summary = pdf_summary(version)
        if summary is None:
            record_access(request, Action.VIEW_CHILD, child=child)  # the page names the child
            response = render(
                request, "vsend/assessments/pdf_pending.html", {"child": child}, status=202
            )
            response["Retry-After"] = "5"
            return response
        record_access(request, Action.DOWNLOAD_PDF, child=child, assessment=version.assessment)
        return FileResponse(
            summary.file.open("rb"),
            content_type="application/pdf",
            as_attachment=True,
            filename=f"needs-mapping-{child.case_reference}-{version.assessment.taken_at:%Y-%m-%d}.pdf",
        )


class InviteFamilyView(CouncilSiteMixin, View):
    """A practitioner makes a link to give the child's family; they send it themselves."""

    def post(self, request, pk):
        child = child_for(request, pk, self.council)
        if not can_assess(request.user, child):
            raise Http404
        _, token = invite_family(child, request.user)
        link = request.build_absolute_uri(reverse("vsend_family_invitation", args=[token]))
        record_access(request, Action.VIEW_CHILD, child=child)  # the page names the child
        return render(request, "vsend/assessments/invitation.html", {"child": child, "link": link})


class AcceptInvitationView(LoginRequiredMixin, View):
    def get(self, request, token):
        try:
            child = accept_invitation(token, request.user)
        except InvitationError as error:
            return render(request, "vsend/assessments/invitation_error.html", {"message": str(error)}, status=400)
        messages.success(request, f"You can now see {child.given_name}'s summary and add your view.")
        return redirect(reverse("vsend_child", args=[child.pk]))


class FamilyContributionView(CouncilFormView):
    """The family adds views, aspirations and confidence: a new, re-scored version."""

    form_kind = FormKind.FAMILY_CONTRIBUTION

    def allowed(self, user, child):
        self.assessment = child.latest_assessment()
        return is_family_of(user, child) and self.assessment is not None

    def read_assessment(self):
        return self.assessment

    def store(self, request, cleaned_data):
        _, _, confidence, texts, _ = answers_from(self.council_form, cleaned_data)
        add_family_contribution(
            self.assessment,
            request.user,
            family_confidence=confidence,
            family_views=texts["views"],
            family_aspirations=texts["aspirations"],
            council_form=self.council_form,
        )
        return "Thank you. Your view has been added to the summary."
