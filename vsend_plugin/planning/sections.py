"""What the plan adds to other pages: the child's page, and the PDF summary of an assessment.

The child's page (``vsend_child_page_sections``) links to the plan and says,
per area, the support that was in place at the earlier of the child's last
two needs mappings and what happened to the need since (the scheme's
direction between the two). The PDF summary (``vsend_pdf_summary_sections``)
carries the road to adulthood as it stood when the PDF was made.
"""

from django.template.loader import render_to_string
from django.utils import timezone

from vsend_plugin.assessments.access import can_assess
from vsend_plugin.assessments.family import is_family_of
from vsend_plugin.assessments.history import change_since_previous, latest_versions
from vsend_plugin.assessments.page_sections import ChildPageSection
from vsend_plugin.charts import svg_data_uri
from vsend_plugin.scoring import AREAS

from . import scheme
from .charts import trajectory_svg
from .plans import open_outcomes, plan_of
from .road import hours_words, intrusive_rows, road_to_adulthood

DIRECTION_WORDS = {
    "down": "Since then the need has come down.",
    "same": "Since then the need has stayed the same.",
    "up": "Since then the need has gone up.",
}


def support_since(plan, versions):
    """``(date or None, [{"name", "support", "change"}])``: support then, and the need since."""
    if not versions:
        return None, []
    current = versions[-1]
    previous, comparison = change_since_previous(current) if len(versions) > 1 else (None, None)
    since = timezone.localdate(previous.assessment.taken_at) if previous else None
    day = since or timezone.localdate()
    items = list(plan.support.order_by("starts", "pk"))
    changes = (comparison or {}).get("areas") or {}
    rows = []
    for area in AREAS:
        active = [item for item in items if item.area == area.code and item.active_on(day)]
        if active:
            support = (
                "; ".join(
                    item.name
                    + (
                        f" ({hours_words(item.hours_per_week)})"
                        if item.hours_per_week is not None
                        else ""
                    )
                    for item in active
                )
                + "."
            )
        else:
            support = "no support in the plan." if since else "no support in the plan yet."
        direction = (changes.get(area.code) or {}).get("direction")
        change = DIRECTION_WORDS.get(direction, "") if previous else ""
        if previous and direction is None:
            change = "The need was not rated both times, so it cannot be compared."
        rows.append({"name": area.name, "support": support, "change": change})
    return since, rows


def child_page_section(request, child, profile):
    """The child's page: where the plan is, and the support against the need over time.

    A section of its own, in the page's contents: a family should not have to
    scroll past the local help to find their child's plan.
    """
    plan = plan_of(child)
    writer = can_assess(request.user, child)
    context = {
        "child": child,
        "plan": plan,
        "can_write": writer,
        "is_family": is_family_of(request.user, child),
    }
    if plan is not None:
        since, rows = support_since(plan, latest_versions(child))
        context.update(
            since=since,
            areas=rows,
            open_outcomes=open_outcomes(child).count() if writer else 0,
        )
    html = render_to_string("vsend/planning/child_section.html", context, request=request)
    return ChildPageSection(html, heading="Support plan", anchor="support-plan")


def pdf_section(version):
    """The road to adulthood for the PDF summary of ``version`` (nothing without a plan)."""
    child = version.assessment.child
    plan = plan_of(child)
    if plan is None:
        return None
    road = road_to_adulthood(plan, version.profile)
    context = {
        "road": road,
        "chart": svg_data_uri(trajectory_svg(road)),
        "intrusive": intrusive_rows(road),
        "intrusive_question": scheme.INTRUSIVE_QUESTION,
        "trajectory_labels": [scheme.TRAJECTORY_LABELS[p] for p in scheme.TRAJECTORY_POINTS],
        "plan": plan,
    }
    return render_to_string("vsend/planning/pdf_section.html", context)
