"""Reading a plan: the practitioner's and officer's page, and the family's in their own words.

Both show the road to adulthood (:mod:`vsend_plugin.planning.road`): the
practitioner's with the figures, a chart and its table, and buttons to change
the plan when they may; the family's in plain words. Either is one read of
the child's plan in the access log.
"""

from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views import View

from .. import scheme
from ..charts import trajectory_svg
from ..models import SupportPlanVersion
from ..plans import open_outcomes
from ..road import intrusive_rows, road_to_adulthood
from .base import PlanMixin

SOURCE_WORDS = {
    "practitioner": "Plan changed",
    "family": "The family's hopes added",
    "review": "Outcome reviewed",
}


def history_of(plan, limit=None):
    """The plan's versions, newest first: number, when, who, what kind of change."""
    if plan is None:
        return []
    versions = SupportPlanVersion.objects.filter(plan=plan).select_related("author")
    versions = versions.order_by("-number")
    if limit:
        versions = versions[:limit]
    return [
        {
            "number": version.number,
            "at": version.created_at,
            "who": (version.author.get_full_name() or version.author.get_username())
            if version.author
            else "Someone no longer with the council",
            "what": "Plan written"
            if version.number == 1 and version.source == "practitioner"
            else SOURCE_WORDS.get(version.source, version.get_source_display()),
        }
        for version in versions
    ]


def road_context(plan, profile):
    road = road_to_adulthood(plan, profile)
    return {
        "road": road,
        "road_svg": mark_safe(trajectory_svg(road)),  # noqa: S308 - escaped by the chart
        "intrusive": intrusive_rows(road),
        "intrusive_question": scheme.INTRUSIVE_QUESTION,
        "trajectory_labels": [scheme.TRAJECTORY_LABELS[p] for p in scheme.TRAJECTORY_POINTS],
    }


class PlanView(PlanMixin, View):
    """The child's support plan: practitioners write it, officers read it, the family has theirs."""

    template_name = "vsend/planning/plan.html"
    family_template_name = "vsend/planning/family_plan.html"

    def get(self, request, pk):
        self.setup_plan(request, pk)
        self.log_read(request)
        latest = self.latest_version()
        context = {
            "child": self.child,
            "plan": self.plan,
            "can_write": self.can_write,
            "history": history_of(self.plan),
            **road_context(self.plan, latest.profile if latest else None),
        }
        if self.is_family:
            context["who"] = self.child.given_name
            context["setting"] = self.child.setting.name
            return render(request, self.family_template_name, context)
        context["open_outcomes"] = open_outcomes(self.child).count() if self.plan else 0
        context["outcomes"] = list(self.plan.outcomes.order_by("area", "pk")) if self.plan else []
        context["latest"] = latest
        return render(request, self.template_name, context)
