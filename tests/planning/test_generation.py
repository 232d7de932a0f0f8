"""Synthetic support plans: drawn from needs, stored as :mod:`planning.plans` stores them."""

import io
import random
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command

from vsend_plugin.core.models import Council
from vsend_plugin.planning import scheme
from vsend_plugin.planning.evaluation import evaluate
from vsend_plugin.planning.generation import CATALOGUE, draw_plan
from vsend_plugin.planning.models import Outcome, SupportItem, SupportPlan, SupportPlanVersion
from vsend_plugin.planning.plans import document
from vsend_plugin.planning.serializers import PlanSerializer

pytestmark = pytest.mark.django_db


def generate(*extra):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "vsend_generate",
        *("--councils", "1", "--children", "60", "--assessments-per-child", "3"),
        *("--quarters", "4", "--until", "2026-09-30", "--no-rollup", *extra),
        stdout=out,
        stderr=err,
    )
    return out.getvalue()


def test_vsend_generate_gives_every_child_a_plan_stored_as_the_product_stores_it():
    output = generate()
    assert "Gave 60 children support plans" in output
    council = Council.objects.get(slug="synthetic-001")
    plans = SupportPlan.objects.filter(council=council)
    assert plans.count() == 60
    for plan in plans[:20]:
        version = SupportPlanVersion.objects.get(plan=plan)
        assert version.number == plan.version == 1
        assert version.document == document(plan)
        # The document is a valid plan as the API takes it back.
        serializer = PlanSerializer(data=version.document, context={"plan": plan})
        assert serializer.is_valid(), serializer.errors
    items = SupportItem.objects.filter(council=council).select_related("plan__child")
    for item in items:
        assert item.catalogue_entry.council_id == council.pk
        assert item.area in item.catalogue_entry.areas
        assert item.support_type == item.catalogue_entry.support_type
        if item.hours_per_week is not None:
            assert 0 <= item.hours_per_week <= 40 and item.hours_per_week * 2 % 1 == 0
        if item.planned_until_age is not None:
            assert 4 <= item.planned_until_age <= 25
        if item.ends is not None:
            assert item.ends > item.starts
    for outcome in Outcome.objects.filter(council=council).exclude(status="open"):
        assert outcome.reviewed_with.child_id == outcome.plan.child_id
        assert outcome.reviewed_at > outcome.reviewed_with.taken_at


def test_support_serves_the_areas_the_first_assessment_found_needs_in():
    generate()
    for plan in SupportPlan.objects.select_related("child")[:30]:
        first = plan.child.assessments.order_by("taken_at").first().versions.get().profile
        needs = {code for code, values in first["areas"].items() if values.get("level")}
        assert set(plan.support.values_list("area", flat=True)) == needs


def test_the_generated_quarter_has_evaluation_figures():
    generate()
    council = Council.objects.get(slug="synthetic-001")
    [(_, _, figures)] = evaluate(council, "2026-Q3")
    assert len(figures) >= 4
    assert sum(f.episodes for f in figures.values()) > 40


def test_no_plans_when_asked():
    output = generate("--no-plans")
    assert "support plans" not in output
    assert not SupportPlan.objects.exists()


class Catalogue:
    def __init__(self, entry):
        self.name, self.support_type, self.areas = entry.name, entry.support_type, entry.areas
        self.typical_hours = entry.typical_hours


def test_drawn_plans_are_valid_and_some_one_to_one_support_is_planned_to_16():
    catalogue = {entry.name: Catalogue(entry) for entry in CATALOGUE}
    profile = {"areas": {code: {"level": 4, "provision": 3} for code in scheme.AREAS}}
    taken = [datetime(2026, month, 10, tzinfo=UTC) for month in (1, 4, 7)]
    intrusive_to_16 = 0
    for number in range(200):
        plan = draw_plan(
            random.Random(number),
            assessments=[(at, profile) for at in taken],
            birth_year=2012,
            birth_month=5,
            catalogue=catalogue,
            provider="Hill Top",
        )
        for item in plan.items:
            assert item["starts"] <= taken[0].date() + timedelta(days=30)
            if (
                scheme.is_intrusive(
                    item["support_type"], item["hours_per_week"], item["planned_until_age"]
                )
                and (item["planned_until_age"] or 0) >= 16
            ):
                intrusive_to_16 += 1
        for points in plan.trajectory.values():
            assert points["now"] == 3
            assert scheme.steps_down([points[p] for p in scheme.TRAJECTORY_POINTS]) in (
                True,
                False,
            )
        assert [o.adulthood for o in plan.outcomes if o.horizon.startswith("age_")]
    assert intrusive_to_16 > 10
