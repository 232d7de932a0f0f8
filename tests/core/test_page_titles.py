"""Page titles read "Page – Council – service" with no part repeated, on every page type.

The pages are crawled as a superuser, who may open every page, result and
child page of the council; the test fails if a page type of the plugin or the
reference site was not visited, so a new page type is covered as it is added.
"""

import html
import re

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from wagtail.models import Page

from vsend_plugin.core.templatetags.vsend_govuk import govuk_title
from vsend_site.demo.loader import (
    import_library_forms,
    set_up_children,
    set_up_local_offer,
    set_up_portal,
    set_up_sign_ins,
    set_up_toolkit,
)
from vsend_site.home.models import FeedbackFormField, FeedbackFormPage

from .test_public_pages import few_services

pytestmark = pytest.mark.django_db

TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)
SERVICE = "Support for children with SEND"


def title_of(response):
    return html.unescape(TITLE.search(response.content.decode()).group(1))


def concrete_page_types():
    names = set()
    for model in apps.get_models():
        if issubclass(model, Page) and model is not Page:
            module = model.__module__
            if module.startswith(("vsend_plugin.", "vsend_site.")):
                names.add(model.__name__)
    return names


@pytest.fixture
def site(northshire, tmp_path):
    from vsend_plugin.core.models import Practitioner

    set_up_portal("127.0.0.1", 80)
    set_up_local_offer(northshire, few_services(tmp_path))
    set_up_toolkit(northshire, django_settings.DEMO_FIXTURES_DIR / "toolkit.yaml")
    import_library_forms(northshire)
    set_up_sign_ins([northshire])
    practitioner = Practitioner.objects.get(user__username="northshire-practitioner")
    parent = get_user_model().objects.get(username="northshire-parent")
    set_up_children(northshire, practitioner, parent, count=1)
    feedback = FeedbackFormPage(title="Tell us what you think", slug="feedback")
    northshire.site.root_page.add_child(instance=feedback)
    FeedbackFormField.objects.create(page=feedback, label="Your name", field_type="singleline")
    return northshire


def test_the_title_filter_drops_repeated_parts():
    assert govuk_title("Local offer – Local offer – Northshire Council – Service") == (
        "Local offer – Northshire Council – Service"
    )
    assert govuk_title("Error: Local offer – Local offer – X") == "Error: Local offer – X"
    assert govuk_title("Northshire Council – Northshire Council – Service – ") == (
        "Northshire Council – Service"
    )


def test_every_page_type_has_a_title_without_repeated_parts(client, site):
    admin = get_user_model().objects.get(username="admin")
    client.force_login(admin)
    host = site.site.hostname
    titles, visited = {}, set()
    for page in Page.objects.descendant_of(site.site.root_page, inclusive=True).live().specific():
        path = page.relative_url(site.site)
        response = client.get(path, HTTP_HOST=host)
        assert response.status_code == 200, path
        titles[path] = title_of(response)
        visited.add(type(page).__name__)
        for route in ("results/", "result/"):
            if hasattr(page, "reverse_subpage"):
                sub = client.get(path + route, HTTP_HOST=host)
                if sub.status_code in (200, 403):
                    titles[path + route] = title_of(sub)
    child = site.children.first()
    for path in (
        "/children/",
        f"/children/{child.pk}/",
        f"/children/{child.pk}/assess/communication-and-interaction/",
    ):
        response = client.get(path, HTTP_HOST=host)
        assert response.status_code == 200, path
        titles[path] = title_of(response)
    client.logout()
    titles["/sign-in/"] = title_of(client.get("/sign-in/", HTTP_HOST=host))
    titles["/no-such-page/"] = title_of(client.get("/no-such-page/", HTTP_HOST=host))
    titles["portal"] = title_of(client.get("/", HTTP_HOST="127.0.0.1"))
    visited.add("PortalPage")

    missing = concrete_page_types() - visited
    assert not missing, f"page types not crawled: {missing}"
    for path, title in titles.items():
        parts = [part.strip().casefold().removeprefix("error: ") for part in title.split(" – ")]
        assert len(parts) == len(set(parts)), f"{path}: {title!r} repeats a part"
        assert all(parts), f"{path}: {title!r} has an empty part"
        if path != "portal":
            assert title.endswith(f" – Northshire Council – {SERVICE}") or title == (
                f"Northshire Council – {SERVICE}"
            ), f"{path}: {title!r}"
    assert titles["/local-offer/"] == f"Local offer – Northshire Council – {SERVICE}"
    assert titles["/"] == f"Northshire Council – {SERVICE}"
    assert titles["/sign-in/"] == f"Sign in – Northshire Council – {SERVICE}"
    assert titles["/no-such-page/"] == f"Page not found – Northshire Council – {SERVICE}"
    assert titles["portal"] == "Valuing SEND – vsend"
