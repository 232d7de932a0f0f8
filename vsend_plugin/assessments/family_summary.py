"""A child's summary written for their family, from the same assessment the practitioner reads.

The practitioner's page is built for people who plan support: levels, gaps,
intensities, bands and version numbers. A parent carer needs the same record
told plainly: in each area, what their child finds hard and what easier, what
the setting has in place, what has changed, their own views, and where to
find local help. Nothing here is a measure a family cannot act on; the
sentences come from :mod:`vsend_plugin.core.wording`.
"""

from django.apps import apps

from vsend_plugin.core import wording
from vsend_plugin.scoring import AREAS
from vsend_plugin.scoring.scheme import AREAS_BY_CODE


def family_summary(version, summary):
    """The family page's context for one assessment version and its ``summary_for`` dict."""
    child = version.assessment.child
    who = child.given_name
    profile = summary["profile"] or {}
    areas = profile.get("areas") or {}
    need = summary.get("need") or {}
    primary = profile.get("primary_area")
    return {
        "who": who,
        "mapped_on": summary["assessment"]["date"],
        "mapped_by": summary["assessment"]["author"],
        "setting": child.setting.name,
        "most_help": (
            f"{who} needs most help with {_area_name(primary).lower()}." if primary else None
        ),
        "areas": [
            _area(area, areas.get(area.code) or {}, need, who, child.setting.name) for area in AREAS
        ],
        "changes": _changes(summary, who),
        "texts": _texts(version, who),
        "family_has_spoken": bool(version.family_views or version.family_aspirations),
    }


def _area_name(code):
    return AREAS_BY_CODE[code].name


def _area(area, result, need, who, setting):
    level = result.get("level")
    hard, easier, not_looked_at = wording.hard_and_easier(area.code, need)
    return {
        "code": area.code,
        "name": area.name,
        "overall": wording.area_overall(who, level),
        "hard": hard,
        "easier": easier,
        "not_looked_at": not_looked_at if level is not None else [],
        "provision": wording.provision_sentence(setting, who, level, result.get("provision")),
        "confidence": wording.confidence_sentence(result.get("family_confidence")),
    }


def _changes(summary, who):
    comparison = summary.get("comparison")
    if summary.get("previous_date") is None:
        return {"first": wording.first_assessment(who)}
    if comparison is None:  # the two were scored under different schemes
        return {
            "overall": "The last needs mapping was made in a different way, so it cannot be "
            "compared with this one."
        }
    details = wording.indicator_changes(summary.get("previous_need"), summary.get("need"))
    return {
        "overall": wording.trend_sentence(comparison.get("trend"), who, summary["previous_date"]),
        "details": details,
        "rest": "Everything else stayed the same."
        if details
        else f"Nothing changed in what {who} needs.",
    }


def _texts(version, who):
    return [
        {
            "id": "going-well",
            "heading": "What is going well",
            "text": version.strengths,
            "empty": "Nothing was written down about this yet.",
        },
        {
            "id": "childs-views",
            "heading": f"What {who} says",
            "text": version.views,
            "empty": f"{who}'s own views were not written down this time.",
        },
        {
            "id": "hopes",
            "heading": "Hopes for the future",
            "text": version.aspirations,
            "empty": "Nothing was written down about this yet.",
        },
    ]


def local_offer_for(council):
    """The council's local offer front page, where the family can look for more help.

    ``None`` when there is none, or the project runs without the local offer app.
    """
    if not apps.is_installed("vsend_plugin.local_offer"):
        return None
    from vsend_plugin.local_offer.models import LocalOfferIndexPage

    return LocalOfferIndexPage.objects.live().descendant_of(council.site.root_page).first()
