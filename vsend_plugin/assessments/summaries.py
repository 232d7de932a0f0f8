"""The data a PDF summary (and a child's pages) show for one assessment version."""

from django.utils import timezone

from .history import change_since_previous, latest_versions


def author_name(user):
    return user.get_full_name() or user.get_username()


def summary_for(version):
    assessment = version.assessment
    child = assessment.child
    previous, comparison = change_since_previous(version)
    history = [
        (v.assessment.taken_at.date(), v.profile)
        for v in latest_versions(child, until=assessment.taken_at)
        if v.assessment_id != assessment.pk
    ] + [(assessment.taken_at.date(), version.profile)]
    return {
        "council": child.council.name,
        "child": {
            "given_name": child.given_name,
            "case_reference": child.case_reference,
            "year_group": child.get_year_group_display(),
            "setting": child.setting.name,
            "born": child.born,
        },
        "assessment": {
            "number": child.assessments.filter(taken_at__lte=assessment.taken_at).count(),
            "date": assessment.taken_at.date(),
            "author": author_name(assessment.created_by),
            "scheme": version.scheme,
            "version": version.number,
        },
        "profile": version.profile,
        "comparison": comparison,
        "previous_date": previous.assessment.taken_at.date() if previous else None,
        "history": history,
        "strengths": version.strengths,
        "aspirations": version.aspirations,
        "views": version.views,
        "family_views": "\n\n".join(
            text for text in (version.family_views, version.family_aspirations) if text
        ),
        "generated_at": timezone.now(),
        "need": version.need,
        "previous_need": previous.need if previous else None,
    }
