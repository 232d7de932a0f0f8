"""The demo's support plans and moderation: groups big enough to show in their figures.

Support plans: a catalogue per council, and evaluation groups big enough to
show. Moderation: an educational psychologist per council, a round rated
blind this quarter with a few assignments left open, calibration ratings,
and agreement figures for every indicator.

The demo is loaded once, with its default population, for this module's tests.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.demo.loading import demo_loaded_once, load_demo
from vsend_plugin.benchmarking.periods import previous_period
from vsend_plugin.core.models import Council
from vsend_plugin.planning.benchmarks import NOTE, support_benchmarks
from vsend_plugin.planning.generation import CATALOGUE
from vsend_plugin.planning.models import (
    Outcome,
    ProvisionService,
    SupportItem,
    SupportPlan,
    SupportPlanVersion,
)

pytestmark = pytest.mark.django_db

ARGUMENTS = ("--children", "6")

demo = demo_loaded_once(*ARGUMENTS)


def test_each_council_has_the_default_catalogue_linked_to_its_local_offer(demo):
    for council in Council.objects.all():
        catalogue = {s.name: s for s in ProvisionService.objects.filter(council=council)}
        assert set(catalogue) == {entry.name for entry in CATALOGUE}
        assert catalogue["Talk Boost"].support_type == "group"
        assert catalogue["Talk Boost"].areas == ["CI"]
        assert catalogue["Learning mentor"].support_type == "adult_1to1"
        assert "SEMH" in catalogue["Learning mentor"].areas
        assert catalogue["Travel training"].support_type == "independence_skills"
        travel = list(catalogue["Travel training"].services.all())
        assert [page.title for page in travel] == ["Travel training"]
        assert all(page.get_site().root_page_id == council.site.root_page_id for page in travel)


def test_every_assessed_child_has_a_plan_tied_to_their_needs(demo):
    for council in Council.objects.all():
        children = council.children.filter(assessments__isnull=False).distinct()
        plans = SupportPlan.objects.filter(council=council)
        assert plans.count() == children.count()
    items = SupportItem.objects.select_related("plan__child")
    assert items.exists()
    assert items.filter(hours_per_week__isnull=False).exists()
    assert all(item.council_id == item.plan.council_id for item in items[:500])
    # One-to-one support planned to 16 or beyond, which the planning view flags.
    assert any(item.intrusive and (item.planned_until_age or 0) >= 16 for item in items)
    reviewed = Outcome.objects.exclude(status="open")
    assert reviewed.filter(reviewed_with__isnull=False).exists()
    assert Outcome.objects.filter(horizon__in=["age_16", "age_18"]).exclude(adulthood="").exists()


def test_the_named_childrens_plans_have_their_history(demo):
    named = SupportPlan.objects.exclude(child__case_reference__startswith="SY")
    assert named.exists()
    for plan in named:
        versions = list(plan.versions.order_by("number"))
        assert [version.number for version in versions] == list(range(1, plan.version + 1))
        assert versions[-1].document["version"] == plan.version
        # dated as they happened: written after the first assessment, each review just
        # after the assessment it came with, in order, none in the future
        times = [version.created_at for version in versions]
        assert times == sorted(times) and times[-1] <= timezone.now()
        first = plan.child.assessments.order_by("taken_at").first()
        assert times[0] > first.taken_at
        for outcome in plan.outcomes.exclude(reviewed_with=None):
            assert (
                timedelta(0)
                < outcome.reviewed_at - outcome.reviewed_with.taken_at
                < timedelta(hours=1)
            )
    bulk = SupportPlan.objects.filter(child__case_reference__startswith="SY").first()
    document = SupportPlanVersion.objects.get(plan=bulk).document
    assert {item["id"] for item in document["support"]} == set(
        bulk.support.values_list("pk", flat=True)
    )


def test_the_support_evaluation_shows_real_groups_for_every_demo_council(demo):
    """At demo size, several support types have enough children to be shown, not suppressed."""
    for council in Council.objects.all():
        own = Council.objects.filter(pk=council.pk)
        body = support_benchmarks(own, by="council")
        assert body["note"] == NOTE
        mine = [g for g in body["groups"] if g["key"]["council"] == council.slug]
        shown = [g for g in mine if not g["suppressed"]]
        if len(shown) < 4:  # the first days of a quarter: the quarter before has the data
            body = support_benchmarks(own, by="council", period=previous_period(body["period"]))
            shown = [
                g
                for g in body["groups"]
                if g["key"]["council"] == council.slug and not g["suppressed"]
            ]
        types = {g["key"]["support_type"] for g in shown}
        assert len(types) >= 4, (council.slug, types)
        assert {"adult_1to1", "group"} & types
        for group in shown:
            assert group["children"] >= body["min_group"]
            assert sum(v or 0 for v in group["direction_counts"].values()) <= group["episodes"]
        assert any(g["mean_hours"] is not None for g in shown)
        assert any(any(g["outcomes"].values()) for g in shown)


def test_loading_again_adds_no_plans(demo):
    before = (SupportPlan.objects.count(), SupportItem.objects.count(), Outcome.objects.count())
    load_demo(*ARGUMENTS)
    after = (SupportPlan.objects.count(), SupportItem.objects.count(), Outcome.objects.count())
    assert after == before
    assert ProvisionService.objects.count() == Council.objects.count() * len(CATALOGUE)


# Moderation


def test_each_council_has_a_psychologist_who_can_rate_blind(demo):
    from django.contrib.auth import authenticate
    from django.http import HttpRequest

    from vsend_plugin.core.models import Practitioner
    from vsend_plugin.moderation.rounds import is_rater_for

    assert "-psychologist" in demo
    for council in Council.objects.all():
        user = authenticate(
            HttpRequest(), username=f"{council.slug}-psychologist", password="vsend-demo"
        )
        assert user is not None and is_rater_for(user, council)
        role = Practitioner.objects.get(user=user, council=council)
        assert role.job_title == "Educational psychologist" and role.setting is None
        assert not user.vsend_children.exists()


def test_a_psychologist_works_for_two_councils_with_children_in_each(demo):
    from django.contrib.auth import authenticate
    from django.http import HttpRequest

    from vsend_plugin.core.permissions import councils_for

    assert "county-psychologist" in demo
    user = authenticate(HttpRequest(), username="county-psychologist", password="vsend-demo")
    councils = list(councils_for(user).order_by("name"))
    assert len(councils) == 2
    for council in councils:
        assert user.vsend_children.filter(council=council).count() == 2


def test_each_council_has_a_round_mostly_rated_this_quarter(demo):
    from vsend_plugin.benchmarking.periods import period_of
    from vsend_plugin.moderation.generation import LEFT_OPEN, ROUND_SIZE
    from vsend_plugin.moderation.models import ModerationRound
    from vsend_plugin.moderation.rounds import may_rate

    this_quarter = period_of(timezone.now())
    for council in Council.objects.all():
        moderation_round = ModerationRound.objects.get(council=council)
        ratings = list(moderation_round.second_ratings.select_related("assessment", "rater"))
        assert len(ratings) == ROUND_SIZE
        assert sum(rating.is_open for rating in ratings) == LEFT_OPEN
        for rating in ratings:
            assert rating.rater.username == f"{council.slug}-psychologist"
            assert may_rate(rating.rater, rating.assessment)
            assert rating.is_open or rating.period == this_quarter


def test_the_agreement_figures_show_for_every_indicator_at_demo_size(demo):
    from vsend_plugin.benchmarking.periods import period_of
    from vsend_plugin.moderation.figures import agreement_groups
    from vsend_plugin.moderation.generation import HARDER

    councils = list(Council.objects.all())
    for group in agreement_groups(councils, [], period=period_of(timezone.now())):
        if "setting" in group["key"]:
            continue
        assert group["overall"]["kappa"] is not None
        assert group["band"]["kappa"] is not None or group["band"]["exact"] is not None
        assert group["calibration"]["kappa"] is not None
        assert all(figures["exact"] is not None for figures in group["indicators"].values())
        lowest = {item["indicator"] for item in group["disagreement"]["lowest"]}
        assert lowest & HARDER, group["disagreement"]
