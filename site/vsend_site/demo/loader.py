"""Build the demo: councils with their own sites, localities, settings and sign-ins.

Everything is keyed on slugs and usernames, so running it again updates in
place instead of duplicating (the command is idempotent). All data is fictional.
"""

from dataclasses import dataclass

import yaml
from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Page, Site

from vsend_plugin.core.models import Council, Locality, Practitioner, Role, Setting
from vsend_site.home.models import CouncilHomePage, PortalPage

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


def _user(username, **fields):
    User = get_user_model()
    user = User.objects.filter(username=username).first() or User(username=username)
    for name, value in fields.items():
        setattr(user, name, value)
    user.set_password(DEMO_PASSWORD)
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
        _user(f"{council.slug}-parent", first_name="Parent carer", last_name="(demo)")
        sign_ins.append(SignIn(f"{council.slug}-parent", "Parent carer", council.name))
    return sign_ins


@transaction.atomic
def load_demo(councils_file, *, domain="localhost", port=8000, portal_hostname="127.0.0.1", log=print):
    set_up_portal(portal_hostname, port)
    log(f"Portal site at http://{portal_hostname}:{port}/")
    councils = []
    for data in read_councils(councils_file):
        council = set_up_council(data, domain, port)
        councils.append(council)
        log(
            f"{council.name}: {council.localities.count()} localities, "
            f"{council.settings.count()} settings at {council.site.root_url}/"
        )
    return set_up_sign_ins(councils)
