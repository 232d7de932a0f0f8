"""The whole record of a child (``vsend-record/1``) as a PDF a parent carer can read.

The JSON document answers a subject access request for a machine; this is
the same record for the family: every figure said in words (from
:mod:`vsend_plugin.core.wording` where it has them), codes turned into their
labels and times into dates. It is made from :func:`.document.record_of`'s
dict and nothing else, so the PDF can never hold more or less than the
export. Rendered by :func:`vsend_plugin.assessments.pdf.render_pdf`, with the
summaries' fonts, so every family's name prints.
"""

from datetime import date, datetime

from django.utils import timezone

from vsend_plugin.assessments.models import AccessEvent, VersionSource, YearGroup
from vsend_plugin.assessments.pdf import render_pdf
from vsend_plugin.core import wording
from vsend_plugin.core.models import SettingKind
from vsend_plugin.planning import scheme as support
from vsend_plugin.scoring import AREAS, LEVELS

__all__ = ["TEMPLATE_NAME", "record_context", "render_record_pdf"]

TEMPLATE_NAME = "vsend/records/record_pdf.html"

NOT_RECORDED = "not recorded"
MONTHS = (
    "January February March April May June July August September October November December"
).split()


def render_record_pdf(record: dict) -> bytes:
    """The bytes of the PDF of ``record``, a ``vsend-record/1`` dict."""
    return render_pdf(TEMPLATE_NAME, record_context(record), what="the record PDF")


def record_context(record: dict) -> dict:
    """The template context: the record with every code and figure in words."""
    child = record["child"]
    who = child.get("given_name") or "The child"
    setting = (child.get("setting") or {}).get("name") or "The setting"
    assessments = [
        _assessment(number, assessment, who, setting)
        for number, assessment in enumerate(record.get("assessments") or [], start=1)
    ]
    dates = {a["taken_at_raw"]: a["number"] for a in assessments}
    return {
        "council": (record.get("council") or {}).get("name") or "",
        "exported_at": _moment(record.get("exported_at")),
        "who": who,
        "child": _child(child),
        "assessments": assessments,
        "contributions": [
            {"assessment": a, "version": v}
            for a in assessments
            for v in a["versions"]
            if v["from_family"]
        ],
        "plan": _plan(record.get("plan") or {}),
        "moderation": [_second_rating(r, dates) for r in record.get("moderation") or []],
        "access_log": [_access(entry) for entry in record.get("access_log") or []],
    }


def _moment(text):
    """An ISO date-time of the record as a local, aware datetime (None stays None)."""
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def _day(text):
    return date.fromisoformat(text) if text else None


def _label(choices, code):
    try:
        return choices(code).label
    except ValueError:
        return code or NOT_RECORDED


def _labelled(labels, code):
    return labels.get(code, code)


def _child(child):
    month, year = child.get("birth_month"), child.get("birth_year")
    setting = child.get("setting") or {}
    return {
        "case_reference": child.get("case_reference"),
        "given_name": child.get("given_name"),
        "born": f"{MONTHS[month - 1]} {year}" if month and year else NOT_RECORDED,
        "year_group": _label(YearGroup, child.get("year_group")),
        "setting": setting.get("name") or NOT_RECORDED,
        "setting_kind": _label(SettingKind, setting.get("kind")),
        "setting_urn": setting.get("urn"),
        "locality": (child.get("locality") or {}).get("name") or NOT_RECORDED,
        "created_at": _moment(child.get("created_at")),
        "practitioners": child.get("practitioners") or [],
        "family": [
            {
                "invited_by": invitation.get("invited_by") or "someone no longer named",
                "invited_at": _moment(invitation.get("invited_at")),
                "accepted_by": invitation.get("accepted_by"),
                "accepted_at": _moment(invitation.get("accepted_at")),
            }
            for invitation in child.get("family") or []
        ],
    }


def _level(level):
    """``"2, regular targeted support"``: a level with what it means for the child."""
    if level is None:
        return "not looked at"
    return f"{level}, {wording.NEEDS[level]}"


def _planned(level):
    """A trajectory point: the support planned there, in the same words as a level."""
    return "not planned" if level is None else _level(level)


def _assessment(number, assessment, who, setting):
    return {
        "number": number,
        "taken_at_raw": assessment.get("taken_at"),
        "taken_at": _moment(assessment.get("taken_at")),
        "created_by": assessment.get("created_by") or "someone no longer named",
        "versions": [_version(v, who, setting) for v in assessment.get("versions") or []],
    }


def _version(version, who, setting):
    profile = version.get("profile") or {}
    areas = profile.get("areas") or {}
    need = version.get("need") or {}
    return {
        "number": version.get("number"),
        "from_family": version.get("source") == VersionSource.FAMILY,
        "source": _label(VersionSource, version.get("source")),
        "author": version.get("author") or "someone no longer named",
        "created_at": _moment(version.get("created_at")),
        "form": version.get("form"),
        "scheme": version.get("scheme"),
        "band": profile.get("band"),
        "areas": [_area(area, areas.get(area.code) or {}, need, who, setting) for area in AREAS],
        "texts": [
            ("Strengths", version.get("strengths")),
            ("Aspirations", version.get("aspirations")),
            (f"{who}'s own views", version.get("views")),
            ("The family's views", version.get("family_views")),
            ("The family's hopes", version.get("family_aspirations")),
        ],
        "family_views": version.get("family_views") or "",
        "family_aspirations": version.get("family_aspirations") or "",
    }


def _area(area, figures, need, who, setting):
    level, provision = figures.get("level"), figures.get("provision")
    confidence = figures.get("family_confidence")
    return {
        "name": area.name,
        "level": "not looked at" if level is None else f"{level}, {LEVELS[level].name}",
        "overall": wording.area_overall(who, level),
        "provision": wording.provision_sentence(setting, who, level, provision),
        "confidence": (
            NOT_RECORDED if confidence is None else wording.CONFIDENCE.get(confidence, confidence)
        ),
        "indicators": [
            {"name": indicator.name, "rating": _level(need.get(indicator.code))}
            for indicator in area.indicators
        ],
    }


def _plan(plan):
    support_types = support.SUPPORT_TYPES_BY_CODE
    area_names = {area.code: area.name for area in AREAS}
    trajectory = plan.get("trajectory") or {}
    return {
        "version": plan.get("version") or 0,
        "updated_at": _moment(plan.get("updated_at")),
        "support": [
            {
                "name": item.get("name"),
                "type": getattr(support_types.get(item.get("type")), "meaning", item.get("type")),
                "area": area_names.get(item.get("area"), item.get("area")),
                "hours": item.get("hours_per_week"),
                "provider": item.get("provider") or "",
                "starts": _day(item.get("starts")),
                "ends": _day(item.get("ends")),
                "until_age": item.get("planned_until_age"),
                "intrusive": item.get("intrusive"),
            }
            for item in plan.get("support") or []
        ],
        "outcomes": [
            {
                "text": outcome.get("text"),
                "area": area_names.get(outcome.get("area"), outcome.get("area")),
                "horizon": _labelled(support.HORIZON_LABELS, outcome.get("horizon")),
                "adulthood": support.ADULTHOOD_LABELS.get(outcome.get("adulthood")),
                "status": _labelled(support.STATUS_LABELS, outcome.get("status")),
                "reviewed_at": _moment(outcome.get("reviewed_at")),
            }
            for outcome in plan.get("outcomes") or []
        ],
        "points": [support.TRAJECTORY_LABELS[point] for point in support.TRAJECTORY_POINTS],
        "trajectory": [
            {
                "area": area.name,
                "levels": [
                    _planned((trajectory.get(area.code) or {}).get(point))
                    for point in support.TRAJECTORY_POINTS
                ],
            }
            for area in AREAS
        ],
        "has_trajectory": any(
            value is not None for points in trajectory.values() for value in points.values()
        ),
        "family_aspirations": plan.get("family_aspirations") or "",
    }


def _second_rating(rating, dates):
    need = rating.get("need")
    return {
        "round": rating.get("round"),
        "assessment_number": dates.get(rating.get("assessment_taken_at")),
        "assessment_taken_at": _moment(rating.get("assessment_taken_at")),
        "rater": rating.get("rater") or "someone no longer named",
        "assigned_at": _moment(rating.get("assigned_at")),
        "rated_at": _moment(rating.get("rated_at")),
        "band": rating.get("band"),
        "indicators": (
            [
                {
                    "area": area.name,
                    "name": indicator.name,
                    "rating": _level(need.get(indicator.code)),
                }
                for area in AREAS
                for indicator in area.indicators
            ]
            if need
            else []
        ),
    }


def _access(entry):
    return {
        "at": _moment(entry.get("at")),
        "username": entry.get("username") or "signed out",
        "action": _label(AccessEvent.Action, entry.get("action")),
        "path": entry.get("path") or "",
    }
