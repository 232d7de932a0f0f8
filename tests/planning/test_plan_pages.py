"""The support plan's pages: who may read and write them, what they store, what they say.

A practitioner assigned to the child writes the plan (support from the
council's catalogue or entered freely, outcomes, provision towards 18);
officers read it; the family read it in their words and add their hopes;
anyone else is refused as for the child's own page. Every change is a
version; every page that shows the plan is in the access log; bad input is
shown back the GOV.UK way with nothing stored.
"""

import re
from datetime import date

import pytest
from django.urls import reverse

from vsend_plugin.assessments.models import AccessEvent
from vsend_plugin.core.models import Role
from vsend_plugin.planning import scheme
from vsend_plugin.planning.models import (
    ProvisionService,
    SupportItem,
    SupportPlan,
    SupportPlanVersion,
)
from vsend_plugin.planning.plans import save_plan

from .plan_scene import make_scene

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(northshire, make_member, make_child, django_user_model):
    return make_scene(northshire, make_member, make_child, django_user_model)


def signed_in(client, user):
    client.force_login(user)
    return client


def support_data(**changes):
    data = {
        "from": "free",
        "support_type": "adult_1to1",
        "area": "SEMH",
        "name": "Learning mentor",
        "hours_per_week": "20",
        "provider": "Centre Primary School",
        "starts_day": "1",
        "starts_month": "9",
        "starts_year": "2026",
        "ends_day": "",
        "ends_month": "",
        "ends_year": "",
        "planned_until_age": "16",
    }
    data.update(changes)
    return data


def outcome_data(**changes):
    data = {
        "area": "IND",
        "text": "Travels to college on the bus with a friend",
        "horizon": "age_16",
        "adulthood": "independent_living",
    }
    data.update(changes)
    return data


def write_plan(child, author, **parts):
    plan = {"support": [], "outcomes": [], "trajectory": scheme.empty_trajectory()}
    plan.update(parts)
    return save_plan(child, plan, author=author)


def url(name, child, *args, query=""):
    return reverse(name, args=[child.pk, *args]) + query


def problems(html):
    """The error summary's messages and where each links."""
    summary = re.search(r'<div class="govuk-error-summary".*?</ul>', html, re.S)
    assert summary, "no error summary on the page"
    return re.findall(r'<li><a href="([^"]*)">([^<]*)</a>', summary.group(0))


# Writing the plan ----------------------------------------------------------------


def test_support_from_the_catalogue_takes_its_kind_name_and_hours(client, scene):
    child, council = scene["child"], scene["council"]
    entry = ProvisionService.objects.create(
        council=council, name="Talk Boost", support_type="group", areas=["CI"], typical_hours=1.5
    )
    signed_in(client, scene["practitioner"])
    page = client.get(url("vsend_plan_support_add", child), **scene["host"]).content.decode()
    assert "Talk Boost" in page and "Something not in the council's list" in page

    details = client.get(
        url("vsend_plan_support_new", child, query=f"?from={entry.pk}"), **scene["host"]
    ).content.decode()
    assert 'value="Talk Boost"' in details and 'value="1.5"' in details
    assert 'name="support_type"' not in details  # the entry says what kind it is

    data = support_data(**{"from": str(entry.pk), "support_type": "", "area": "CI"})
    data.update(name="Talk Boost", hours_per_week="1.5", planned_until_age="")
    response = client.post(url("vsend_plan_support_new", child), data, **scene["host"])
    assert response.status_code == 302 and response["Location"].endswith("/plan/#support")
    item = SupportItem.objects.get()
    assert (item.support_type, item.area, item.catalogue_entry) == ("group", "CI", entry)
    assert str(item.hours_per_week) == "1.5"
    assert SupportPlanVersion.objects.get().document["support"][0]["type"] == "group"


def test_choosing_nothing_asks_where_the_support_comes_from(client, scene):
    child = scene["child"]
    ProvisionService.objects.create(
        council=scene["council"], name="Talk Boost", support_type="group"
    )
    signed_in(client, scene["practitioner"])
    response = client.get(url("vsend_plan_support_new", child), **scene["host"], follow=True)
    assert response.status_code == 400
    assert problems(response.content.decode()) == [
        ("#from_0", "Select where the support comes from")
    ]


def test_one_to_one_support_planned_to_16_is_flagged_with_the_question(client, scene):
    child = scene["child"]
    signed_in(client, scene["practitioner"])
    response = client.post(url("vsend_plan_support_new", child), support_data(), **scene["host"])
    assert response.status_code == 302
    item = SupportItem.objects.get()
    assert item.intrusive and item.planned_until_age == 16
    page = client.get(url("vsend_plan", child), **scene["host"]).content.decode()
    assert "Intrusive support: Learning mentor, 20 hours a week, planned until age 16." in page
    assert scheme.INTRUSIVE_QUESTION in page


@pytest.mark.parametrize(
    ("changes", "message", "anchor"),
    [
        (
            {"hours_per_week": "20.25"},
            "Hours a week must be from 0 to 40, in steps of 0.5.",
            "#id_hours_per_week",
        ),
        (
            {"hours_per_week": "41"},
            "Hours a week must be from 0 to 40, in steps of 0.5.",
            "#id_hours_per_week",
        ),
        (
            {"ends_day": "31", "ends_month": "8", "ends_year": "2026"},
            "The end must not be before the start.",
            "#id_ends_day",
        ),
        ({"planned_until_age": "30"}, "Give an age from 4 to 25.", "#id_planned_until_age"),
        (
            {"starts_day": "31", "starts_month": "2"},
            "The date it starts must be a real date",
            "#id_starts_day",
        ),
        ({"name": ""}, "Enter name of the support", "#id_name"),
        ({"area": ""}, "Select which area of need does it serve", "#id_area_0"),
    ],
)
def test_bad_support_is_shown_back_govuk_style_and_nothing_is_stored(
    client, scene, changes, message, anchor
):
    child = scene["child"]
    signed_in(client, scene["practitioner"])
    response = client.post(
        url("vsend_plan_support_new", child), support_data(**changes), **scene["host"]
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert (anchor, message) in problems(html)
    assert f'<span class="govuk-visually-hidden">Error:</span> {message}' in html
    assert "<title>Error: " in html
    assert not SupportPlan.objects.exists() and not SupportItem.objects.exists()


def test_adulthood_on_the_next_review_is_refused(client, scene):
    child = scene["child"]
    signed_in(client, scene["practitioner"])
    response = client.post(
        url("vsend_plan_outcome_add", child),
        outcome_data(horizon="next_review"),
        **scene["host"],
    )
    assert response.status_code == 400
    assert (
        "#id_adulthood_0",
        "A Preparing for Adulthood outcome needs a horizon of age 16, 18 or 25.",
    ) in problems(response.content.decode())
    assert not SupportPlan.objects.exists()


def test_outcomes_are_added_changed_and_removed_each_a_version(client, scene):
    child = scene["child"]
    signed_in(client, scene["practitioner"])
    assert (
        client.post(
            url("vsend_plan_outcome_add", child), outcome_data(), **scene["host"]
        ).status_code
        == 302
    )
    outcome = SupportPlan.objects.get().outcomes.get()
    assert (outcome.horizon, outcome.adulthood, outcome.status) == (
        "age_16",
        "independent_living",
        "open",
    )

    changed = outcome_data(
        text="Travels to college on the bus alone", adulthood="none", horizon="age_18"
    )
    response = client.post(
        url("vsend_plan_outcome_change", child, outcome.pk), changed, **scene["host"]
    )
    assert response.status_code == 302
    outcome.refresh_from_db()
    assert (outcome.text, outcome.adulthood, outcome.horizon) == (
        "Travels to college on the bus alone",
        "",
        "age_18",
    )
    assert (
        client.get(url("vsend_plan_outcome_remove", child, outcome.pk), **scene["host"]).status_code
        == 200
    )
    client.post(url("vsend_plan_outcome_remove", child, outcome.pk), **scene["host"])
    plan = SupportPlan.objects.get()
    assert not plan.outcomes.exists() and plan.version == 3
    assert [v.document["outcomes"] != [] for v in plan.versions.order_by("number")] == [
        True,
        True,
        False,
    ]


def test_support_is_changed_and_removed(client, scene):
    child = scene["child"]
    signed_in(client, scene["practitioner"])
    client.post(url("vsend_plan_support_new", child), support_data(), **scene["host"])
    item = SupportItem.objects.get()
    form = client.get(
        url("vsend_plan_support_change", child, item.pk), **scene["host"]
    ).content.decode()
    assert 'value="Learning mentor"' in form and 'value="2026"' in form
    data = support_data(hours_per_week="10", planned_until_age="11", support_type="adult_1to1")
    client.post(url("vsend_plan_support_change", child, item.pk), data, **scene["host"])
    item.refresh_from_db()
    assert not item.intrusive and item.planned_until_age == 11
    assert SupportItem.objects.get().pk == item.pk  # the same item, kept by its id
    client.post(url("vsend_plan_support_remove", child, item.pk), **scene["host"])
    assert not SupportItem.objects.exists()
    assert SupportPlan.objects.get().version == 3


def test_an_item_of_another_plan_is_not_found(client, scene, make_child):
    other_child = make_child(scene["council"], "NO-0002", "Sam")
    other_child.practitioners.add(scene["practitioner"])
    other = write_plan(
        other_child,
        scene["practitioner"],
        support=[
            {
                "support_type": "group",
                "area": "CI",
                "name": "Talk Boost",
                "starts": date(2026, 9, 1),
            }
        ],
    )
    signed_in(client, scene["practitioner"])
    item = other.support.get()
    assert (
        client.get(
            url("vsend_plan_support_change", scene["child"], item.pk), **scene["host"]
        ).status_code
        == 404
    )
    response = client.post(
        url("vsend_plan_support_remove", scene["child"], item.pk), **scene["host"]
    )
    assert response.status_code == 404 and SupportItem.objects.filter(pk=item.pk).exists()


def test_the_trajectory_is_saved_and_said_in_words(client, scene):
    child = scene["child"]
    signed_in(client, scene["practitioner"])
    data = {"SEMH__now": "3", "SEMH__next_phase": "3", "SEMH__age_16": "3", "SEMH__age_18": "3"}
    data.update({"CI__now": "2", "CI__next_phase": "1", "CI__age_16": "", "CI__age_18": "0"})
    response = client.post(url("vsend_plan_trajectory", child), data, **scene["host"])
    assert response.status_code == 302
    plan = SupportPlan.objects.get()
    assert plan.trajectory["SEMH"] == {"now": 3, "next_phase": 3, "age_16": 3, "age_18": 3}
    assert plan.trajectory["CI"] == {"now": 2, "next_phase": 1, "age_16": None, "age_18": 0}
    page = client.get(url("vsend_plan", child), **scene["host"]).content.decode()
    assert "planned provision never steps down: it stays at level 3 all the way to 18" in page
    assert "planned provision steps down, from level 2 now to level 0 by 18" in page
    assert 'role="img"' in page and "Planned provision from now to 18" in page
    assert 'id="road-table"' in page

    bad = client.post(url("vsend_plan_trajectory", child), {"SEMH__now": "5"}, **scene["host"])
    assert bad.status_code == 400 and "govuk-error-summary" in bad.content.decode()
    assert SupportPlan.objects.get().version == 1


def test_a_may_limit_item_with_no_age_is_named(client, scene):
    child = scene["child"]
    signed_in(client, scene["practitioner"])
    client.post(
        url("vsend_plan_support_new", child),
        support_data(
            support_type="transport_escorted",
            hours_per_week="",
            planned_until_age="",
            name="Taxi with escort",
        ),
        **scene["host"],
    )
    page = client.get(url("vsend_plan", child), **scene["host"]).content.decode()
    assert (
        "Taxi with escort (home-to-setting transport with an escort) can limit independence" in page
    )


def test_every_change_is_a_version_with_its_history_shown(client, scene):
    child = scene["child"]
    signed_in(client, scene["practitioner"])
    client.post(url("vsend_plan_support_new", child), support_data(), **scene["host"])
    client.post(url("vsend_plan_outcome_add", child), outcome_data(), **scene["host"])
    client.post(url("vsend_plan_trajectory", child), {"SEMH__now": "3"}, **scene["host"])
    plan = SupportPlan.objects.get()
    assert list(plan.versions.values_list("number", "source", "author")) == [
        (1, "practitioner", scene["practitioner"].pk),
        (2, "practitioner", scene["practitioner"].pk),
        (3, "practitioner", scene["practitioner"].pk),
    ]
    page = client.get(url("vsend_plan", child), **scene["host"]).content.decode()
    history = page[page.index('id="plan-history"') :]
    assert history.index("Version 3") < history.index("Version 2") < history.index("Version 1")
    assert "by northshire-practitioner: Plan changed." in history
    first = history[history.index("Version 1") :]
    assert first.split("</li>")[0].endswith("by northshire-practitioner: Plan written.")


# Who may do what -----------------------------------------------------------------

WRITE_PAGES = [
    ("vsend_plan_support_add", ()),
    ("vsend_plan_support_new", ()),
    ("vsend_plan_support_change", ("item",)),
    ("vsend_plan_support_remove", ("item",)),
    ("vsend_plan_outcome_add", ()),
    ("vsend_plan_outcome_change", ("outcome",)),
    ("vsend_plan_outcome_remove", ("outcome",)),
    ("vsend_plan_trajectory", ()),
    ("vsend_plan_review", ()),
]
READ_PAGES = [("vsend_plan", ())] + WRITE_PAGES + [("vsend_plan_aspirations", ())]
#: Pages that only show something: a POST to them is not allowed at all (405).
GET_ONLY = {"vsend_plan", "vsend_plan_support_add"}


@pytest.fixture
def written(scene):
    plan = write_plan(
        scene["child"],
        scene["practitioner"],
        support=[
            {
                "support_type": "group",
                "area": "CI",
                "name": "Talk Boost",
                "starts": date(2026, 9, 1),
            }
        ],
        outcomes=[
            {"area": "CI", "text": "Asks for help", "horizon": "next_review", "adulthood": ""}
        ],
    )
    return {"item": plan.support.get().pk, "outcome": plan.outcomes.get().pk, "plan": plan}


def address(scene, written, name, args, query=""):
    values = [written[arg] for arg in args]
    if name == "vsend_plan_support_new":
        query = "?from=free"
    return url(name, scene["child"], *values, query=query)


@pytest.mark.parametrize(("name", "args"), READ_PAGES)
def test_signed_out_people_are_sent_to_sign_in(client, scene, written, name, args):
    response = client.get(address(scene, written, name, args), **scene["host"])
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")


@pytest.mark.parametrize(("name", "args"), READ_PAGES)
def test_a_practitioner_not_working_with_the_child_gets_404(client, scene, written, name, args):
    signed_in(client, scene["other"])
    assert client.get(address(scene, written, name, args), **scene["host"]).status_code == 404
    refused = 405 if name in GET_ONLY else 404
    assert (
        client.post(address(scene, written, name, args), {}, **scene["host"]).status_code == refused
    )


@pytest.mark.parametrize(("name", "args"), READ_PAGES)
def test_another_council_gets_404(client, scene, written, westmoor, make_member, name, args):
    signed_in(client, make_member(westmoor, Role.OFFICER))
    for host in (scene["host"], {"HTTP_HOST": westmoor.site.hostname}):
        assert client.get(address(scene, written, name, args), **host).status_code == 404
    # and the child's own council's officer on the other council's site: 404 too
    signed_in(client, scene["officer"])
    assert (
        client.get(
            address(scene, written, name, args), HTTP_HOST=westmoor.site.hostname
        ).status_code
        == 404
    )


@pytest.mark.parametrize(("name", "args"), WRITE_PAGES)
@pytest.mark.parametrize("who", ["officer", "parent"])
def test_officers_and_the_family_may_not_change_the_plan(client, scene, written, who, name, args):
    signed_in(client, scene[who])
    where = address(scene, written, name, args)
    assert client.get(where, **scene["host"]).status_code == 403
    data = {**support_data(), **outcome_data(), "SEMH__now": "4"}
    refused = 405 if name in GET_ONLY else 403
    assert client.post(where, data, **scene["host"]).status_code == refused
    assert SupportPlan.objects.get().version == written["plan"].version


def test_an_officer_reads_the_plan_without_ways_to_change_it(client, scene, written):
    signed_in(client, scene["officer"])
    page = client.get(url("vsend_plan", scene["child"]), **scene["host"]).content.decode()
    assert "Talk Boost" in page and "Asks for help" in page
    for words in (
        "Add support",
        "Add an outcome",
        "/plan/support/",
        "/plan/outcomes/",
        "towards-adulthood",
    ):
        assert words not in page


def test_the_assigned_practitioner_sees_the_ways_to_change_it(client, scene, written):
    signed_in(client, scene["practitioner"])
    page = client.get(url("vsend_plan", scene["child"]), **scene["host"]).content.decode()
    for words in (
        "Add support",
        "Add an outcome",
        "Plan provision towards adulthood",
        "Review outcomes",
    ):
        assert words in page


def test_only_the_family_writes_their_hopes(client, scene, written):
    for who in ("practitioner", "officer"):
        signed_in(client, scene[who])
        where = url("vsend_plan_aspirations", scene["child"])
        assert client.get(where, **scene["host"]).status_code == 403
        assert client.post(where, {"aspirations": "x"}, **scene["host"]).status_code == 403


def test_every_page_that_shows_the_plan_is_in_the_access_log(client, scene, written):
    for name, args in READ_PAGES:
        who = "parent" if name == "vsend_plan_aspirations" else "practitioner"
        signed_in(client, scene[who])
        before = AccessEvent.objects.count()
        response = client.get(address(scene, written, name, args), **scene["host"], follow=True)
        assert response.status_code == 200, name
        events = AccessEvent.objects.order_by("pk")[before:]
        assert [(e.action, e.child_id, e.user_id) for e in events] == [
            ("view_plan", scene["child"].pk, scene[who].pk)
        ], name


# The family ----------------------------------------------------------------------


def test_the_family_reads_the_plan_in_their_words_and_adds_their_hopes(client, scene, written):
    child = scene["child"]
    write_plan(
        child,
        scene["practitioner"],
        support=[
            {
                "id": written["item"],
                "support_type": "adult_1to1",
                "area": "SEMH",
                "name": "Learning mentor",
                "hours_per_week": 20,
                "provider": "Centre Primary School",
                "starts": date(2026, 9, 1),
                "planned_until_age": 16,
            }
        ],
        outcomes=[
            {
                "area": "IND",
                "text": "Makes a snack",
                "horizon": "age_16",
                "adulthood": "independent_living",
            }
        ],
    )
    signed_in(client, scene["parent"])
    page = client.get(url("vsend_plan", child), **scene["host"]).content.decode()
    assert "Robin's support plan" in page
    assert "What we hope for" in page and "Help at school and elsewhere" in page
    assert "<strong>Learning mentor</strong>: 20 hours a week, from Centre Primary School" in page
    assert f"Ask Centre Primary School (northshire): {scheme.INTRUSIVE_QUESTION}" in page
    assert "<strong>By 16</strong>: Makes a snack" in page
    assert "Add what you hope for" in page and "Add support" not in page

    bad = client.post(url("vsend_plan_aspirations", child), {"aspirations": ""}, **scene["host"])
    assert bad.status_code == 400
    assert problems(bad.content.decode()) == [("#id_aspirations", "Enter what do you hope for")]
    response = client.post(
        url("vsend_plan_aspirations", child),
        {"aspirations": "To go to college with her friends."},
        **scene["host"],
    )
    assert response.status_code == 302
    plan = SupportPlan.objects.get()
    assert plan.family_aspirations == "To go to college with her friends."
    latest = plan.versions.order_by("-number").first()
    assert (latest.source, latest.author) == ("family", scene["parent"])
    page = client.get(url("vsend_plan", child), **scene["host"]).content.decode()
    assert "To go to college with her friends." in page and "Change what you hope for" in page

    signed_in(client, scene["officer"])
    assert (
        "To go to college with her friends."
        in client.get(url("vsend_plan", child), **scene["host"]).content.decode()
    )
