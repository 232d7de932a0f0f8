"""Needs-led signposting: local services that fit a child's needs, age and locality, best first.

A service is suggested for each area where the child's need is at level 2 or
more, or where the setting's provision falls short (a gap). Services that
meet more of those areas, higher needs and gaps, the child's locality and age
come first, and each suggestion says why it was made.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from vsend_plugin.core.wording import needs

from .models import ServicePage

SIGNPOST_LEVEL = 2


@dataclass
class Suggestion:
    service: ServicePage
    reasons: list
    score: float


def areas_to_signpost(profile):
    """Area codes with need at level 2+ or an unmet gap: ``(weight, what the child needs)``.

    What the child needs is said in words (``"needs regular targeted
    support"``), to follow the child's name in a reason families read.
    """
    reasons = {}
    for code, area in (profile.get("areas") or {}).items():
        level, gap = area.get("level"), area.get("gap")
        if gap:
            reasons[code] = (level or 0) + 2 * gap, "needs more help than the setting has in place"
        elif level is not None and level >= SIGNPOST_LEVEL:
            reasons[code] = level, needs(level)
    return reasons


def age_of(child, today=None):
    today = today or timezone.localdate()
    return today.year - child.birth_year - (1 if today.month < child.birth_month else 0)


def suggestions_for(child, profile, *, limit=5):
    wanted = areas_to_signpost(profile)
    if not wanted:
        return []
    age = age_of(child)
    services = (
        ServicePage.objects.live()
        .descendant_of(child.council.site.root_page)
        .filter(areas_of_need__code__in=list(wanted))
        .filter(Q(min_age__isnull=True) | Q(min_age__lte=age))
        .filter(Q(max_age__isnull=True) | Q(max_age__gte=age))
        .filter(Q(localities=child.locality) | Q(localities__isnull=True))
        .distinct()
        .prefetch_related("areas_of_need", "localities")
    )
    found = []
    for service in services:
        matched = [area for area in service.areas_of_need.all() if area.code in wanted]
        reasons = [
            f"Helps with {area.name.lower()}, where {child.given_name} {wanted[area.code][1]}."
            for area in matched
        ]
        score = sum(wanted[area.code][0] for area in matched)
        if any(locality.pk == child.locality_id for locality in service.localities.all()):
            reasons.append(f"Runs in {child.locality.name}.")
            score += 1
        reasons.append(f"Open to children aged {age}.")
        found.append(Suggestion(service, reasons, score))
    found.sort(key=lambda s: (-s.score, s.service.title))
    return found[:limit]
