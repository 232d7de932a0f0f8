"""Synthetic support plans: a default provision catalogue, and plans drawn from children's needs.

The demo and ``vsend_generate`` give children plans so that the evaluation
(:mod:`.evaluation`) has something to evaluate: support bound to the areas
the child's first assessment found needs in, more and heavier support where
the need is higher, hours where hours apply, some one-to-one support planned
to 16 or beyond (intrusive, so the planning view has something to flag),
outcomes per area reviewed at the child's next assessments, and a trajectory
of planned provision that mostly steps down towards 18. Every name and word
is invented.

Two ways to write them, for two sizes:

- :func:`write_plan` goes through :func:`.plans.save_plan` and
  :func:`.plans.review_outcome`, as a practitioner's pages do, so that the
  demo's named children have a plan with its whole history of versions;
- :func:`give_plans` writes many plans at once for generated children
  (thousands a second): the rows in bulk (``COPY`` on PostgreSQL, as
  :mod:`vsend_plugin.assessments.generation` writes assessments) and one
  :class:`~.models.SupportPlanVersion` per plan holding the plan as it stands.

The drawing (:func:`draw_plan`) is plain computation on plain values, seeded
per child, so the same data gives the same plans.
"""

import json
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from vsend_plugin.assessments.generation.storing import insert_rows
from vsend_plugin.assessments.models import AssessmentVersion
from vsend_plugin.local_offer.models import ServicePage

from . import scheme
from .models import (
    Outcome,
    ProvisionService,
    SupportItem,
    SupportPlan,
    SupportPlanVersion,
    VersionSource,
)
from .plans import plan_document, review_outcome, save_plan


@dataclass(frozen=True)
class CatalogueEntry:
    name: str
    support_type: str
    areas: tuple
    typical_hours: str | None
    description: str
    #: Titles of demo local offer services (fixtures/demo/services.yaml) it is linked to.
    services: tuple = ()


#: The demo councils' default catalogue: named services and interventions bound to types.
CATALOGUE = (
    CatalogueEntry(
        "Quality-first teaching adjustments",
        "universal",
        ("CI", "CL", "SEMH", "SP"),
        None,
        "Visual timetables, pre-taught vocabulary, movement breaks and seating planned for "
        "the child: what every classroom should do.",
    ),
    CatalogueEntry(
        "Talk Boost",
        "group",
        ("CI",),
        "1.5",
        "A ten-week small-group programme for children who are behind with talking.",
        ("Speech and language drop-in",),
    ),
    CatalogueEntry(
        "Reading and maths catch-up",
        "group",
        ("CL",),
        "2",
        "Small-group catch-up sessions, three times a week for a term.",
        ("Reading and maths catch-up club",),
    ),
    CatalogueEntry(
        "Nurture group",
        "group",
        ("SEMH",),
        "5",
        "A small, calm class for part of the day, with a return to the main class planned.",
    ),
    CatalogueEntry(
        "Social skills group",
        "social_skills",
        ("CI", "SEMH"),
        "1",
        "A weekly group for making and keeping friends.",
        ("Social communication group",),
    ),
    CatalogueEntry(
        "Peer mentoring",
        "social_skills",
        ("SEMH", "IND"),
        "1",
        "An older pupil meets the child each week.",
    ),
    CatalogueEntry(
        "Teaching assistant support in class",
        "adult_shared",
        ("CL", "CI", "SEMH"),
        "8",
        "A teaching assistant shared with others in the class.",
    ),
    CatalogueEntry(
        "Learning mentor",
        "adult_1to1",
        ("SEMH", "CL"),
        "10",
        "A named adult who works with the child one to one through the school day.",
    ),
    CatalogueEntry(
        "One-to-one teaching assistant",
        "adult_1to1",
        ("CL", "CI", "SP"),
        "20",
        "A teaching assistant with the child alone for most of the day.",
    ),
    CatalogueEntry(
        "Speech and language therapy",
        "therapy_slt",
        ("CI",),
        "0.5",
        "Therapy sessions and a programme for school and home to follow.",
        ("Children's speech and language therapy",),
    ),
    CatalogueEntry(
        "Occupational therapy programme",
        "therapy_ot",
        ("SP", "IND"),
        "0.5",
        "A programme for handwriting, dressing and sensory needs.",
        ("Children's occupational therapy",),
    ),
    CatalogueEntry(
        "Physiotherapy programme",
        "therapy_physio",
        ("SP",),
        "0.5",
        "Exercises in school, set and reviewed by a physiotherapist.",
        ("Children's physiotherapy",),
    ),
    CatalogueEntry(
        "Educational psychology consultation",
        "ep",
        ("CL", "SEMH"),
        None,
        "Consultation with the school and family, and advice for the plan.",
    ),
    CatalogueEntry(
        "Mental health support team",
        "mental_health",
        ("SEMH",),
        "1",
        "Short-term work with a mental health practitioner in school.",
        ("Mental health support team in schools", "Worry and wellbeing workshops"),
    ),
    CatalogueEntry(
        "School counselling",
        "mental_health",
        ("SEMH",),
        "1",
        "Weekly sessions with the school counsellor.",
        ("Young people's mental health service",),
    ),
    CatalogueEntry(
        "Hearing support teacher",
        "sensory_specialist",
        ("SP", "CI"),
        "1",
        "Visits from a qualified teacher of deaf children.",
        ("Sensory support service (hearing)",),
    ),
    CatalogueEntry(
        "Vision support teacher",
        "sensory_specialist",
        ("SP",),
        "1",
        "Visits from a qualified teacher of children with vision impairment.",
        ("Sensory support service (vision)",),
    ),
    CatalogueEntry(
        "Assistive technology",
        "equipment",
        ("SP", "CL"),
        None,
        "A laptop with speech-to-text, a writing slope, or other equipment.",
    ),
    CatalogueEntry(
        "Health care plan",
        "health_care",
        ("SP",),
        None,
        "A written plan for medical needs in the setting, with trained staff.",
        ("Children's epilepsy nurses",),
    ),
    CatalogueEntry(
        "Travel training",
        "independence_skills",
        ("IND",),
        "2",
        "Learning to travel to school or college alone, step by step.",
        ("Travel training",),
    ),
    CatalogueEntry(
        "Life skills programme",
        "independence_skills",
        ("IND",),
        "3",
        "Cooking, money and self-care, practised each week.",
        ("Preparing for adulthood advice",),
    ),
    CatalogueEntry(
        "Resource base place",
        "specialist_place",
        ("CL", "CI"),
        None,
        "A place in a specialist resource base in a mainstream school.",
    ),
    CatalogueEntry(
        "Escorted school transport",
        "transport_escorted",
        ("IND",),
        None,
        "A taxi or minibus to school with a passenger assistant.",
    ),
    CatalogueEntry(
        "Short breaks club",
        "short_breaks",
        ("SEMH", "IND"),
        None,
        "After-school and holiday clubs, giving the family a break.",
        ("Short breaks activity club", "Holiday playscheme for disabled children"),
    ),
    CatalogueEntry(
        "Parent carer workshops",
        "family_support",
        ("SEMH", "CI"),
        None,
        "Workshops for parents and carers on understanding and supporting their child.",
        ("ADHD parent workshops", "Autism family support"),
    ),
)


def set_up_catalogue(council):
    """Give ``council`` the default catalogue, linked to its local offer services. Idempotent.

    Entries are matched by name, so running it again changes nothing, and an
    entry the council has edited keeps its edits (only missing links are added).
    """
    pages = {page.title: page for page in ServicePage.objects.descendant_of(council.site.root_page)}
    made = {}
    for entry in CATALOGUE:
        service, created = ProvisionService.objects.get_or_create(
            council=council,
            name=entry.name,
            defaults={
                "support_type": entry.support_type,
                "areas": list(entry.areas),
                "typical_hours": Decimal(entry.typical_hours) if entry.typical_hours else None,
                "description": entry.description,
            },
        )
        linked = [pages[title] for title in entry.services if title in pages]
        if linked and (created or not service.services.exists()):
            service.services.set(linked)
            service.save()
        made[entry.name] = service
    return made


# Drawing a plan.

#: How likely each support type is for an area at need levels 1 to 4.
TYPE_WEIGHTS = {
    "universal": (6, 3, 1, 0),
    "group": (5, 6, 2, 1),
    "social_skills": (2, 3, 2, 1),
    "adult_shared": (0, 3, 4, 2),
    "adult_1to1": (0, 1, 5, 7),
    "therapy_slt": (1, 3, 3, 3),
    "therapy_ot": (1, 2, 3, 3),
    "therapy_physio": (0, 1, 2, 3),
    "ep": (0, 1, 2, 2),
    "mental_health": (1, 4, 4, 3),
    "sensory_specialist": (0, 2, 3, 3),
    "equipment": (1, 2, 2, 2),
    "health_care": (0, 1, 2, 3),
    "independence_skills": (2, 4, 4, 3),
    "specialist_place": (0, 0, 1, 4),
    "transport_escorted": (0, 0, 1, 3),
    "short_breaks": (0, 0, 1, 2),
    "family_support": (1, 2, 2, 1),
}
#: Types given in the child's setting by its staff (the others by a service).
IN_SETTING = {"universal", "group", "social_skills", "adult_shared", "adult_1to1"}
#: Types that run for a term or so.
TIME_LIMITED = {"group", "social_skills", "mental_health"}

OUTCOME_TEXTS = {
    "CI": (
        "Asks an adult for help when stuck, in class",
        "Takes turns in a conversation with a friend",
        "Tells the family about their day in a few sentences",
    ),
    "CL": (
        "Reads a short book on their own",
        "Uses a number line to add and take away within 20",
        "Starts a piece of written work without an adult prompting",
    ),
    "SEMH": (
        "Uses a calm-down plan when upset and goes back to the lesson",
        "Stays in class for the whole morning",
        "Names a friend they play with at break",
    ),
    "SP": (
        "Uses their equipment without being reminded",
        "Moves around the school safely on their own",
        "Joins in PE with the adjustments agreed",
    ),
    "IND": (
        "Gets dressed for PE on their own",
        "Buys something in a shop and checks the change",
        "Travels to school with a friend instead of a taxi",
    ),
}
ADULTHOOD_TEXTS = {
    "employment": "Has a work experience placement they chose",
    "independent_living": "Travels to college on the bus",
    "community": "Goes to a club with friends without a parent",
    "health": "Knows their medication and asks for repeat prescriptions",
}
#: How an outcome's review went, given how the area's need moved: down, same, up.
REVIEW_WEIGHTS = {
    "down": {"achieved": 6, "partly": 3, "not_achieved": 1, "dropped": 0},
    "same": {"achieved": 3, "partly": 5, "not_achieved": 2, "dropped": 1},
    "up": {"achieved": 1, "partly": 3, "not_achieved": 5, "dropped": 1},
    None: {"achieved": 2, "partly": 5, "not_achieved": 2, "dropped": 1},
}
REVIEW_NOTES = {
    "achieved": "Done, and the family see it at home too.",
    "partly": "Some days; keep going.",
    "not_achieved": "Not yet; the support is being looked at again.",
    "dropped": "No longer what matters most.",
}


@dataclass
class DrawnOutcome:
    area: str
    text: str
    horizon: str
    adulthood: str = ""
    #: The index of the assessment it is reviewed at, and how it went (``None``: still open).
    reviewed_at_index: int | None = None
    status: str = scheme.OPEN
    note: str = ""


@dataclass
class DrawnPlan:
    items: list = field(default_factory=list)  # dicts of SupportItem fields
    outcomes: list = field(default_factory=list)  # DrawnOutcome
    trajectory: dict = field(default_factory=scheme.empty_trajectory)
    starts: date | None = None


def age_on(day, birth_year, birth_month):
    return day.year - birth_year - (1 if day.month < birth_month else 0)


def _half_hours(value):
    value = (Decimal(str(value)) * 2).quantize(Decimal(1), ROUND_HALF_UP) / 2
    return min(max(value, Decimal("0.5")), scheme.MAX_HOURS)


def _hours(rng, entry, level):
    if entry.support_type == "adult_1to1":
        low, high = (10, 20) if level < 4 else (15, 27.5)
        return _half_hours(rng.uniform(low, high))
    if entry.typical_hours is None:
        return None
    return _half_hours(float(entry.typical_hours) * rng.uniform(0.7, 1.5))


def _planned_until(rng, support_type, age):
    if scheme.SUPPORT_TYPES_BY_CODE[support_type].independence != scheme.MAY_LIMIT:
        return rng.choice((None, None, min(25, max(scheme.YOUNGEST_AGE, age + 1))))
    choice = rng.random()
    if choice < 0.4:
        return None  # the conversation the planning view prompts for
    if choice < 0.65:
        return min(25, max(scheme.YOUNGEST_AGE, age + rng.randint(1, 2)))
    return min(25, max(scheme.INTRUSIVE_AGE, age + 1) + rng.randint(0, 3))


def _direction(before, after, area):
    earlier = ((before.get("areas") or {}).get(area) or {}).get("level")
    later = ((after.get("areas") or {}).get(area) or {}).get("level")
    if earlier is None or later is None:
        return None
    return "down" if later < earlier else "up" if later > earlier else "same"


def draw_plan(rng, *, assessments, birth_year, birth_month, catalogue, provider):
    """A plan for a child from their assessments ``[(taken_at, profile)]``, oldest first.

    Support starts before the first assessment and serves the areas it found
    a need in; the first outcome of each area is reviewed at the second
    assessment and a next one at the third, their status following how the
    area's need moved. ``catalogue`` is ``{name: object with support_type,
    areas, typical_hours}``; ``provider`` names the child's setting.
    """
    first_at, first = assessments[0]
    first_day = timezone.localtime(first_at).date()
    age = age_on(first_day, birth_year, birth_month)
    plan = DrawnPlan(starts=first_day - timedelta(days=rng.randint(14, 200)))
    areas = first.get("areas") or {}
    needs = {
        code: values["level"]
        for code, values in areas.items()
        if code in scheme.AREAS and values.get("level")
    }
    by_area = {
        code: [entry for entry in catalogue.values() if code in entry.areas]
        for code in scheme.AREAS
    }
    for code, level in sorted(needs.items()):
        wanted = 1 if level <= 2 else rng.randint(1, 2)
        weights = [TYPE_WEIGHTS.get(e.support_type, (1,) * 4)[level - 1] for e in by_area[code]]
        chosen = []
        while len(chosen) < wanted and any(weights):
            index = rng.choices(range(len(weights)), weights=weights)[0]
            chosen.append(by_area[code][index])
            weights[index] = 0
        for entry in chosen:
            starts = plan.starts + timedelta(days=rng.randint(0, 30))
            ends = None
            if entry.support_type in TIME_LIMITED and rng.random() < 0.3:
                ends = starts + timedelta(days=rng.randint(70, 130))
            plan.items.append(
                {
                    "support_type": entry.support_type,
                    "area": code,
                    "name": entry.name,
                    "hours_per_week": _hours(rng, entry, level),
                    "provider": provider if entry.support_type in IN_SETTING else "",
                    "starts": starts,
                    "ends": ends,
                    "planned_until_age": _planned_until(rng, entry.support_type, age),
                    "catalogue_entry": entry,
                }
            )
        texts = rng.sample(OUTCOME_TEXTS[code], 2)
        for index, text in enumerate(texts, start=1):
            outcome = DrawnOutcome(code, text, "next_review")
            if index < len(assessments):
                direction = _direction(assessments[index - 1][1], assessments[index][1], code)
                weights = REVIEW_WEIGHTS[direction]
                outcome.status = rng.choices(tuple(weights), weights=tuple(weights.values()))[0]
                outcome.reviewed_at_index = index
                outcome.note = REVIEW_NOTES[outcome.status]
            plan.outcomes.append(outcome)
        provision = areas[code].get("provision")
        now = provision if provision is not None else level
        plan.trajectory[code] = _trajectory(rng, now, age)
    if age >= 11 and needs:
        adulthood = rng.choice(scheme.ADULTHOOD)
        area = "IND" if "IND" in needs else max(needs, key=needs.get)
        horizon = "age_16" if age < 16 else "age_18" if age < 18 else "age_25"
        plan.outcomes.append(DrawnOutcome(area, ADULTHOOD_TEXTS[adulthood], horizon, adulthood))
    return plan


def _trajectory(rng, now, age):
    """Planned provision from now towards 18: mostly stepping down, sometimes never."""
    shape = rng.random()
    if shape < 0.55:
        later = [max(0, now - 1), max(0, now - 1), max(0, now - 2)]
    elif shape < 0.9:
        later = [now, now, now]
    else:
        later = [now, None, None]
    points = dict(zip(scheme.TRAJECTORY_POINTS, [now, *later], strict=True))
    if age >= 16:
        points["age_16"] = None
    if age >= 18:
        points["age_18"] = None
    return points


# Writing plans one at a time, with their history.


def write_plan(child, author, *, assessments, catalogue, seed=0):
    """Give ``child`` a plan through :func:`.plans.save_plan`, then review its outcomes.

    ``assessments`` are the child's assessments, oldest first; the plan is
    written just after the first, and outcomes are reviewed just after the
    assessment they are reviewed at, in that order, each review a version.
    Returns the plan, or ``None`` when the child has no assessment with a profile.
    """
    found = [
        (assessment, version.profile)
        for assessment in assessments
        if (version := assessment.versions.order_by("-number").first()) and version.profile
    ]
    if not found:
        return None
    rng = random.Random(f"vsend-plans-{seed}-{child.case_reference}")
    drawn = draw_plan(
        rng,
        assessments=[(assessment.taken_at, profile) for assessment, profile in found],
        birth_year=child.birth_year,
        birth_month=child.birth_month,
        catalogue=catalogue,
        provider=child.setting.name if child.setting_id else "",
    )
    plan = save_plan(
        child,
        {
            "support": drawn.items,
            "outcomes": [
                {
                    "area": outcome.area,
                    "text": outcome.text,
                    "horizon": outcome.horizon,
                    "adulthood": outcome.adulthood,
                    "status": scheme.OPEN,
                }
                for outcome in drawn.outcomes
            ],
            "trajectory": drawn.trajectory,
        },
        author=author,
        source=VersionSource.PRACTITIONER,
        at=found[0][0].taken_at + REVIEW_DELAY,
    )
    rows = list(plan.outcomes.order_by("pk"))
    reviews = sorted(
        (
            (outcome.reviewed_at_index, index, row, outcome)
            for index, (row, outcome) in enumerate(zip(rows, drawn.outcomes, strict=True))
            if outcome.reviewed_at_index is not None
        ),
        key=lambda review: review[:2],
    )
    for at_index, _, row, outcome in reviews:
        assessment = found[at_index][0]
        review_outcome(
            row,
            outcome.status,
            author=author,
            note=outcome.note,
            assessment=assessment,
            at=assessment.taken_at + REVIEW_DELAY,
        )
    return plan


# Writing plans in bulk.

#: Children whose plans are drawn and written together.
BATCH_CHILDREN = 2000
_JSON = json.JSONEncoder(check_circular=False, separators=(",", ":"), default=str)
#: Reviews are recorded a little after the assessment they come with.
REVIEW_DELAY = timedelta(minutes=20)


def give_plans(council, author, *, children=None, seed=0, progress=None):
    """Plans for ``council``'s children that have none (or ``children``), written in bulk.

    One transaction; ``progress(plans_written)`` after each batch. Returns
    the number of plans written. Each plan has one version, holding the plan
    as it stands.
    """
    catalogue = set_up_catalogue(council)
    if children is None:
        children = council.children.all()
    rows = (
        children.filter(support_plan__isnull=True)
        .order_by("pk")
        .values_list("pk", "case_reference", "birth_year", "birth_month", "setting__name")
    )
    written = 0
    with transaction.atomic():
        batch = []
        for row in rows.iterator(chunk_size=BATCH_CHILDREN):
            batch.append(row)
            if len(batch) == BATCH_CHILDREN:
                written += _write_batch(council, author, batch, catalogue, seed)
                batch = []
                if progress:
                    progress(written)
        if batch:
            written += _write_batch(council, author, batch, catalogue, seed)
            if progress:
                progress(written)
    return written


def _assessments_of(child_ids):
    """``{child id: [(assessment id, taken_at, profile)]}``, oldest first, newest versions."""
    newest = dict(
        AssessmentVersion.objects.filter(assessment__child_id__in=child_ids)
        .values("assessment_id")
        .annotate(newest=Max("number"))
        .values_list("assessment_id", "newest")
    )
    found = {}
    rows = AssessmentVersion.objects.filter(assessment_id__in=newest).values_list(
        "assessment_id", "number", "assessment__child_id", "assessment__taken_at", "profile"
    )
    for assessment_id, number, child_id, taken_at, profile in rows:
        if newest[assessment_id] == number and profile and profile.get("areas"):
            found.setdefault(child_id, []).append((assessment_id, taken_at, profile))
    for assessments in found.values():
        assessments.sort(key=lambda item: item[1])
    return found


def _write_batch(council, author, batch, catalogue, seed):
    assessments = _assessments_of([row[0] for row in batch])
    drawn = []
    for child_id, reference, birth_year, birth_month, setting_name in batch:
        if child_id not in assessments:
            continue
        rng = random.Random(f"vsend-plans-{seed}-{reference}")
        plan = draw_plan(
            rng,
            assessments=[(taken_at, profile) for _, taken_at, profile in assessments[child_id]],
            birth_year=birth_year,
            birth_month=birth_month,
            catalogue=catalogue,
            provider=setting_name or "",
        )
        drawn.append((child_id, plan, assessments[child_id]))
    if not drawn:
        return 0
    updated = {}
    plan_rows = []
    for child_id, plan, found in drawn:
        reviewed = [o.reviewed_at_index for o in plan.outcomes if o.reviewed_at_index is not None]
        updated[child_id] = (
            found[max(reviewed)][1] + REVIEW_DELAY if reviewed else found[0][1] - timedelta(days=1)
        )
        plan_rows.append(
            {
                "child_id": child_id,
                "council_id": council.pk,
                "version": 1,
                "updated_at": updated[child_id],
                "trajectory": _JSON.encode(plan.trajectory),
                "family_aspirations": "",
            }
        )
    plan_ids = insert_rows(SupportPlan, plan_rows)
    items, outcomes = [], []
    for plan_id, (_, plan, found) in zip(plan_ids, drawn, strict=True):
        for values in plan.items:
            entry = values["catalogue_entry"]
            items.append(
                SupportItem(
                    plan_id=plan_id,
                    council_id=council.pk,
                    **{k: v for k, v in values.items() if k != "catalogue_entry"},
                    catalogue_entry_id=entry.pk,
                )
            )
        for outcome in plan.outcomes:
            index = outcome.reviewed_at_index
            outcomes.append(
                Outcome(
                    plan_id=plan_id,
                    council_id=council.pk,
                    area=outcome.area,
                    text=outcome.text,
                    horizon=outcome.horizon,
                    adulthood=outcome.adulthood,
                    status=outcome.status,
                    reviewed_at=found[index][1] + REVIEW_DELAY if index is not None else None,
                    review_note=outcome.note,
                    reviewed_with_id=found[index][0] if index is not None else None,
                )
            )
    for model, instances in ((SupportItem, items), (Outcome, outcomes)):
        keys = insert_rows(model, [_columns(instance) for instance in instances])
        for instance, key in zip(instances, keys, strict=True):
            instance.pk = key
    support_of, outcomes_of = {}, {}
    for item in items:
        support_of.setdefault(item.plan_id, []).append(item)
    for outcome in outcomes:
        outcomes_of.setdefault(outcome.plan_id, []).append(outcome)
    versions = []
    for plan_id, (child_id, plan, _) in zip(plan_ids, drawn, strict=True):
        document = plan_document(
            version=1,
            updated_at=updated[child_id],
            support=support_of.get(plan_id, []),
            outcomes=outcomes_of.get(plan_id, []),
            trajectory=plan.trajectory,
            family_aspirations="",
        )
        versions.append(
            {
                "plan_id": plan_id,
                "number": 1,
                "source": VersionSource.PRACTITIONER.value,
                "author_id": author.pk if author else None,
                "created_at": updated[child_id],
                "document": _JSON.encode(document),
            }
        )
    insert_rows(SupportPlanVersion, versions)
    return len(drawn)


def _columns(instance):
    return {
        field.attname: getattr(instance, field.attname)
        for field in instance._meta.local_concrete_fields
        if not field.primary_key
    }
