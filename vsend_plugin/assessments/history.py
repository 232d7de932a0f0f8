"""A child's assessments over time: the latest version of each, and the change between them."""

from vsend_plugin.scoring import ScoringError, compare

from .models import AssessmentVersion


def latest_versions(child, *, until=None):
    """The newest version of each of the child's assessments, oldest assessment first."""
    versions = (
        AssessmentVersion.objects.filter(assessment__child=child)
        .select_related("assessment", "author")
        .order_by("assessment__taken_at", "assessment_id", "-number")
    )
    if until is not None:
        versions = versions.filter(assessment__taken_at__lte=until)
    latest = {}
    for version in versions:
        latest.setdefault(version.assessment_id, version)
    return list(latest.values())


def latest_version(child):
    """The newest version of the child's latest assessment (the last of :func:`latest_versions`)."""
    return (
        AssessmentVersion.objects.filter(assessment__child=child)
        .order_by("-assessment__taken_at", "-assessment_id", "-number")
        .first()
    )


def change_since_previous(version):
    """``(previous version, comparison dict)``; ``(None, None)`` for a first assessment."""
    earlier = [
        v
        for v in latest_versions(version.assessment.child, until=version.assessment.taken_at)
        if v.assessment_id != version.assessment_id
    ]
    if not earlier:
        return None, None
    previous = earlier[-1]
    try:
        return previous, compare(previous.get_profile(), version.get_profile()).as_dict()
    except ScoringError:  # profiles of different schemes are never compared
        return previous, None
