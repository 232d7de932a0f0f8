"""Every address that shows a child's record writes it to the access log.

The addresses are not listed by hand: the test walks the project's whole URL
table (the front end, the Wagtail admin's snippet and chooser views, the API)
and finds every one that takes a child or an assessment, by its route (a
``child``, ``children``, ``assessments``, ``family`` or ``invitation`` path
segment) or by the model its view is for. Each must have a recipe here that
visits it as someone allowed to see it, and each visit must log the children
it showed; an address added without one fails with its name.
"""

import re
from dataclasses import dataclass, field
from datetime import date

import pytest
from django.test import Client
from django.urls import get_resolver, reverse
from rest_framework.test import APIClient

from tests.url_table import walk
from vsend_plugin.assessments.family import invite_family
from vsend_plugin.assessments.models import (
    AccessEvent,
    Assessment,
    AssessmentVersion,
    Child,
    FamilyInvitation,
    NeedsMappingDraft,
    PdfSummary,
)
from vsend_plugin.assessments.recording import record_assessment
from vsend_plugin.assessments.tasks import make_pdf_summary
from vsend_plugin.core.models import Role
from vsend_plugin.moderation.rounds import open_round
from vsend_plugin.needs_forms.forms import published_form
from vsend_plugin.needs_forms.importing import import_form
from vsend_plugin.needs_forms.library import read_library_file
from vsend_plugin.needs_forms.models import FormKind
from vsend_plugin.planning.plans import save_plan
from vsend_plugin.planning.scheme import empty_trajectory
from vsend_plugin.scoring import INDICATORS

from .test_family_view import LIBRARY

pytestmark = pytest.mark.django_db

#: A route segment that says the address is about a child's record.
CHILD_SEGMENT = re.compile(
    r"(^|/)(child|children|assessments?|family|invitations?|moderation|second-ratings|assignments)"
    r"(/|$)"
)

#: Models whose views show a child's record.
CHILD_MODELS = (Child, Assessment, AssessmentVersion, PdfSummary, FamilyInvitation)

#: Addresses that take a child but show none of a child's record, and why.
NOT_A_READ = {
    "vsend_assess": "sends the practitioner on to the first step with a question to answer",
    "wagtailsnippets_vsend_assessments_child:add": "an empty form for a new child",
    "wagtailsnippetchoosers_vsend_assessments_child:create": "the chooser's empty form for a "
    "new child",
    "vsend_api:moderation-rounds": "opens a round: answers with assessment ids and raters' "
    "usernames, nothing of a child's record",
    "vsend_api:moderation-agreement": "agreement figures: counts and shares of pairs, no child",
    "vsend_api:child-import": "stores a new child from a record the officer sends; it is "
    "logged as an import and answers only the new child's id",
    "vsend_calibration_case": "a fictional calibration child, not a record",
    "vsend_calibration_result": "a practitioner's own rating of a fictional calibration child",
}


def view_model(callback):
    """The model a view is for: a Wagtail viewset's, a generic view's, or a serializer's."""
    view_class = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    initkwargs = getattr(callback, "view_initkwargs", None) or getattr(callback, "initkwargs", {})
    model = initkwargs.get("model") or getattr(view_class, "model", None)
    if model is None:
        model = getattr(getattr(view_class, "queryset", None), "model", None)
    if model is None:
        serializer = getattr(view_class, "serializer_class", None)
        model = getattr(getattr(serializer, "Meta", None), "model", None)
    return model if isinstance(model, type) else None


def child_urls():
    """``{URL name: route}`` of every address of the project that takes a child or assessment."""
    found = {}
    for route, name, pattern in walk(get_resolver().url_patterns):
        model = view_model(pattern.callback)
        if model is not None:
            about_a_child = issubclass(model, CHILD_MODELS)
        else:
            about_a_child = bool(CHILD_SEGMENT.search(route.replace("^", "").replace("$", "")))
        if about_a_child:
            assert name, f"{route} takes a child but has no URL name to test it by"
            found[name] = route
    return found


# The records, and the people allowed to see them ---------------------------------


@dataclass
class Visit:
    """One request, and the children whose records it shows."""

    user: object
    path: str
    shows: list
    method: str = "get"
    data: dict = field(default_factory=dict)
    api: bool = False
    follow: bool = False
    #: How many entries it writes, when not one per child: one per assessment read, say.
    entries: int = None


@pytest.fixture
def world(northshire, make_member, make_child, django_user_model, pdf_storage):
    import_form(read_library_file(LIBRARY / "needs-mapping" / "core.yaml"), northshire)
    import_form(read_library_file(LIBRARY / "family" / "contribution.yaml"), northshire)
    practitioner = make_member(northshire, Role.PRACTITIONER)
    officer = make_member(northshire, Role.OFFICER)
    # Eleven children: the admin chooser shows ten at a time.
    children = [make_child(northshire, f"NS-{n:04}", f"Child {n}") for n in range(11)]
    child = children[0]
    child.practitioners.add(practitioner)
    version = record_assessment(child, practitioner, need=dict.fromkeys(INDICATORS, 1))
    parent = django_user_model.objects.create_user("a-parent", password="x")
    from guardian.shortcuts import assign_perm

    assign_perm("vsend_assessments.view_child", parent, child)
    newcomer = django_user_model.objects.create_user("invited-parent", password="x")
    _, token = invite_family(child, practitioner)
    council_form = published_form(northshire, FormKind.NEEDS_MAPPING)
    NeedsMappingDraft.objects.create(
        child=child,
        council=northshire,
        author=practitioner,
        form=council_form,
        form_version=council_form.version,
        answers={},
    )
    plan = save_plan(
        child,
        {
            "support": [
                {
                    "support_type": "group",
                    "area": "CI",
                    "name": "Talk Boost",
                    "starts": date(2026, 9, 1),
                }
            ],
            "outcomes": [{"area": "IND", "text": "Makes a snack", "horizon": "next_review"}],
            "trajectory": empty_trajectory(),
        },
        author=practitioner,
    )
    make_pdf_summary(version.pk)  # after the plan, whose changes have the PDF made afresh
    rater = make_member(northshire, Role.PRACTITIONER, "ns-rater")
    second = record_assessment(children[1], practitioner, need=dict.fromkeys(INDICATORS, 2))
    moderation_round = open_round(
        northshire, [version.assessment_id, second.assessment_id], ["ns-rater"]
    )
    return {
        "rater": rater,
        "assignment": moderation_round.second_ratings.get(assessment=version.assessment),
        "other_assignment": moderation_round.second_ratings.get(assessment=second.assessment),
        "outcome": plan.outcomes.get(),
        "item": plan.support.get(),
        "child": child,
        "children": children,
        "assessment": version.assessment,
        "practitioner": practitioner,
        "officer": officer,
        "superuser": django_user_model.objects.create_superuser("root", password="x"),
        "parent": parent,
        "newcomer": newcomer,
        "token": token,
        "host": northshire.site.hostname,
    }


def admin(name, *args):
    return reverse(f"wagtailsnippets_vsend_assessments_child:{name}", args=args)


def chooser(name, *args):
    return reverse(f"wagtailsnippetchoosers_vsend_assessments_child:{name}", args=args)


def api(name, *args):
    return reverse(f"vsend_api:{name}", args=args)


def plan_page(name, w, *args):
    return reverse(name, args=[w["child"].pk, *args])


def _first_ten(w):
    return sorted(w["children"], key=lambda c: c.pk)[:10]


#: How to visit each address as someone allowed to, and whose records it shows.
RECIPES = {
    # The front end
    "vsend_children": lambda w: Visit(w["practitioner"], reverse("vsend_children"), [w["child"]]),
    "vsend_child": lambda w: Visit(
        w["practitioner"], reverse("vsend_child", args=[w["child"].pk]), [w["child"]]
    ),
    "vsend_assess_step": lambda w: Visit(
        w["practitioner"],
        reverse("vsend_assess_step", args=[w["child"].pk, "communication-and-interaction"]),
        [w["child"]],
    ),
    "vsend_assess_check": lambda w: Visit(
        w["practitioner"], reverse("vsend_assess_check", args=[w["child"].pk]), [w["child"]]
    ),
    "vsend_assess_discard": lambda w: Visit(
        w["practitioner"], reverse("vsend_assess_discard", args=[w["child"].pk]), [w["child"]]
    ),
    # Sent, the invitation leads back to the child's page, which is the read.
    "vsend_email_family_invitation": lambda w: Visit(
        w["practitioner"],
        reverse("vsend_email_family_invitation", args=[w["child"].pk]),
        [w["child"]],
        method="post",
        data={"token": w["token"], "email": "parent.carer@example.org"},
        follow=True,
    ),
    "vsend_invite_family": lambda w: Visit(
        w["practitioner"],
        reverse("vsend_invite_family", args=[w["child"].pk]),
        [w["child"]],
        method="post",
    ),
    "vsend_family_view": lambda w: Visit(
        w["parent"], reverse("vsend_family_view", args=[w["child"].pk]), [w["child"]]
    ),
    # Wherever accepting an invitation leads, the page it shows is a read of the child.
    "vsend_family_invitation": lambda w: Visit(
        w["newcomer"],
        reverse("vsend_family_invitation", args=[w["token"]]),
        [w["child"]],
        follow=True,
    ),
    # Signed out: the page names the child the invitation is for.
    "vsend_family_create_account": lambda w: Visit(
        None, reverse("vsend_family_create_account", args=[w["token"]]), [w["child"]]
    ),
    "vsend_assessment_pdf": lambda w: Visit(
        w["practitioner"],
        reverse("vsend_assessment_pdf", args=[w["assessment"].pk]),
        [w["child"]],
    ),
    # The whole record, for the family (and officers)
    "vsend_record_pdf": lambda w: Visit(
        w["parent"], reverse("vsend_record_pdf", args=[w["child"].pk]), [w["child"]]
    ),
    # The support plan's pages
    "vsend_plan": lambda w: Visit(w["officer"], plan_page("vsend_plan", w), [w["child"]]),
    # With no catalogue, choosing where support comes from goes straight on to its details.
    "vsend_plan_support_add": lambda w: Visit(
        w["practitioner"], plan_page("vsend_plan_support_add", w), [w["child"]], follow=True
    ),
    "vsend_plan_support_new": lambda w: Visit(
        w["practitioner"], plan_page("vsend_plan_support_new", w) + "?from=free", [w["child"]]
    ),
    "vsend_plan_support_change": lambda w: Visit(
        w["practitioner"], plan_page("vsend_plan_support_change", w, w["item"].pk), [w["child"]]
    ),
    "vsend_plan_support_remove": lambda w: Visit(
        w["practitioner"], plan_page("vsend_plan_support_remove", w, w["item"].pk), [w["child"]]
    ),
    "vsend_plan_outcome_add": lambda w: Visit(
        w["practitioner"], plan_page("vsend_plan_outcome_add", w), [w["child"]]
    ),
    "vsend_plan_outcome_change": lambda w: Visit(
        w["practitioner"], plan_page("vsend_plan_outcome_change", w, w["outcome"].pk), [w["child"]]
    ),
    "vsend_plan_outcome_remove": lambda w: Visit(
        w["practitioner"], plan_page("vsend_plan_outcome_remove", w, w["outcome"].pk), [w["child"]]
    ),
    "vsend_plan_trajectory": lambda w: Visit(
        w["practitioner"], plan_page("vsend_plan_trajectory", w), [w["child"]]
    ),
    "vsend_plan_review": lambda w: Visit(
        w["practitioner"], plan_page("vsend_plan_review", w), [w["child"]]
    ),
    "vsend_plan_aspirations": lambda w: Visit(
        w["parent"], plan_page("vsend_plan_aspirations", w), [w["child"]]
    ),
    # The admin
    "wagtailsnippets_vsend_assessments_child:list": lambda w: Visit(
        w["officer"], admin("list"), w["children"]
    ),
    "wagtailsnippets_vsend_assessments_child:list_results": lambda w: Visit(
        w["officer"], admin("list_results"), w["children"]
    ),
    "wagtailsnippets_vsend_assessments_child:edit": lambda w: Visit(
        w["officer"], admin("edit", w["child"].pk), [w["child"]]
    ),
    # Officers may not delete children; the confirmation page is for superusers.
    "wagtailsnippets_vsend_assessments_child:delete": lambda w: Visit(
        w["superuser"], admin("delete", w["child"].pk), [w["child"]]
    ),
    "wagtailsnippets_vsend_assessments_child:history": lambda w: Visit(
        w["officer"], admin("history", w["child"].pk), [w["child"]]
    ),
    "wagtailsnippets_vsend_assessments_child:history_results": lambda w: Visit(
        w["officer"], admin("history_results", w["child"].pk), [w["child"]]
    ),
    "wagtailsnippets_vsend_assessments_child:usage": lambda w: Visit(
        w["officer"], admin("usage", w["child"].pk), [w["child"]]
    ),
    "vsend_records_export": lambda w: Visit(
        w["officer"], reverse("vsend_records_export", args=[w["child"].pk]), [w["child"]]
    ),
    "vsend_records_pdf": lambda w: Visit(
        w["officer"], reverse("vsend_records_pdf", args=[w["child"].pk]), [w["child"]]
    ),
    "wagtailsnippetchoosers_vsend_assessments_child:choose": lambda w: Visit(
        w["officer"], chooser("choose"), _first_ten(w)
    ),
    "wagtailsnippetchoosers_vsend_assessments_child:choose_results": lambda w: Visit(
        w["officer"], chooser("choose_results"), _first_ten(w)
    ),
    "wagtailsnippetchoosers_vsend_assessments_child:chosen": lambda w: Visit(
        w["officer"], chooser("chosen", w["child"].pk), [w["child"]]
    ),
    "wagtailsnippetchoosers_vsend_assessments_child:chosen_multiple": lambda w: Visit(
        w["officer"],
        chooser("chosen_multiple") + f"?id={w['children'][1].pk}&id={w['children'][2].pk}",
        w["children"][1:3],
    ),
    # The API
    "vsend_api:child-list": lambda w: Visit(
        w["practitioner"], api("child-list"), [w["child"]], api=True
    ),
    "vsend_api:child-detail": lambda w: Visit(
        w["practitioner"], api("child-detail", w["child"].pk), [w["child"]], api=True
    ),
    # One entry per assessment listed.
    "vsend_api:child-assessments": lambda w: Visit(
        w["practitioner"],
        api("child-assessments", w["child"].pk),
        [w["child"]],
        api=True,
        entries=Assessment.objects.filter(child=w["child"]).count(),
    ),
    "vsend_api:assessment-list": lambda w: Visit(
        w["practitioner"],
        api("assessment-list"),
        [w["child"]],
        method="post",
        data={"child": w["child"].pk, "need": {"CI.receptive": 2}},
        api=True,
    ),
    "vsend_api:assessment-pdf": lambda w: Visit(
        w["practitioner"], api("assessment-pdf", w["assessment"].pk), [w["child"]], api=True
    ),
    # Moderation: a second rater sees the child's details, never the first rating
    "vsend_moderation": lambda w: Visit(w["rater"], reverse("vsend_moderation"), [w["child"]]),
    "vsend_second_rating": lambda w: Visit(
        w["rater"], reverse("vsend_second_rating", args=[w["assignment"].pk]), [w["child"]]
    ),
    # Sorted before the listing: rating the other child's leaves this child's open.
    "vsend_api:moderation-assignment-rating": lambda w: Visit(
        w["rater"],
        api("moderation-assignment-rating", w["other_assignment"].pk),
        [w["children"][1]],
        method="post",
        data={"need": dict.fromkeys(INDICATORS, 1)},
        api=True,
    ),
    "vsend_api:moderation-assignments": lambda w: Visit(
        w["rater"], api("moderation-assignments"), [w["child"]], api=True
    ),
    "vsend_api:child-record": lambda w: Visit(
        w["officer"], api("child-record", w["child"].pk), [w["child"]], api=True
    ),
    "vsend_api:assessment-fhir": lambda w: Visit(
        w["practitioner"], api("assessment-fhir", w["assessment"].pk), [w["child"]], api=True
    ),
    "vsend_api:child-plan": lambda w: Visit(
        w["officer"], api("child-plan", w["child"].pk), [w["child"]], api=True
    ),
    "vsend_api:child-plan-outcome": lambda w: Visit(
        w["practitioner"],
        api("child-plan-outcome", w["child"].pk, w["outcome"].pk),
        [w["child"]],
        method="patch",
        data={"status": "partly"},
        api=True,
    ),
}

#: Some addresses every install has, so that a broken discovery cannot pass by finding nothing.
KNOWN = {
    "vsend_child",
    "vsend_assess",
    "vsend_family_view",
    "vsend_api:child-detail",
    "vsend_api:assessment-pdf",
    "wagtailsnippets_vsend_assessments_child:history",
    "wagtailsnippets_vsend_assessments_child:usage",
    "wagtailsnippetchoosers_vsend_assessments_child:choose",
}


def test_discovery_finds_the_addresses_that_take_a_child():
    found = child_urls()
    assert found, "no address taking a child was found: the URL walk is broken"
    assert KNOWN <= set(found), f"not discovered: {sorted(KNOWN - set(found))}"
    assert "wagtailsnippets_vsend_assessments_accessevent:list" not in found


def test_every_address_that_takes_a_child_has_a_recipe():
    found = child_urls()
    missing = sorted(set(found) - set(RECIPES) - set(NOT_A_READ))
    assert not missing, "\n".join(
        f"{name} ({found[name]}) takes a child but has no test recipe in "
        "tests/assessments/test_access_log_coverage.py: add one to RECIPES that visits it "
        "as someone allowed to, or a reason to NOT_A_READ"
        for name in missing
    )
    stale = sorted((set(RECIPES) | set(NOT_A_READ)) - set(found))
    assert not stale, f"recipes for addresses that no longer exist: {stale}"


def test_every_address_that_shows_a_child_writes_the_access_log(world):
    found = child_urls()
    problems = []
    for name in sorted(set(found) & set(RECIPES)):
        visit = RECIPES[name](world)
        client = APIClient() if visit.api else Client()
        if visit.user is not None:
            client.force_login(visit.user)
        before = set(AccessEvent.objects.values_list("pk", flat=True))
        kwargs = {"HTTP_HOST": world["host"], "follow": visit.follow}
        if visit.api:
            kwargs["format"] = "json"
        response = getattr(client, visit.method)(visit.path, visit.data, **kwargs)
        if not 200 <= response.status_code < 300:
            problems.append(f"{name}: {visit.path} answered {response.status_code}, not a page")
            continue
        events = AccessEvent.objects.exclude(pk__in=before)
        logged = sorted(set(events.values_list("child_id", flat=True)), key=lambda pk: pk or 0)
        shown = sorted(child.pk for child in visit.shows)
        if logged != shown:
            problems.append(
                f"{name}: {visit.path} showed children {shown} but wrote access log entries "
                f"for {logged}"
            )
        elif events.count() != (visit.entries or len(shown)):
            problems.append(
                f"{name}: {visit.path} wrote {events.count()} access log entries, "
                f"not {visit.entries or len(shown)} (one per child shown, or per assessment)"
            )
    assert not problems, "Addresses that do not log the children they show:\n" + "\n".join(problems)
