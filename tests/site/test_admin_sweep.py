"""Every admin view of every vsend model and page type, as every role: no 500, no leak.

The admin addresses are not listed by hand: they are found in the URL
configuration, from the namespaces of the registered snippet viewsets and
their choosers (every vsend model), a child's record downloads, streamforms'
modeladmin and its own views (forms), and Wagtail's page actions that take a
page (for one page of each vsend page type). Each is visited with one object of Northshire, in the
demo, as the superuser, as each Northshire role (editor, SEND officer,
practitioner, parent carer) and as each Westmoor role. Nobody gets a 5xx;
Westmoor's roles are refused (redirect, 403, 404 or 405) every per-object
view, and no listing shows them Northshire's object.
"""

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import get_resolver, reverse
from wagtail.models import Page
from wagtail.snippets.models import get_snippet_models
from wagtailstreamforms.models import Form

from vsend_plugin.assessments.models import Child
from vsend_plugin.core.log_entries import council_id_of
from vsend_plugin.core.models import Council

pytestmark = pytest.mark.django_db

ROLES = ["editor", "officer", "practitioner", "parent"]
REFUSED = {302, 403, 404, 405}
POSITIONAL_PK = "(pk)"
OBJECT_ARGUMENTS = {"pk", "instance_pk", POSITIONAL_PK}


def object_url(name, arguments, pk):
    (argument,) = arguments
    if argument == POSITIONAL_PK:
        return reverse(name, args=[pk])
    return reverse(name, kwargs={argument: pk})


def is_vsend(model):
    module = model.__module__
    return module.startswith("vsend_plugin.") or module.startswith("vsend_site.")


def walk(patterns, namespace=""):
    """(full URL name, argument names) of every named URL below ``patterns``."""
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from walk(pattern.url_patterns, inner)
        elif pattern.name:
            route = pattern.pattern
            names = set(getattr(route, "converters", {})) | set(route.regex.groupindex)
            if route.regex.groups and not names:
                names = {POSITIONAL_PK}  # generic-chooser's r"^(\d+)/$"
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), names


def admin_views():
    """{model: [(URL name, argument names)]} for every vsend model's admin views, found."""
    prefixes = {}
    for model in get_snippet_models():
        if is_vsend(model):
            viewset = model.snippet_viewset
            prefixes[f"{viewset.url_namespace}:"] = model
            chooser = getattr(viewset, "chooser_viewset", None)
            if chooser is not None:
                prefixes[f"{chooser.url_namespace}:"] = model
    # A child's whole record, from the children listing's buttons.
    prefixes["vsend_records_export"] = Child
    prefixes["vsend_records_pdf"] = Child
    prefixes["wagtailstreamforms_form_modeladmin_"] = Form
    prefixes["wagtailstreamforms:"] = Form
    prefixes["wagtailstreamforms_chooser:"] = Form
    found = {}
    for name, arguments in walk(get_resolver().url_patterns):
        for prefix, model in prefixes.items():
            if name.startswith(prefix):
                found.setdefault(model, set()).add((name, frozenset(arguments)))
    return found


def page_views():
    """Wagtail's page actions that take only the page: edit, delete, copy, history, usage..."""
    return sorted(
        name
        for name, arguments in walk(get_resolver().url_patterns)
        if name.startswith("wagtailadmin_pages:") and arguments == {"page_id"}
    )


def northshire_object(model, northshire):
    if model is Form:
        return Form.objects.filter(site=northshire.site).order_by("pk").first()
    for obj in model._default_manager.order_by("pk").iterator():
        if council_id_of(obj) == northshire.pk:
            return obj
    return None


def vsend_page_types():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and model is not Page and is_vsend(model)
    ]


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("vsend_load_demo", "--children", "2", "--population", "0", stdout=StringIO())
    User = get_user_model()
    users = {"superuser": User.objects.get(username="admin")}
    for council in ("northshire", "westmoor"):
        for role in ROLES:
            users[f"{council} {role}"] = User.objects.get(username=f"{council}-{role}")
    return Council.objects.get(slug="northshire"), users


def signed_in(users):
    """A client for each of ``users``, signed in once for the thousands of visits of the sweep."""
    clients = {}
    for who, user in users.items():
        clients[who] = Client()
        clients[who].force_login(user)
    return clients


def visit(clients, url, own_markers):
    """Visit ``url`` as everyone; return the statuses, asserting what holds for all views."""
    statuses = {}
    for who, client in clients.items():
        response = client.get(url)
        status = response.status_code
        statuses[who] = status
        assert status < 500, (who, url, status)
        if who.startswith("westmoor") and status == 200 and not response.streaming:
            text = response.content.decode()
            for marker in own_markers:
                assert marker not in text, (who, url, marker)
    return statuses


def test_every_admin_view_as_every_role(demo):
    """One test, so that the demo is loaded once for both sweeps."""
    northshire, users = demo
    clients = signed_in(users)
    sweep_model_views(clients, northshire)
    sweep_page_actions(clients, northshire)


def sweep_model_views(clients, northshire):
    views = admin_views()
    # The discovery found the models and the kinds of view the issue names.
    names = {name.rsplit(":", 1)[-1] for found in views.values() for name, _ in found}
    assert {"list", "edit", "delete", "history", "usage", "inspect"} <= names
    assert {"streamforms_copy", "streamforms_submissions"} <= names
    assert len(views) >= 12
    unvisited, failures = [], []
    for model, found in sorted(views.items(), key=lambda item: item[0].__name__):
        obj = northshire_object(model, northshire)
        markers = []
        if obj is not None:
            for name, arguments in found:
                if arguments & OBJECT_ARGUMENTS:
                    markers.append(object_url(name, arguments, obj.pk))
        for name, arguments in sorted(found):
            if not arguments:
                visit(clients, reverse(name), markers)
            elif len(arguments) == 1 and arguments <= OBJECT_ARGUMENTS and obj is not None:
                url = object_url(name, arguments, obj.pk)
                statuses = visit(clients, url, markers)
                failures += [
                    (who, url, status)
                    for who, status in statuses.items()
                    if who.startswith("westmoor") and status not in REFUSED
                ]
            else:
                unvisited.append((model.__name__, name))
    assert not failures, failures
    # Only views that need an object the demo does not have, or a second argument, are left.
    assert all(model != "Child" for model, _ in unvisited), unvisited


def sweep_page_actions(clients, northshire):
    root = northshire.site.root_page
    actions = page_views()
    assert {"wagtailadmin_pages:edit", "wagtailadmin_pages:history"} <= set(actions)
    visited_types, failures = 0, []
    for page_type in vsend_page_types():
        page = page_type.objects.filter(path__startswith=root.path).order_by("path").first()
        if page is None:
            continue
        visited_types += 1
        for name in actions:
            url = reverse(name, args=[page.pk])
            statuses = visit(clients, url, [f"/admin/pages/{page.pk}/edit/"])
            failures += [
                (who, url, status)
                for who, status in statuses.items()
                if who.startswith("westmoor") and status not in REFUSED
            ]
    assert not failures, failures
    assert visited_types >= 5
