"""``benchmarks/support/``: the evaluation equals a reference worked out the plain way.

The reference reads every assessment through the ORM, pairs each child's
complete assessments by hand, and checks each support item against the
earlier one's London date, with no code of :mod:`vsend_plugin.planning.evaluation`.
"""

import random
from collections import defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from hypothesis import given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from tests.conftest import create_child, create_council
from tests.once import rolled_back_at_the_end
from vsend_plugin.assessments.models import Assessment, AssessmentVersion
from vsend_plugin.assessments.recording import record_assessment
from vsend_plugin.core.models import Role
from vsend_plugin.planning.evaluation import TypeFigures, publish
from vsend_plugin.planning.models import Outcome, SupportItem, SupportPlan
from vsend_plugin.scoring import INDICATORS, compare, score
from vsend_plugin.scoring.disclosure import suppress_distribution

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
PERIOD = "2026-Q4"
START = datetime(2026, 10, 1, tzinfo=LONDON)
END = datetime(2027, 1, 1, tzinfo=LONDON)
TYPES = ("adult_1to1", "group", "therapy_slt")
AREAS = ("CI", "CL", "SEMH", "SP", "IND")


def need(level):
    return dict.fromkeys(INDICATORS, level)


def reference(council):
    """``{type: figures}`` worked out the plain way, before disclosure control."""
    figures = {}
    for plan in SupportPlan.objects.filter(council=council):
        assessments = []
        for assessment in Assessment.objects.filter(child=plan.child).order_by("taken_at"):
            newest = assessment.versions.order_by("-number").first()
            if newest.complete:
                assessments.append((assessment.taken_at, newest.profile))
        areas_of = defaultdict(set)
        for (earlier_at, earlier), (later_at, later) in zip(
            assessments, assessments[1:], strict=False
        ):
            if not START <= later_at < END:
                continue
            day = earlier_at.astimezone(LONDON).date()
            active = defaultdict(list)
            for item in plan.support.all():
                if item.starts <= day and (item.ends is None or item.ends > day):
                    active[(item.support_type, item.area)].append(item.hours_per_week)
            for (kind, area), hours in active.items():
                row = figures.setdefault(
                    kind,
                    {
                        "children": set(),
                        "episodes": 0,
                        "direction_counts": {"improving": 0, "same": 0, "escalating": 0},
                        "hours": [],
                        "outcomes": {"achieved": 0, "partly": 0, "not_achieved": 0},
                    },
                )
                row["children"].add(plan.child_id)
                row["episodes"] += 1
                direction = compare(earlier, later).areas[area].direction
                row["direction_counts"][
                    {"down": "improving", "same": "same", "up": "escalating"}[direction]
                ] += 1
                if any(h is not None for h in hours):
                    row["hours"].append(sum(h for h in hours if h is not None))
                areas_of[kind].add(area)
        for kind, areas in areas_of.items():
            for outcome in plan.outcomes.all():
                if (
                    outcome.area in areas
                    and outcome.status in figures[kind]["outcomes"]
                    and outcome.reviewed_at
                    and START <= outcome.reviewed_at < END
                ):
                    figures[kind]["outcomes"][outcome.status] += 1
    for row in figures.values():
        hours = row.pop("hours")
        row["mean_hours"] = (
            float((sum(hours) / len(hours)).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP"))
            if hours
            else None
        )
        row["children"] = len(row["children"])
    return figures


@pytest.fixture(scope="module")
def population(django_db_setup, django_db_blocker):
    """Built once for the module (the tests only read it), and rolled back after it."""
    with rolled_back_at_the_end(django_db_blocker):
        with django_db_blocker.unblock():
            council = build_population()
        yield council


def build_population():
    """Forty children, each assessed three times around the quarter, with plans of three types."""
    northshire = create_council("northshire", "E06000991")
    practitioner = get_user_model().objects.create_user("population-practitioner")
    practitioner.groups.add(northshire.group_for(Role.PRACTITIONER))
    chance = random.Random(11)
    for n in range(40):
        child = create_child(northshire, f"NS-{n:04}", f"Child {n}")
        # before the quarter, on its first day (London), and inside it
        dates = [
            datetime(2026, 9, 1 + n % 20, 10, tzinfo=LONDON),
            datetime(2026, 10, 1, 0, 30, tzinfo=LONDON),  # 23:30 UTC on 30 September
            datetime(2026, 11, 2 + n % 20, 10, tzinfo=LONDON),
        ]
        for taken_at in dates:
            record_assessment(
                child,
                practitioner,
                need=need(chance.randint(0, 4)),
                provision=dict.fromkeys(AREAS, chance.randint(0, 4)),
                taken_at=taken_at,
                queue_tasks=False,
            )
        if n % 7 == 0:  # the middle assessment's newest version is not complete: no pairs with it
            middle = Assessment.objects.filter(child=child).order_by("taken_at")[1]
            AssessmentVersion.objects.create(
                assessment=middle,
                number=2,
                source="practitioner",
                author=practitioner,
                need={"CI.receptive": 1},
                profile=score({"CI.receptive": 1}).as_dict(),
            )
        plan = SupportPlan.objects.create(child=child, council=northshire)
        first_day = dates[0].date()
        for kind in TYPES[: 1 + n % 3]:
            SupportItem.objects.create(
                plan=plan,
                council=northshire,
                support_type=kind,
                area=AREAS[n % 5],
                name=kind,
                hours_per_week=None if n % 4 == 0 else Decimal(5 + n % 3) / 2 * 5,
                # on the earlier assessment's date: starting counts, ending does not
                starts=first_day if n % 2 else first_day - timedelta(days=30),
                ends=first_day if n % 5 == 0 else None,
            )
        Outcome.objects.create(
            plan=plan,
            council=northshire,
            area=AREAS[n % 5],
            text="Does it",
            horizon="next_review",
            status=("achieved", "partly", "not_achieved", "dropped", "open")[n % 5],
            reviewed_at=datetime(2026, 11, 20, tzinfo=LONDON) if n % 5 != 4 else None,
        )
    return northshire


def published_figures(response):
    return {
        group["key"]["support_type"]: group
        for group in response.json()["groups"]
        if group["key"]["council"] == "northshire"
    }


def test_the_figures_equal_the_reference(population, make_member, settings):
    settings.VSEND_MIN_GROUP = 5
    officer = make_member(population, Role.OFFICER)
    client = APIClient(HTTP_HOST=population.site.hostname)
    client.force_authenticate(officer)
    response = client.get(f"/api/vsend/v1/benchmarks/support/?period={PERIOD}")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["scheme"] == "vsend-support/1" and body["period"] == PERIOD
    assert body["note"] == "Association, not proof of effect."
    expected = reference(population)
    assert set(expected) == set(TYPES)
    shown = published_figures(response)
    assert set(shown) == set(expected)
    for kind, figures in expected.items():
        group = shown[kind]
        assert not group["suppressed"], kind
        for name in ("children", "episodes", "mean_hours"):
            assert group[name] == figures[name], (kind, name)
        for name in ("direction_counts", "outcomes"):
            assert group[name] == suppress_distribution(figures[name]), (kind, name)


def profile(level):
    from vsend_plugin.planning.evaluation import area_figures

    return area_figures(score(need(level)).as_dict())


def test_the_episode_rule_on_the_earlier_assessments_date():
    """Support starting on the earlier assessment's date counts; support ending on it does not."""
    from vsend_plugin.planning.evaluation import ChildHistory, Item, support_figures

    earlier = datetime(2026, 9, 10, 9, tzinfo=LONDON)
    later = datetime(2026, 11, 10, 9, tzinfo=LONDON)
    day = earlier.date()
    history = ChildHistory(
        child="a",
        assessments=[(later, profile(1)), (earlier, profile(3))],  # any order
        items=[
            Item("group", "CI", day, None, Decimal(2)),  # starts that day: active
            Item("group", "CI", day - timedelta(days=9), None, None),  # no hours: not summed
            Item("therapy_slt", "CI", day - timedelta(days=9), day, Decimal(1)),  # ends that day
            Item("ep", "CL", day + timedelta(days=1), None, Decimal(1)),  # starts the day after
            Item("adult_1to1", "SEMH", day - timedelta(days=9), day + timedelta(days=1), None),
        ],
        outcomes=[
            ("CI", "achieved", datetime(2026, 11, 11, tzinfo=LONDON)),
            ("CI", "dropped", datetime(2026, 11, 11, tzinfo=LONDON)),
            ("CI", "partly", datetime(2026, 9, 30, tzinfo=LONDON)),  # reviewed before the quarter
            ("SP", "achieved", datetime(2026, 11, 11, tzinfo=LONDON)),  # not an area served
        ],
    )
    figures = support_figures([history], START, END)
    assert set(figures) == {"group", "adult_1to1"}
    group = figures["group"].as_dict()
    assert group["episodes"] == 1  # two items of one type and area are one episode
    assert group["mean_hours"] == 2.0
    assert group["direction_counts"] == {"improving": 1, "same": 0, "escalating": 0}
    assert group["outcomes"] == {"achieved": 1, "partly": 0, "not_achieved": 0}
    one_to_one = figures["adult_1to1"].as_dict()
    assert one_to_one["mean_hours"] is None
    assert one_to_one["outcomes"] == {"achieved": 0, "partly": 0, "not_achieved": 0}


def test_a_pair_whose_later_assessment_is_outside_the_quarter_is_not_counted():
    from vsend_plugin.planning.evaluation import ChildHistory, Item, support_figures

    history = ChildHistory(
        child="a",
        assessments=[
            (datetime(2026, 7, 1, tzinfo=LONDON), profile(1)),
            (datetime(2026, 9, 30, 23, 30, tzinfo=LONDON), profile(2)),
            (datetime(2027, 1, 1, 0, 0, tzinfo=LONDON), profile(2)),  # the next quarter's start
        ],
        items=[Item("group", "CI", date(2026, 1, 1), None, Decimal(1))],
    )
    assert support_figures([history], START, END) == {}


def test_an_assessment_just_after_midnight_in_london_counts_in_the_new_quarter(population):
    """The 00:30 London assessment on 1 October pairs with September's as an episode of Q4."""
    from vsend_plugin.planning.evaluation import evaluate

    [(_, _, q4)] = evaluate(population, PERIOD)
    [(_, _, q3)] = evaluate(population, "2026-Q3")
    assert sum(f.episodes for f in q4.values()) > 0
    assert sum(f.episodes for f in q3.values()) == 0  # each child's first pair ends in Q4


def test_other_councils_are_council_level_only(population, make_council, make_member):
    westmoor = make_council("westmoor", "E06000992")
    officer = make_member(westmoor, Role.OFFICER)
    client = APIClient(HTTP_HOST=westmoor.site.hostname)
    client.force_authenticate(officer)
    by_council = client.get(f"/api/vsend/v1/benchmarks/support/?period={PERIOD}").json()
    assert {g["key"]["council"] for g in by_council["groups"]} == {"northshire"}
    by_locality = client.get(f"/api/vsend/v1/benchmarks/support/?period={PERIOD}&by=locality")
    assert by_locality.json()["groups"] == []


def test_practitioners_and_families_may_not_read_it(population, make_member):
    practitioner = make_member(population, Role.PRACTITIONER, "another-practitioner")
    client = APIClient(HTTP_HOST=population.site.hostname)
    client.force_authenticate(practitioner)
    assert client.get("/api/vsend/v1/benchmarks/support/").status_code == 403


@pytest.mark.parametrize("query, field", [("period=2026-Q5", "period"), ("by=band", "by")])
def test_bad_parameters_are_400s_naming_them(population, make_member, query, field):
    officer = make_member(population, Role.OFFICER)
    client = APIClient(HTTP_HOST=population.site.hostname)
    client.force_authenticate(officer)
    response = client.get(f"/api/vsend/v1/benchmarks/support/?{query}")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == field


# Disclosure: no count from 1 to 4 ever leaves ------------------------------------------


def figures_strategy():
    counts = st.integers(min_value=0, max_value=30)
    return st.builds(
        lambda children, episodes_extra, directions, outcomes: TypeFigures(
            children=set(range(children)),
            episodes=children + episodes_extra,
            direction_counts=dict(
                zip(("improving", "same", "escalating"), directions, strict=True)
            ),
            hours=[Decimal(10)],
            outcomes=dict(zip(("achieved", "partly", "not_achieved"), outcomes, strict=True)),
        ),
        st.integers(min_value=0, max_value=40),
        counts,
        st.lists(counts, min_size=3, max_size=3),
        st.lists(counts, min_size=3, max_size=3),
    )


def counts_in(value):
    if isinstance(value, dict):
        for key, inner in value.items():
            if key not in ("mean_hours", "key", "label", "suppressed"):
                yield from counts_in(inner)
    elif isinstance(value, int) and not isinstance(value, bool):
        yield value


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.dictionaries(st.sampled_from(TYPES), figures_strategy(), min_size=1),
        min_size=1,
        max_size=5,
    )
)
def test_no_count_from_one_to_four_is_published(groups):
    rows = publish(
        [
            ({"council": "x", "locality": str(n)}, str(n), figures)
            for n, figures in enumerate(groups)
        ],
        min_group=5,
    )
    for row in rows:
        assert not any(0 < count < 5 for count in counts_in(row)), row
        if not row["suppressed"]:
            hidden = [v for v in row["direction_counts"].values() if v is None]
            assert len(hidden) != 1 or sum(1 for v in row["direction_counts"].values() if v) == 0
    # where exactly one group of a type is hidden, another is hidden with it
    for kind in TYPES:
        of_kind = [row for row in rows if row["key"]["support_type"] == kind]
        hidden = [row for row in of_kind if row["suppressed"]]
        assert len(of_kind) == 1 or len(hidden) != 1
