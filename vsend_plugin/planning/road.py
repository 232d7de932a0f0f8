"""The road to adulthood: a child's plan read area by area, from the need now to 18.

For each area of need: the need level now (from the latest assessment's
profile), the planned provision level at each trajectory point, the
outcomes at each horizon, and the support in the plan, with intrusive
support flagged and the question every family should be asked about it.
Where planned provision never steps down, or where support that may limit
independence has no age it is planned to continue until, it is said in a
sentence: those are the conversations the plan is meant to prompt.

The practitioner's page, the family's page, the child's page and the PDF
summary all read the same rows, so they never disagree.
"""

from vsend_plugin.scoring import AREAS, LEVELS

from . import scheme

PROVISION_WORDS = {
    0: "universal provision only",
    1: "a little extra help",
    2: "regular targeted support",
    3: "specialist help for much of the day",
    4: "intensive specialist support",
}


def hours_words(hours):
    """``"20 hours a week"``, ``"2.5 hours a week"``, ``"1 hour a week"``; ``""`` for none."""
    if hours is None:
        return ""
    text = f"{hours.normalize():f}" if hasattr(hours, "normalize") else str(hours)
    return f"{text} hour{'' if text == '1' else 's'} a week"


def item_row(item):
    """A support item, worded: what it is, how much, for how long, and whether it is intrusive."""
    kind = scheme.SUPPORT_TYPES_BY_CODE.get(item.support_type)
    return {
        "item": item,
        "id": item.pk,
        "name": item.name,
        "type": item.support_type,
        "type_meaning": kind.meaning if kind else item.support_type,
        "area": item.area,
        "hours": hours_words(item.hours_per_week),
        "provider": item.provider,
        "starts": item.starts,
        "ends": item.ends,
        "planned_until_age": item.planned_until_age,
        "intrusive": item.intrusive,
        "may_limit": bool(kind and kind.independence == scheme.MAY_LIMIT),
    }


def steps_down_sentence(name, levels):
    """Where planned provision goes from now to 18, in words."""
    result = scheme.steps_down(levels)
    now, *later = levels
    planned = [level for level in later if level is not None]
    if now is None and not planned:
        return ""
    if result is None:
        if now == 0 and planned:
            if max(planned) == 0:
                return f"{name}: universal provision only, now and towards 18."
            return f"{name}: planned provision rises from level 0 now to level {max(planned)}."
        if now is None:
            return f"{name}: no provision level is planned for now, so there is nothing to compare."
        return f"{name}: only the level now is planned; nothing is planned towards adulthood yet."
    if result:
        return (
            f"{name}: planned provision steps down, from level {now} now "
            f"to level {min(planned)} by 18."
        )
    if max(planned) > now:
        return (
            f"{name}: planned provision never steps down: it rises from level {now} now "
            f"to level {max(planned)}, and does not come back below where it is now."
        )
    return (
        f"{name}: planned provision never steps down: it stays at level {now} "
        "all the way to 18. Is that what the family and the young person want?"
    )


def no_end_sentence(row):
    return (
        f"{row['name']} ({row['type_meaning'].lower()}) can limit independence, and no age "
        "is planned for it to continue until: agree when it should step down."
    )


def road_to_adulthood(plan, profile=None):
    """One row per area: need now, planned provision, outcomes by horizon, support, sentences.

    ``plan`` is a :class:`~vsend_plugin.planning.models.SupportPlan` or ``None``;
    ``profile`` the latest assessment's profile dict, or ``None``.
    """
    areas_now = (profile or {}).get("areas") or {}
    trajectory = (plan.trajectory if plan else None) or {}
    items = list(plan.support.order_by("starts", "pk")) if plan else []
    outcomes = list(plan.outcomes.order_by("pk")) if plan else []
    rows = []
    for area in AREAS:
        code = area.code
        points = trajectory.get(code) or {}
        levels = [points.get(point) for point in scheme.TRAJECTORY_POINTS]
        need = (areas_now.get(code) or {}).get("level")
        support = [item_row(item) for item in items if item.area == code]
        by_horizon = [
            {
                "horizon": horizon,
                "label": scheme.HORIZON_LABELS[horizon],
                "outcomes": [o for o in outcomes if o.area == code and o.horizon == horizon],
            }
            for horizon in scheme.HORIZONS
        ]
        sentences = []
        if sentence := steps_down_sentence(area.name, levels):
            sentences.append(sentence)
        sentences += [
            no_end_sentence(row)
            for row in support
            if row["may_limit"] and row["planned_until_age"] is None
        ]
        rows.append(
            {
                "code": code,
                "name": area.name,
                "need": need,
                "need_words": "not rated" if need is None else f"{need} {LEVELS[need].name}",
                "points": [
                    (point, scheme.TRAJECTORY_LABELS[point], level)
                    for point, level in zip(scheme.TRAJECTORY_POINTS, levels, strict=True)
                ],
                "steps_down": scheme.steps_down(levels),
                "support": support,
                "intrusive": [row for row in support if row["intrusive"]],
                "horizons": [entry for entry in by_horizon if entry["outcomes"]],
                "outcome_count": sum(len(entry["outcomes"]) for entry in by_horizon),
                "sentences": sentences,
                "planned": any(level is not None for level in levels)
                or bool(support)
                or any(entry["outcomes"] for entry in by_horizon),
            }
        )
    return rows


def intrusive_rows(road):
    """Every intrusive item of the plan, with its area's name."""
    return [dict(row, area_name=area["name"]) for area in road for row in area["intrusive"]]
