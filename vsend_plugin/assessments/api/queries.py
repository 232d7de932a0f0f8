"""The children and assessment versions the API reads, fetched the way a page of them needs."""

from vsend_plugin.core.permissions import visible_to

from ..models import AssessmentVersion, Child


def visible_children(user):
    """The children ``user`` may see, ready to serialize."""
    return visible_to(user, Child.objects.select_related("council", "setting", "locality"))


def with_latest_assessment(children):
    """Set ``latest_version`` on each child: the newest version of their newest assessment.

    ``Child.latest_assessment().current`` in one query for a page of children
    rather than two per child.
    """
    children = list(children)
    versions = (
        AssessmentVersion.objects.filter(assessment__child__in=children)
        .select_related("assessment")
        .only(
            "number",
            "complete",
            "band",
            "primary_area",
            "assessment",
            "assessment__taken_at",
            "assessment__child",
        )
        .order_by("assessment__child_id", "-assessment__taken_at", "-assessment_id", "-number")
    )
    latest = {}
    for version in versions:
        latest.setdefault(version.assessment.child_id, version)
    for child in children:
        child.latest_version = latest.get(child.pk)
    return children
