"""The scheme's figures in words people use: sentences a parent carer and a teacher understand.

A profile says "level 2", "gap 1" and "intensity -1.00"; a family reads
"needs regular targeted support" and "Understanding language got easier:
from needing regular targeted support to needing a little extra help". Every
page, section and PDF that turns a level, a gap, a provision rating or a
change into words takes its words from here, so that one thing is always
said the same way and a template never spells out a sentence of its own.

The figures stay where practitioners need them, in the tables. This module
reads the published profile and comparison shapes
(:meth:`vsend_plugin.scoring.Profile.as_dict`,
:meth:`vsend_plugin.scoring.Comparison.as_dict`) and the raw indicator
ratings, and never changes them. It lives in ``core`` so that every app above
it (the local offer's signposting as well as children's pages) can use it.
"""

from vsend_plugin.scoring import AREAS, INDICATORS
from vsend_plugin.scoring.scheme import AREAS_BY_CODE

#: What a child at each level needs, after "needs" or "needing". Each is the
#: scheme's level descriptor (docs/scoring.md) said without its jargon.
NEEDS = {
    0: "no more help than every setting gives all children",
    1: "a little extra help",
    2: "regular targeted support",
    3: "specialist help for much of the day",
    4: "intensive specialist support all through the day",
}

#: How confident the family feels helping at home, for each rating 0 to 4.
CONFIDENCE = {
    0: "not at all confident",
    1: "a little confident",
    2: "fairly confident",
    3: "mostly confident",
    4: "fully confident",
}

NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}

#: The lowest level at which an indicator counts as "hard" whatever the rest of the area is.
HARD_LEVEL = 2


def needs(level):
    """``"needs regular targeted support"``: what a child at this level needs."""
    return f"needs {NEEDS[level]}"


def needing(level):
    """``"needing regular targeted support"``: the same, to follow "from" or "to"."""
    return f"needing {NEEDS[level]}"


def areas_count(count):
    """``"one area"``, ``"three areas"``."""
    return f"{NUMBER_WORDS.get(count, count)} area{'' if count == 1 else 's'}"


def change_sentence(name, before, after, intensity_change=None):
    """How one indicator or area moved between two needs mappings, as one sentence.

    ``before`` and ``after`` are levels (``None`` when not rated); for an area,
    ``intensity_change`` (current minus previous) tells a small move within
    the same level.
    """
    if before is None and after is None:
        return f"{name} was not looked at either time."
    if before is None:
        return f"{name} was looked at for the first time: {needing(after)}."
    if after is None:
        return f"{name} was not looked at this time, so there is nothing to compare."
    if after < before:
        return f"{name} got easier: from {needing(before)} to {needing(after)}."
    if after > before:
        return f"{name} got harder: from {needing(before)} to {needing(after)}."
    if intensity_change:
        if intensity_change < 0:
            return (
                f"{name} got a little easier: still {needing(after)} at most, "
                "with less need across the area than last time."
            )
        return (
            f"{name} got a little harder: still {needing(after)} at most, "
            "with more need across the area than last time."
        )
    return f"{name} stayed the same: {needing(after)}."


def area_changes(comparison, previous_profile, profile):
    """One sentence per area, in the scheme's order, from a comparison and its two profiles."""
    changes = (comparison or {}).get("areas") or {}
    before_areas = (previous_profile or {}).get("areas") or {}
    after_areas = (profile or {}).get("areas") or {}
    return [
        {
            "code": area.code,
            "name": area.name,
            "sentence": change_sentence(
                area.name,
                (before_areas.get(area.code) or {}).get("level"),
                (after_areas.get(area.code) or {}).get("level"),
                (changes.get(area.code) or {}).get("intensity_change"),
            ),
        }
        for area in AREAS
    ]


def indicator_changes(previous_need, need):
    """Sentences for the indicators whose level changed, in the scheme's order.

    An indicator looked at for the first time is said too; one that stayed
    the same, or was not looked at this time, is left out. Without both sets
    of ratings there is nothing to say.
    """
    if previous_need is None or need is None:
        return []
    sentences = []
    for code, indicator in INDICATORS.items():
        before, after = previous_need.get(code), need.get(code)
        if before != after and not (before is not None and after is None):
            sentences.append(change_sentence(indicator.name, before, after))
    return sentences


def first_assessment(who):
    return (
        f"This is {who}'s first needs mapping, so there is nothing to compare with yet. "
        "Changes will be shown here after the next one."
    )


def trend_sentence(trend, who, previous_date=None):
    """The overall change, without band letters."""
    last = "the last needs mapping"
    if previous_date:
        last += f" on {day_month_year(previous_date)}"
    if trend == "escalating":
        return f"Overall, {who} needs more support than at {last}."
    if trend == "improving":
        return f"Overall, {who} needs less support than at {last}."
    if trend == "stable":
        return f"Overall, {who} needs about the same support as at {last}."
    return (
        f"Not every area was looked at both times, so there is no overall comparison with {last}. "
        "The areas looked at both times are compared here."
    )


def area_overall(who, level):
    """How much help the child needs in one area, overall."""
    if level is None:
        return "This area was not looked at this time."
    if level == 0:
        return f"{who} needs no more help with this than every setting gives all children."
    return f"Overall, {who} {needs(level)} with this."


def hard_and_easier(area_code, need):
    """What the child finds hard and what easier in one area, from its indicator ratings.

    Returns ``(hard, easier, not_looked_at)``: the first two are lists of
    ``(indicator name, what the child needs)``, the last a list of names.
    An indicator is hard at level 2 or more; when nothing in the area reaches
    2, the ones at level 1 are the hard ones, because they are still where
    the child needs more help than elsewhere.
    """
    need = need or {}
    area = AREAS_BY_CODE[area_code]
    rated = [(i, need.get(i.code)) for i in area.indicators if need.get(i.code) is not None]
    not_looked_at = [i.name for i in area.indicators if need.get(i.code) is None]
    top = max((level for _, level in rated), default=0)
    threshold = HARD_LEVEL if top >= HARD_LEVEL else 1
    hard = [(i.name, needs(level)) for i, level in rated if level >= threshold]
    easier = [(i.name, needs(level)) for i, level in rated if level < threshold]
    return hard, easier, not_looked_at


def provision_sentence(setting, who, level, provision):
    """What the setting has in place in one area, and whether it covers what the child needs."""
    if provision is None:
        return f"What {setting} has in place for this was not recorded."
    if provision == 0:
        has = f"{setting} gives the help every setting gives all children"
    else:
        has = f"{setting} has support in place for a child {needing(provision)}"
    if level is None:
        return f"{has}."
    if level > provision:
        return f"{has}. {who} {needs(level)}, which is more than that."
    return f"{has}, which covers what {who} needs."


def confidence_sentence(confidence):
    """The family's own rating of how confident they feel helping at home, said back to them."""
    if confidence is None:
        return "You have not said yet how confident you feel helping with this at home."
    return f"You said you feel {CONFIDENCE[confidence]} helping with this at home."


def unmet_summary(profile, who):
    """Where the child needs more than the setting has in place: a sentence, and one per area."""
    profile = profile or {}
    if profile.get("unmet") is None:
        return {
            "sentence": "Not known: what the setting has in place was not recorded.",
            "areas": [],
        }
    codes = list(profile.get("unmet_areas") or [])
    if not codes:
        return {
            "sentence": (
                f"The setting has in place what {who} needs, in every area where that was recorded."
            ),
            "areas": [],
        }
    areas = profile.get("areas") or {}
    lines = []
    for code in codes:
        area = areas.get(code) or {}
        level, provision = area.get("level"), area.get("provision")
        has = (
            "only the help every setting gives all children"
            if provision == 0
            else f"support for a child {needing(provision)}"
        )
        lines.append(f"{AREAS_BY_CODE[code].name}: {who} {needs(level)}; the setting has {has}.")
    return {
        "sentence": f"{who} needs more than the setting has in place in {areas_count(len(codes))}.",
        "areas": lines,
    }


def day_month_year(day):
    return f"{day.day} {day:%B %Y}"
