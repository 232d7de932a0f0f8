"""Reading a form's scored questions, and checking they cover the scheme.

A form's fields are wagtailstreamforms stream data: a list of
``{"type": ..., "value": {...}}``. This module turns that into bindings
(which form field rates which indicator or area) and says, in words an
editor understands, what stops a form being published as a needs-mapping or
family contribution form.
"""

import hashlib
import json
from collections import Counter
from dataclasses import dataclass

from wagtailstreamforms.fields import get_fields
from wagtailstreamforms.utils.general import get_slug_from_string

from vsend_plugin.scoring import AREAS, INDICATORS

NEED = "need_rating"
PROVISION = "provision_rating"
FAMILY_CONFIDENCE = "family_confidence_rating"
FREE_TEXT_TYPES = ("strengths", "aspirations", "views")
RATING_TYPES = {NEED: "indicator", PROVISION: "area", FAMILY_CONFIDENCE: "area"}

AREA_NAMES = {area.code: area.name for area in AREAS}


@dataclass(frozen=True)
class Binding:
    """One form field and what it means to the scheme."""

    field_name: str
    field_type: str
    code: str  # indicator code for need ratings, area code for area ratings, "" for free text
    label: str


def _raw_fields(fields):
    """Stream data as a list of dicts, from a StreamValue or raw data."""
    raw = getattr(fields, "raw_data", fields)
    return [dict(item) for item in raw]


def bindings(fields):
    """The scored and free-text fields of a form, in form order."""
    registered = get_fields()
    found = []
    for item in _raw_fields(fields):
        field_type, value = item.get("type"), item.get("value") or {}
        if field_type not in RATING_TYPES and field_type not in FREE_TEXT_TYPES:
            continue
        name = registered[field_type].get_formfield_name(value)
        code = value.get(RATING_TYPES[field_type], "") if field_type in RATING_TYPES else ""
        found.append(Binding(name, field_type, code or "", value.get("label", "")))
    return found


def _describe_indicator(code):
    indicator = INDICATORS[code]
    return f"{code} ({indicator.name}, in {AREA_NAMES[indicator.area]})"


def labels_problems(fields):
    """Answers are keyed by the label made into a slug, so those must differ too."""
    labels = {}
    for item in _raw_fields(fields):
        label = (item.get("value") or {}).get("label", "").strip()
        if label:
            labels.setdefault(get_slug_from_string(label), []).append(label)
    return [
        "Questions “" + "” and “".join(same) + "” have the same label once punctuation and "
        "capitals are set aside: give each question its own wording."
        for same in labels.values()
        if len(same) > 1
    ]


def needs_mapping_problems(fields):
    """Why these fields cannot be published as a needs-mapping form ([] when they can)."""
    problems = labels_problems(fields)
    found = bindings(fields)
    need_codes = Counter(b.code for b in found if b.field_type == NEED)
    for code in sorted(need_codes):
        if code not in INDICATORS:
            problems.append(
                f"A need rating is scored as “{code}”, which is not an indicator of the scheme. "
                "Choose one of the scheme's indicators."
            )
        elif need_codes[code] > 1:
            problems.append(
                f"{_describe_indicator(code)} is rated by {need_codes[code]} questions. "
                "Each indicator must be rated by exactly one question."
            )
    missing = [code for code in INDICATORS if code not in need_codes]
    if missing:
        problems.append(
            "The form does not rate every indicator of the scheme. Add a need rating for: "
            + "; ".join(_describe_indicator(code) for code in missing)
            + "."
        )
    problems += _area_problems(found, PROVISION, "provision rating") + _area_problems(
        found, FAMILY_CONFIDENCE, "family confidence rating"
    )
    return problems


def family_contribution_problems(fields):
    """Why these fields cannot be published as a family contribution form."""
    problems = labels_problems(fields)
    found = bindings(fields)
    if any(b.field_type == NEED for b in found):
        problems.append(
            "A family contribution form does not rate needs: remove its need ratings "
            "(practitioners rate needs on the needs-mapping form)."
        )
    problems += _area_problems(found, FAMILY_CONFIDENCE, "family confidence rating")
    if any(b.field_type == PROVISION for b in found):
        problems.append(
            "A family contribution form does not rate provision: remove its provision ratings."
        )
    for free_text in ("views", "aspirations"):
        if not any(b.field_type == free_text for b in found):
            problems.append(f"Ask for the family's {free_text}: add a {free_text} field.")
    rated = {b.code for b in found if b.field_type == FAMILY_CONFIDENCE}
    missing = [area.code for area in AREAS if area.code not in rated]
    if missing:
        problems.append(
            "Ask the family how confident they feel in every area. Add a family confidence "
            "rating for: " + "; ".join(f"{code} ({AREA_NAMES[code]})" for code in missing) + "."
        )
    return problems


def _area_problems(found, field_type, what):
    counts = Counter(b.code for b in found if b.field_type == field_type)
    problems = []
    for code in sorted(counts):
        if code not in AREA_NAMES:
            problems.append(f"A {what} is scored as “{code}”, which is not an area of the scheme.")
        elif counts[code] > 1:
            problems.append(
                f"{AREA_NAMES[code]} has {counts[code]} questions of type {what}; ask it once."
            )
    return problems


def fingerprint(fields):
    """A digest of the questions, to tell when a form's version must go up."""
    canonical = [
        {"type": item.get("type"), "value": item.get("value")} for item in _raw_fields(fields)
    ]
    return hashlib.sha256(
        json.dumps(canonical, sort_keys=True, default=str).encode("utf-8")
    ).hexdigest()
