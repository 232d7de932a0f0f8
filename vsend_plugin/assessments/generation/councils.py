"""Synthetic councils: their numbers, names and codes, localities, settings and staff.

Generated councils never clash with real ones, the demo's or the tests':
slugs are ``synthetic-001`` onwards, ONS codes E06900001 onwards (the E06
unitary-authority pattern with numbers no authority holds; the demo uses
E06000991-993), and settings' URNs start with 7 (real URNs and the demo's
do not). A council is described in the shape the demo loader's councils file
uses, so the reference site makes it exactly as it makes the demo's.
"""

import random
import re

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.text import slugify

from vsend_plugin.core.models import Council, Practitioner, Role, Setting, SettingKind

from ..synthetic import GIVEN_NAMES
from .plan import MAX_COUNCILS, GenerationError

SLUG_PREFIX = "synthetic-"
ONS_CODE_BASE = 900000
URN_PREFIX = "7"

_PLACE_ENDINGS = (
    "Vale",
    "Hill",
    "Green",
    "Fields",
    "Brook",
    "Moor",
    "Cross",
    "Heath",
    "Bay",
    "End",
)
_SETTING_ENDINGS = ("Lane", "Park", "Road", "Meadow", "Bank", "Grove", "Way", "Rise")

#: Children known to the service per setting, and the most settings a council has, by kind:
#: most children are in primary and secondary schools, and a few special schools take many
#: of those with high needs (sizes in line with an average English authority).
SETTING_SCALE = {
    SettingKind.NURSERY: (400, 300),
    SettingKind.PRIMARY: (120, 450),
    SettingKind.SECONDARY: (500, 100),
    SettingKind.SPECIAL: (1500, 25),
    SettingKind.ALTERNATIVE_PROVISION: (4000, 10),
    SettingKind.COLLEGE: (5000, 10),
}
SETTING_NAMES = {
    SettingKind.NURSERY: "Nursery",
    SettingKind.PRIMARY: "Primary School",
    SettingKind.SECONDARY: "Academy",
    SettingKind.SPECIAL: "Special School",
    SettingKind.ALTERNATIVE_PROVISION: "Learning Centre",
    SettingKind.COLLEGE: "College",
}


def council_slug(number):
    return f"{SLUG_PREFIX}{number:03d}"


def council_name(number):
    return f"Synthetic Council {number:03d}"


def ons_code(number):
    return f"E06{ONS_CODE_BASE + number:06d}"


def council_number(council):
    """A generated council's number (its slug's), or its primary key for any other council."""
    match = re.fullmatch(rf"{SLUG_PREFIX}(\d+)", council.slug)
    return int(match[1]) if match else council.pk


def next_council_numbers(count):
    """The numbers of ``count`` new synthetic councils, after those already made.

    Raises :class:`GenerationError` naming any council that already holds a
    slug, name or ONS code the new ones would take.
    """
    taken = [
        council_number(council)
        for council in Council.objects.filter(slug__regex=rf"^{SLUG_PREFIX}\d+$").only("pk", "slug")
    ]
    first = max(taken, default=0) + 1
    if first + count - 1 > MAX_COUNCILS:
        raise GenerationError(
            f"There are already {len(taken)} synthetic councils (up to {council_slug(first - 1)}); "
            f"{count} more would pass {council_slug(MAX_COUNCILS)}. Generate into a fresh database."
        )
    numbers = list(range(first, first + count))
    clashes = Council.objects.filter(
        Q(slug__in=[council_slug(n) for n in numbers])
        | Q(ons_code__in=[ons_code(n) for n in numbers])
        | Q(name__in=[council_name(n) for n in numbers])
    ).order_by("name")
    if clashes:
        raise GenerationError(
            "Councils already use the slugs, names or ONS codes generated councils would take: "
            + ", ".join(f"{c.name} ({c.slug}, {c.ons_code})" for c in clashes)
            + ". Rename them or generate into another database."
        )
    return numbers


def setting_counts(children):
    """How many settings of each kind a council with this many children has."""
    return {kind: max(1, min(most, children // per)) for kind, (per, most) in SETTING_SCALE.items()}


def council_data(number, *, children, seed=0):
    """A synthetic council as the demo loader's councils file describes one.

    Localities (three to eight, more for bigger councils) and settings of
    every kind, in numbers that grow with the council's children.
    """
    rng = random.Random(f"vsend-generate-council-{seed}-{number}")
    words = rng.sample(GIVEN_NAMES, 8)
    endings = rng.sample(_PLACE_ENDINGS, 8)
    localities = [
        {"slug": slugify(f"{word} {ending}"), "name": f"{word} {ending}"}
        for word, ending in zip(words[: 3 + min(5, children // 1500)], endings, strict=False)
    ]
    settings, names = [], set()
    for kind, count in setting_counts(children).items():
        for _ in range(count):
            name = _setting_name(rng, kind, names)
            names.add(name)
            urn = f"{URN_PREFIX}{number:03d}{len(settings) + 1:03d}"
            settings.append(
                {
                    "name": name,
                    "kind": str(kind),
                    "urn": f"EY{urn}" if kind == SettingKind.NURSERY else urn,
                    "locality": rng.choice(localities)["slug"],
                }
            )
    return {
        "slug": council_slug(number),
        "name": council_name(number),
        "ons_code": ons_code(number),
        "introduction": "A fictional council with synthetic children, for trying vsend at scale.",
        "localities": localities,
        "settings": _without_taken_urns(settings),
    }


def _setting_name(rng, kind, taken):
    base = f"{rng.choice(GIVEN_NAMES)} {rng.choice(_SETTING_ENDINGS)} {SETTING_NAMES[kind]}"
    name, copy = base, 1
    while name in taken:
        copy += 1
        name = f"{base} {copy}"
    return name


def _without_taken_urns(settings):
    """URNs are unique on the install: a setting whose URN is already used goes without one."""
    urns = [setting["urn"] for setting in settings]
    taken = set(Setting.objects.filter(urn__in=urns).values_list("urn", flat=True))
    return [{**setting, "urn": ""} if setting["urn"] in taken else setting for setting in settings]


def council_staff(council):
    """The council's synthetic practitioner (author of every assessment) and SEND officer.

    Neither can sign in (no usable password); an administrator can set one.
    """
    User = get_user_model()
    staff = {}
    for role in (Role.PRACTITIONER, Role.OFFICER):
        user, created = User.objects.get_or_create(
            username=f"{council.slug}-{role.value}",
            defaults={"first_name": role.label, "last_name": "(synthetic)"},
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        user.groups.add(council.group_for(role))
        staff[role] = user
    Practitioner.objects.get_or_create(
        user=staff[Role.PRACTITIONER],
        council=council,
        defaults={"setting": council.settings.order_by("name").first(), "job_title": "SENCO"},
    )
    return staff[Role.PRACTITIONER], staff[Role.OFFICER]
