"""Pages about a child: the list, the child's page over time, the family's summary, the PDF.

Every page is for signed-in users on the child's own council site, refuses children the user
may not see with a 404, and writes each read of a child's record to the access log.
"""

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views import View

from vsend_plugin.core.permissions import can_view, is_parent_carer, roles_of, visible_to
from vsend_plugin.needs_forms.forms import published_form

from ..access import can_assess, child_for
from ..audit import Action, record_access, record_listing
from ..charts import area_levels_svg, area_profile_svg
from ..drafts import draft_for
from ..family import (
    is_family_of,
)
from ..family_summary import family_summary, local_offer_for
from ..history import latest_versions
from ..models import AssessmentVersion, Child
from ..page_sections import child_page_sections
from ..pdf import summary_context
from ..recording import pdf_summary
from ..summaries import summary_for
from .base import CouncilSiteMixin


class ChildListView(CouncilSiteMixin, View):
    def get(self, request):
        children = (
            visible_to(request.user, Child.objects.filter(council=self.council))
            .select_related("setting")
            .order_by("given_name", "case_reference")
        )
        record_listing(request, children)
        context = {
            "children": children,
            # a parent carer's list is of their own children, not "children you work with"
            "as_family": not roles_of(request.user, self.council) and is_parent_carer(request.user),
        }
        return render(request, "vsend/assessments/child_list.html", context)


class ChildDetailView(CouncilSiteMixin, View):
    """A child's page: the practitioner's profile, or the family's own summary.

    Which one is decided by the user's relation to the child: the child's
    family (an invitation's object permission, no council role) read the
    summary written for them; practitioners and officers read the profile.
    """

    def get(self, request, pk):
        child = child_for(request, pk, self.council)
        if is_family_of(request.user, child):
            return FamilySummaryView.as_view()(request, pk=pk)
        record_access(request, Action.VIEW_CHILD, child=child)
        versions = latest_versions(child)
        context = {
            "child": child,
            "versions": list(reversed(versions)),
            "can_assess": can_assess(request.user, child),
            "is_family": is_family_of(request.user, child),
        }
        if context["can_assess"]:
            context["draft"] = draft_for(child, request.user, published_form(self.council))
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
            context["history_rows"] = [
                {
                    "date": v.assessment.taken_at,
                    "band": v.band or "not complete",
                    "levels": [v.profile["areas"][code]["level"] for code in v.profile["areas"]],
                }
                for v in versions
            ]
        profile = versions[-1].profile if versions else None
        context["own_sections"], context["sections"] = child_page_sections(request, child, profile)
        return render(request, "vsend/assessments/child_detail.html", context)


class FamilySummaryView(CouncilSiteMixin, View):
    """The child's summary written for their family: only the child's family reads it."""

    template_name = "vsend/assessments/child_family_summary.html"

    def get(self, request, pk):
        child = child_for(request, pk, self.council)
        if not is_family_of(request.user, child):
            raise Http404
        record_access(request, Action.VIEW_CHILD, child=child)
        versions = latest_versions(child)
        context = {"child": child, "current": versions[-1] if versions else None}
        if versions:
            context.update(family_summary(versions[-1], summary_for(versions[-1])))
        profile = versions[-1].profile if versions else None
        context["own_sections"], context["sections"] = child_page_sections(request, child, profile)
        context["local_offer"] = local_offer_for(child.council)
        return render(request, self.template_name, context)


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
