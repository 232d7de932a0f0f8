"""The load test's cast: synthetic accounts for every journey, on top of the demo councils.

The demo has one practitioner and one parent carer per council; fifty users
need more, so each practitioner user gets an account of its own with a child
of its own (a draft is one practitioner's of one child), each parent carer an
account that is family of one of the demo's children, and each partner its
own token (benchmarks are throttled per token). Everything is synthetic and
named ``load-...``. What the Locust users need (addresses, accounts, the
answers to post step by step) is written to a plan, a JSON file, because
Locust runs in a process of its own without Django.
"""

import random

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from guardian.shortcuts import assign_perm
from rest_framework.authtoken.models import Token

from vsend_plugin.assessments.models import Child
from vsend_plugin.assessments.synthetic import GIVEN_NAMES
from vsend_plugin.benchmarking.models import PartnerToken
from vsend_plugin.core.models import Council, Practitioner, Role
from vsend_plugin.local_offer.models import ServicePage
from vsend_plugin.needs_forms.binding import FAMILY_CONFIDENCE, NEED, PROVISION, bindings
from vsend_plugin.needs_forms.forms import published_form
from vsend_plugin.needs_forms.models import FormKind
from vsend_plugin.needs_forms.steps import steps_for
from vsend_plugin.scoring import AREAS, INDICATORS

PASSWORD = "vsend-demo"
PREFIX = "load"
SEARCHES = ("speech", "autism", "swimming", "dyslexia", "")


def answers_for(council_form, rng):
    """Answers to every scored and free-text field, and the free-text field a marker goes in."""
    answers, marker_field = {}, None
    for binding in bindings(council_form.form.fields):
        if binding.field_type in (NEED, PROVISION, FAMILY_CONFIDENCE):
            answers[binding.field_name] = rng.randint(0, 4) if binding.field_type == NEED else 2
        else:
            answers[binding.field_name] = "Synthetic answer written by the load test."
            if binding.field_type in ("strengths", "views") and marker_field is None:
                marker_field = binding.field_name
    return answers, marker_field


def form_plan(council, rng):
    council_form = published_form(council)
    answers, marker_field = answers_for(council_form, rng)
    steps = [
        {"slug": step.slug, "answers": {n: answers[n] for n in step.field_names if n in answers}}
        for step in steps_for(council_form.form.fields)
    ]
    return {"version": council_form.version, "steps": steps, "marker_field": marker_field}


def family_form_plan(council, rng):
    council_form = published_form(council, kind=FormKind.FAMILY_CONTRIBUTION)
    answers, marker_field = answers_for(council_form, rng)
    return {"version": council_form.version, "answers": answers, "marker_field": marker_field}


def api_ratings(rng):
    """A whole needs mapping for ``POST assessments/``: every indicator, provision, confidence."""
    return {
        "need": {code: rng.randint(0, 4) for code in INDICATORS},
        "provision": {area.code: rng.randint(0, 4) for area in AREAS},
        "family_confidence": {area.code: rng.randint(0, 4) for area in AREAS},
    }


def council_plan(council, port, rng):
    site = council.site
    services = [
        page.get_url(None, site)
        for page in ServicePage.objects.live().descendant_of(site.root_page).order_by("pk")[:20]
    ]
    return {
        "host": f"{site.hostname}:{port}",
        "form": form_plan(council, rng),
        "family_form": family_form_plan(council, rng),
        "services": [url for url in services if url],
        "searches": list(SEARCHES),
        "ratings": api_ratings(rng),
    }


def _account(username, password_hash, **fields):
    User = get_user_model()
    user, _ = User.objects.update_or_create(
        username=username,
        defaults={"password": password_hash, "last_name": "(load test)", **fields},
    )
    return user


@transaction.atomic
def cast(counts, port, *, seed=0):
    """Accounts for ``counts`` (``{"practitioner": n, ...}``) users; returns the plan."""
    rng = random.Random(f"vsend-loadtest-{seed}")
    councils = list(Council.objects.order_by("slug"))
    if not councils:
        raise SystemExit("No councils: load the demo first (manage.py vsend_load_demo).")
    for council in councils:  # the site answers on the run's port
        council.site.port = port
        council.site.save()
    password_hash = make_password(PASSWORD)  # once: every synthetic account shares it
    plan = {
        "password": PASSWORD,
        "councils": {council.slug: council_plan(council, port, rng) for council in councils},
        "practitioners": [],
        "parents": [],
        "officers": [],
        "partners": [],
    }
    for number in range(counts.get("practitioner", 0)):
        council = councils[number % len(councils)]
        username = f"{PREFIX}-practitioner-{number}"
        user = _account(username, password_hash, first_name="Practitioner")
        user.groups.add(council.group_for(Role.PRACTITIONER))
        setting = council.settings.order_by("pk")[number % council.settings.count()]
        Practitioner.objects.update_or_create(
            user=user, council=council, defaults={"setting": setting, "job_title": "SENCO"}
        )
        child, _ = Child.objects.get_or_create(
            council=council,
            case_reference=f"LT-{number:05d}",
            defaults={
                "setting": setting,
                "locality": setting.locality,
                "given_name": rng.choice(GIVEN_NAMES),
                "birth_month": rng.randint(1, 12),
                "birth_year": 2015,
                "year_group": "year_5",
            },
        )
        child.practitioners.add(user)
        token, _ = Token.objects.get_or_create(user=user)
        plan["practitioners"].append(
            {"username": username, "council": council.slug, "child": child.pk, "token": token.key}
        )
    for number in range(counts.get("parent", 0)):
        council = councils[number % len(councils)]
        username = f"{PREFIX}-parent-{number}"
        user = _account(username, password_hash, first_name="Parent carer")
        assessed = council.children.filter(assessments__isnull=False).distinct().order_by("pk")
        child = assessed[(number // len(councils)) % assessed.count()]
        assign_perm("vsend_assessments.view_child", user, child)
        plan["parents"].append({"username": username, "council": council.slug, "child": child.pk})
    for number in range(counts.get("officer", 0)):
        council = councils[number % len(councils)]
        username = f"{PREFIX}-officer-{number}"
        user = _account(username, password_hash, first_name="SEND officer")
        user.groups.add(council.group_for(Role.OFFICER))
        plan["officers"].append({"username": username, "council": council.slug})
    for number in range(counts.get("partner", 0)):
        council = councils[number % len(councils)]
        token = PartnerToken(council=council, organisation=f"Load test partner {number}")
        key = token.set_new_key()
        token.save()
        plan["partners"].append({"council": council.slug, "key": key})
    return plan
