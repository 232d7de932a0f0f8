"""Build the demo: councils with their own sites, localities, settings and sign-ins.

Everything is keyed on slugs and usernames, so running it again updates in
place instead of duplicating (the command is idempotent). All data is fictional.
"""

import io
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

import yaml
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from guardian.shortcuts import assign_perm
from wagtail.models import Page, Site

from vsend_plugin.assessments.generation import Plan, generate_children
from vsend_plugin.assessments.generation.children import CASE_REFERENCE_PREFIX
from vsend_plugin.assessments.models import Child, YearGroup
from vsend_plugin.assessments.recording import record_assessment
from vsend_plugin.assessments.synthetic import GIVEN_NAMES, history
from vsend_plugin.benchmarking.rollups import rebuild as rebuild_rollups
from vsend_plugin.core.models import Council, Locality, Practitioner, Role, Setting
from vsend_plugin.core.public_pages import PUBLIC_PAGE_TYPES
from vsend_plugin.moderation.generation import set_up_moderation
from vsend_plugin.needs_forms.importing import import_form
from vsend_plugin.needs_forms.library import read_library_file
from vsend_plugin.planning.generation import give_plans, set_up_catalogue, write_plan
from vsend_plugin.toolkit.library import add_toolkit_page
from vsend_plugin.toolkit.models import GuidancePage, ParentCarerRepresentative, ToolkitIndexPage
from vsend_site.home.models import CouncilHomePage, PortalPage

from .local_offer import set_up_local_offer

#: Files of vsend's forms library, by name (``manage.py vsend_library list``).
LIBRARY_FORMS = ("core-needs-mapping", "family-contribution")
LIBRARY_TOOLKIT_PAGES = (
    "should-we-co-produce",
    "how-well-do-we-co-produce",
    "agree-what-good-looks-like",
    "multi-agency-case-review",
)
CHILDREN_PER_COUNCIL = 24
#: Children drawn in bulk for each council, so that benchmarks have groups big
#: enough to show; nobody is assigned to them.
POPULATION_PER_COUNCIL = 300
SCHOOL_YEARS = {
    "nursery": ["early_years", "reception"],
    "primary": ["reception", "year_1", "year_2", "year_3", "year_4", "year_5", "year_6"],
    "secondary": ["year_7", "year_8", "year_9", "year_10", "year_11"],
    "special": ["year_3", "year_5", "year_7", "year_9", "year_11"],
    "alternative_provision": ["year_9", "year_10", "year_11"],
    "college": ["year_12", "year_13"],
}

DEMO_PASSWORD = "vsend-demo"


@dataclass(frozen=True)
class SignIn:
    username: str
    role: str
    council: str = ""


def read_councils(path):
    with open(path, encoding="utf-8") as file:
        return yaml.safe_load(file)["councils"]


def _root_page():
    return Page.get_first_root_node()


def _child_page(parent, page_class, slug, **fields):
    page = page_class.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = page_class(slug=slug, **fields)
        parent.add_child(instance=page)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    page.save_revision().publish()
    return page


def set_up_portal(hostname, port):
    """The install's own front page, the default site, listing every council."""
    root = _root_page()
    portal = _child_page(
        root,
        PortalPage,
        "vsend",
        title="Valuing SEND",
        introduction=(
            "<p>Each council below runs its own local offer and needs mapping "
            "on this site, all scored the same way so that areas can learn from each other.</p>"
        ),
    )
    Site.objects.filter(is_default_site=True).exclude(root_page=portal).update(
        is_default_site=False
    )
    site = Site.objects.filter(root_page=portal).first() or Site(root_page=portal)
    site.hostname, site.port, site.site_name, site.is_default_site = hostname, port, "vsend", True
    site.save()
    # Wagtail's starter page is no use once the portal exists.
    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    return portal


def set_up_council(data, domain, port):
    root = _root_page()
    home = _child_page(
        root,
        CouncilHomePage,
        data["slug"],
        title=data["name"],
        introduction=data.get("introduction", ""),
    )
    hostname = f"{data['slug']}.{domain}"
    site = Site.objects.filter(root_page=home).first() or Site(root_page=home)
    site.hostname, site.port, site.site_name, site.is_default_site = (
        hostname,
        port,
        data["name"],
        False,
    )
    site.save()
    council = Council.objects.filter(slug=data["slug"]).first() or Council(slug=data["slug"])
    council.site, council.name, council.ons_code = site, data["name"], data["ons_code"]
    council.full_clean()
    council.save()

    localities = {}
    for item in data["localities"]:
        localities[item["slug"]], _ = Locality.objects.update_or_create(
            council=council, slug=item["slug"], defaults={"name": item["name"]}
        )
    for item in data["settings"]:
        Setting.objects.update_or_create(
            council=council,
            name=item["name"],
            defaults={
                "kind": item["kind"],
                "urn": str(item.get("urn", "")),
                "locality": localities[item["locality"]],
            },
        )
    return council


@cache
def demo_password_hash():
    """The demo password, hashed once for every demo account.

    Hashing is slow on purpose (about 0.4 s); the password is printed for
    anyone to use, so one salt for all the demo's accounts hides nothing.
    """
    return make_password(DEMO_PASSWORD)


def _user(username, **fields):
    User = get_user_model()
    user = User.objects.filter(username=username).first() or User(username=username)
    for name, value in fields.items():
        setattr(user, name, value)
    user.password = demo_password_hash()
    user.save()
    return user


def set_up_sign_ins(councils):
    sign_ins = [SignIn("admin", "superuser")]
    _user("admin", is_superuser=True, is_staff=True, email="admin@example.invalid")
    for council in councils:
        for role in (Role.EDITOR, Role.OFFICER, Role.PRACTITIONER):
            username = f"{council.slug}-{role.value}"
            user = _user(username, first_name=role.label, last_name="(demo)")
            user.groups.add(council.group_for(role))
            sign_ins.append(SignIn(username, role.label, council.name))
        practitioner_user = get_user_model().objects.get(username=f"{council.slug}-practitioner")
        Practitioner.objects.update_or_create(
            user=practitioner_user,
            council=council,
            defaults={
                "setting": council.settings.filter(kind="primary").order_by("name").first(),
                "job_title": "SENCO",
            },
        )
        psychologist = _user(
            f"{council.slug}-psychologist",
            first_name="Educational psychologist",
            last_name="(demo)",
        )
        psychologist.groups.add(council.group_for(Role.PRACTITIONER))
        Practitioner.objects.update_or_create(
            user=psychologist,
            council=council,
            defaults={"setting": None, "job_title": "Educational psychologist"},
        )
        sign_ins.append(
            SignIn(
                f"{council.slug}-psychologist",
                "Educational psychologist (second rater for moderation)",
                council.name,
            )
        )
        _user(f"{council.slug}-parent", first_name="Parent carer", last_name="(demo)")
        sign_ins.append(SignIn(f"{council.slug}-parent", "Parent carer", council.name))
        forum = _user(
            f"{council.slug}-forum",
            first_name="Forum representative",
            last_name="(demo)",
            email=f"{council.slug}-forum@example.invalid",
        )
        ParentCarerRepresentative.objects.get_or_create(council=council, user=forum)
        sign_ins.append(
            SignIn(f"{council.slug}-forum", "Parent carer forum representative", council.name)
        )
    if len(councils) > 1:
        sign_ins.append(set_up_county_psychologist(councils[:2]))
    return sign_ins


#: One account working for two councils: it sees each council's children on that council's site.
COUNTY_PSYCHOLOGIST = "county-psychologist"


def set_up_county_psychologist(councils):
    user = _user(COUNTY_PSYCHOLOGIST, first_name="Educational psychologist", last_name="(demo)")
    for council in councils:
        user.groups.add(council.group_for(Role.PRACTITIONER))
        Practitioner.objects.update_or_create(
            user=user,
            council=council,
            defaults={"setting": None, "job_title": "Educational psychologist"},
        )
    return SignIn(
        COUNTY_PSYCHOLOGIST,
        "Educational psychologist working for two councils",
        " and ".join(council.name for council in councils),
    )


def assign_county_psychologist(council):
    """Two of the council's children, so the psychologist has work on each council's site."""
    user = get_user_model().objects.filter(username=COUNTY_PSYCHOLOGIST).first()
    if user is None or not council.role_groups.filter(group__user=user).exists():
        return
    for child in council.children.order_by("case_reference")[:2]:
        child.practitioners.add(user)  # which gives the object permission (signal_handlers)


def set_up_toolkit(council, toolkit_file):
    """The co-production toolkit: guidance, and the tools from the forms library.

    Pages that exist are left alone, so survey answers and case reviews stay
    attached to the questions they answered.
    """
    with open(toolkit_file, encoding="utf-8") as file:
        data = yaml.safe_load(file)
    home = council.site.root_page
    toolkit = ToolkitIndexPage.objects.child_of(home).filter(slug="toolkit").first()
    if toolkit is None:
        toolkit = _child_page(home, ToolkitIndexPage, "toolkit", **data["index"])
    elif not toolkit.show_in_menus:
        toolkit.show_in_menus = True
        toolkit.save_revision().publish()
    for guidance in data["guidance"]:
        if not GuidancePage.objects.child_of(toolkit).filter(slug=guidance["slug"]).exists():
            _child_page(
                toolkit,
                GuidancePage,
                guidance["slug"],
                title=guidance["title"],
                intro=guidance["intro"],
                body=[(block["type"], block["value"]) for block in guidance["body"]],
            )
    for name in LIBRARY_TOOLKIT_PAGES:
        add_toolkit_page(toolkit, name)
    return toolkit


def set_up_public_pages(council, contact):
    """The accessibility statement, privacy notice and cookies page, with the council's contacts.

    A council gets them when it is created; the demo gives them its contact
    details and publishes them, keeping anything an editor wrote.
    """
    for page_class in PUBLIC_PAGE_TYPES:
        _child_page(
            council.site.root_page,
            page_class,
            page_class.default_slug,
            title=page_class.default_title,
            contact_email=contact.get("email", ""),
            contact_phone=contact.get("phone", ""),
        )


def import_library_forms(council):
    for name in LIBRARY_FORMS:
        import_form(read_library_file(name), council)


def _year_of_birth(year_group, today):
    order = [choice.value for choice in YearGroup]
    # Reception children turn five during the school year; each later year adds one.
    age = 3 + order.index(year_group)
    return today.year - age - (1 if today.month < 9 else 0)


def set_up_children(council, practitioner, parent, *, count=CHILDREN_PER_COUNCIL):
    """Synthetic children with two to four assessments each, a quarter or so apart."""
    if council.children.exists():
        return council.children.count()
    rng = random.Random(f"vsend-demo-{council.slug}")
    settings_list = list(council.settings.select_related("locality"))
    today = timezone.localdate()
    for number in range(1, count + 1):
        setting = rng.choice(settings_list)
        year_group = rng.choice(SCHOOL_YEARS[setting.kind])
        child = Child.objects.create(
            council=council,
            setting=setting,
            locality=setting.locality,
            case_reference=f"{council.slug[:2].upper()}-{number:05d}",
            given_name=rng.choice(GIVEN_NAMES),
            birth_month=rng.randint(1, 12),
            birth_year=_year_of_birth(year_group, today),
            year_group=year_group,
        )
        if number % 2 == 1 or setting == practitioner.setting:
            child.practitioners.add(practitioner.user)
        if number == 1:
            assign_perm("vsend_assessments.view_child", parent, child)
        assessments = history(rng, rng.randint(2, 4))
        start = today - timedelta(days=91 * (len(assessments) - 1) + rng.randint(0, 40))
        for index, synthetic in enumerate(assessments):
            taken = start + timedelta(days=91 * index + rng.randint(-10, 10))
            record_assessment(
                child,
                practitioner.user,
                need=synthetic.need,
                provision=synthetic.provision,
                family_confidence=synthetic.family_confidence,
                strengths="Enjoys practical activities and helping others.",
                aspirations="To feel settled and make a good friend this year.",
                taken_at=timezone.make_aware(datetime(taken.year, taken.month, taken.day, 10)),
                queue_tasks=False,
            )
    return count


def set_up_plans(council, author):
    """Support plans for the children who have none: the named ones with their history, the rest
    in bulk. Children who have a plan keep it, so loading again changes nothing."""
    catalogue = set_up_catalogue(council)
    named = (
        council.children.filter(support_plan__isnull=True)
        .exclude(case_reference__startswith=CASE_REFERENCE_PREFIX)
        .select_related("setting")
        .order_by("pk")
    )
    written = 0
    for child in named:
        assessments = list(child.assessments.order_by("taken_at"))
        written += (
            write_plan(child, author, assessments=assessments, catalogue=catalogue) is not None
        )
    return written + give_plans(council, author)


def add_population(council, author, count):
    """Bulk synthetic children with three assessments each over the last four quarters, once."""
    if (
        not count
        or council.children.filter(case_reference__startswith=CASE_REFERENCE_PREFIX).exists()
    ):
        return 0
    plan = Plan(councils=1, children=count, assessments_per_child=3, quarters=4, seed=council.pk)
    return generate_children(council, author, plan)


@transaction.atomic
def load_demo(
    councils_file,
    *,
    domain="localhost",
    port=8000,
    portal_hostname="127.0.0.1",
    children=CHILDREN_PER_COUNCIL,
    population=POPULATION_PER_COUNCIL,
    log=print,
):
    fixtures = settings.DEMO_FIXTURES_DIR
    call_command("vsend_load_postcodes", str(fixtures / "postcodes.csv"), stdout=io.StringIO())
    set_up_portal(portal_hostname, port)
    log(f"Portal site at http://{portal_hostname}:{port}/")
    councils = []
    for number, data in enumerate(read_councils(councils_file), start=1):
        council = set_up_council(data, domain, port)
        councils.append(council)
        import_library_forms(council)
        set_up_local_offer(council, fixtures / "services.yaml", number)
        set_up_catalogue(council)
        set_up_toolkit(council, fixtures / "toolkit.yaml")
        set_up_public_pages(council, data.get("contact", {}))
        log(
            f"{council.name}: {council.localities.count()} localities, "
            f"{council.settings.count()} settings at {council.site.root_url}/"
        )
    sign_ins = set_up_sign_ins(councils)
    User = get_user_model()
    for council in councils:
        practitioner = Practitioner.objects.get(user__username=f"{council.slug}-practitioner")
        parent = User.objects.get(username=f"{council.slug}-parent")
        count = set_up_children(council, practitioner, parent, count=children)
        log(f"{council.name}: {count} synthetic children with two to four assessments each")
        added = add_population(council, practitioner.user, population)
        if added:
            log(
                f"{council.name}: {population} more synthetic children for benchmarking, "
                f"{added} assessments"
            )
        assign_county_psychologist(council)
        plans = set_up_plans(council, practitioner.user)
        if plans:
            log(f"{council.name}: {plans} support plans with support, outcomes and reviews")
        psychologist = User.objects.get(username=f"{council.slug}-psychologist")
        rated = set_up_moderation(council, [psychologist], [practitioner.user, psychologist])
        if rated:
            log(f"{council.name}: a moderation round with {rated} blind second ratings")
    # Bulk-loaded assessments queue no tasks, so the benchmark rollups are built here.
    stored = rebuild_rollups(councils)
    log(f"Benchmark rollups: {stored} groups over every council and quarter")
    return sign_ins
