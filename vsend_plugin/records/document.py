"""The whole record of one child, ``vsend-record/1``: everything vsend keeps about them.

It answers a subject access request and carries a child to another install,
so it holds the raw ratings and texts of every version (which re-score to
the stored profiles), the support plan as ``vsend-support/1`` carries it,
the second ratings given in moderation, and every access log entry about
the child. People are named by username; settings and localities by name
and identifier, so that a receiving council can place the child.
"""

from django.utils import timezone

from vsend_plugin.assessments.models import AccessEvent, FamilyInvitation
from vsend_plugin.moderation.models import SecondRating
from vsend_plugin.planning.plans import document as plan_document
from vsend_plugin.planning.plans import plan_of

FORMAT = "vsend-record/1"


def _when(moment):
    return moment.isoformat() if moment else None


def _username(user):
    return user.get_username() if user else None


def council_part(council):
    return {"slug": council.slug, "name": council.name, "ons_code": council.ons_code}


def child_part(child):
    setting, locality = child.setting, child.locality
    return {
        "case_reference": child.case_reference,
        "given_name": child.given_name,
        "birth_month": child.birth_month,
        "birth_year": child.birth_year,
        "year_group": child.year_group,
        "setting": {"name": setting.name, "urn": setting.urn or None, "kind": setting.kind},
        "locality": {"name": locality.name, "slug": locality.slug},
        "created_at": _when(child.created_at),
        "practitioners": sorted(user.get_username() for user in child.practitioners.all()),
        "family": family_part(child),
    }


def version_part(version):
    return {
        "number": version.number,
        "source": version.source,
        "author": _username(version.author),
        "created_at": _when(version.created_at),
        "form": (
            {
                "slug": version.form.library_slug or version.form.form.slug,
                "version": version.form_version,
            }
            if version.form_id
            else None
        ),
        "scheme": version.scheme,
        "need": version.need,
        "provision": version.provision,
        "family_confidence": version.family_confidence,
        "strengths": version.strengths,
        "aspirations": version.aspirations,
        "views": version.views,
        "family_views": version.family_views,
        "family_aspirations": version.family_aspirations,
        "answers": version.answers,
        "profile": version.profile,
    }


def assessments_part(child):
    assessments = child.assessments.order_by("taken_at", "pk").prefetch_related(
        "versions__author", "versions__form__form"
    )
    return [
        {
            "taken_at": _when(assessment.taken_at),
            "created_by": _username(assessment.created_by),
            "versions": [version_part(v) for v in assessment.versions.order_by("number")],
        }
        for assessment in assessments.select_related("created_by")
    ]


def moderation_part(child):
    ratings = SecondRating.objects.filter(assessment__child=child).select_related(
        "round", "rater", "assessment"
    )
    return [
        {
            "round": rating.round.name,
            "assessment_taken_at": _when(rating.assessment.taken_at),
            "rater": _username(rating.rater),
            "assigned_at": _when(rating.assigned_at),
            "rated_at": _when(rating.rated_at),
            "period": rating.period or None,
            "need": rating.need,
            "band": rating.band or None,
        }
        for rating in ratings.order_by("assigned_at", "pk")
    ]


def family_part(child):
    invitations = FamilyInvitation.objects.filter(child=child).select_related(
        "created_by", "accepted_by"
    )
    return [
        {
            "invited_by": _username(invitation.created_by),
            "invited_at": _when(invitation.created_at),
            "accepted_by": _username(invitation.accepted_by),
            "accepted_at": _when(invitation.accepted_at),
        }
        for invitation in invitations.order_by("created_at", "pk")
    ]


def access_log_part(child):
    events = AccessEvent.objects.filter(child=child).order_by("at", "pk")
    return [
        {
            "at": _when(event.at),
            "username": event.username,
            "action": event.action,
            "path": event.path,
        }
        for event in events
    ]


def record_of(child, *, at=None):
    """The ``vsend-record/1`` document of ``child``, as a JSON-ready dict."""
    plan = plan_of(child)
    return {
        "format": FORMAT,
        "exported_at": _when(at or timezone.now()),
        "council": council_part(child.council),
        "child": child_part(child),
        "assessments": assessments_part(child),
        "plan": plan_document(plan),
        "moderation": moderation_part(child),
        "access_log": access_log_part(child),
    }
