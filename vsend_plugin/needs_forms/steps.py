"""Splitting a needs-mapping form into question pages: one step an area, then the rest.

A council's form is one list of questions. Asked on one page it is far too
long, so it is asked a step at a time (the GOV.UK "question pages" pattern):
each area of the scheme is a step, holding its need ratings and the area's
provision and family confidence ratings; strengths, hopes and views make a
last step. An unscored local question joins the step of the scored question
before it (or, when it comes first, of the first scored question), so a
council's own questions stay beside the ones they were written next to.
Steps come in the order the form first asks about them.
"""

from dataclasses import dataclass

from django.utils.text import slugify
from wagtailstreamforms.fields import get_fields

from vsend_plugin.scoring import AREAS, INDICATORS

from .binding import FAMILY_CONFIDENCE, FREE_TEXT_TYPES, NEED, PROVISION, _raw_fields

ABOUT_THE_CHILD = "strengths-hopes-and-views"
AREA_NAMES = {area.code: area.name for area in AREAS}


@dataclass(frozen=True)
class Step:
    """One question page: its address within the form, heading and fields in form order."""

    slug: str
    title: str
    field_names: tuple[str, ...]
    area: str = ""  # the area's code; "" for the strengths, hopes and views step


def area_slug(code):
    return slugify(AREA_NAMES[code].replace("/", " "))


def _step_key(field_type, value):
    """Which step a field belongs on: an area's code, ABOUT_THE_CHILD, or None (unscored)."""
    if field_type == NEED:
        indicator = INDICATORS.get(value.get("indicator") or "")
        return indicator.area if indicator else None
    if field_type in (PROVISION, FAMILY_CONFIDENCE):
        code = value.get("area") or ""
        return code if code in AREA_NAMES else None
    if field_type in FREE_TEXT_TYPES:
        return ABOUT_THE_CHILD
    return None


def steps_for(fields):
    """The steps of a form's fields (stream data), in the order the form asks them."""
    registered = get_fields()
    grouped = {}  # step key -> field names; dicts keep first-seen order
    waiting = []  # unscored questions before the first scored one
    current = None
    for item in _raw_fields(fields):
        field_type, value = item.get("type"), item.get("value") or {}
        if field_type not in registered:
            continue
        name = registered[field_type].get_formfield_name(value)
        key = _step_key(field_type, value) or current
        if key is None:
            waiting.append(name)
            continue
        names = grouped.setdefault(key, [])
        if waiting:
            names.extend(waiting)
            waiting = []
        names.append(name)
        current = key
    if waiting:  # a form with no scored question at all
        grouped.setdefault(ABOUT_THE_CHILD, []).extend(waiting)
    return [
        Step(ABOUT_THE_CHILD, "Strengths, hopes and views", tuple(names))
        if key == ABOUT_THE_CHILD
        else Step(area_slug(key), AREA_NAMES[key], tuple(names), area=key)
        for key, names in grouped.items()
    ]


def step_named(steps, slug):
    """The step with this address, or None."""
    return next((step for step in steps if step.slug == slug), None)
