"""``GET moderation/agreement/`` against a reference worked out here, the plain way, from the rows.

The reference reads the stored ratings itself and computes kappa by the
pairwise formula (mean squared difference of the pairs over the mean
squared difference of every first level with every second), not the 5x5
tables the module uses, so the two agree only if both follow the spec.
"""

import random
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from tests.conftest import create_child, create_council, create_member
from tests.once import copy_for_a_test, made_once_a_module
from vsend_plugin.assessments.recording import record_assessment
from vsend_plugin.benchmarking.models import PartnerToken
from vsend_plugin.benchmarking.periods import period_of
from vsend_plugin.benchmarking.rollups import rebuild
from vsend_plugin.core.models import Role
from vsend_plugin.moderation.calibration import calibration_cases
from vsend_plugin.moderation.models import CalibrationRating, SecondRating
from vsend_plugin.moderation.ratings import record_calibration_rating, record_second_rating
from vsend_plugin.moderation.rounds import open_round
from vsend_plugin.scoring import INDICATORS

URL = "/api/vsend/v1/moderation/agreement/"
BANDS = "ABCDE"


def rounded(value):
    if value is None:
        return None
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return float(exact.quantize(Decimal("0.01"), ROUND_HALF_UP))


def reference(pairs):
    """The spec's figures of ``pairs``, worked out without a contingency table."""
    pairs = [(a, b) for a, b in pairs if a is not None and b is not None]
    n = len(pairs)
    if n < 10:
        return {"pairs": n, "exact": None, "within_one": None, "kappa": None}
    observed = Fraction(sum((a - b) ** 2 for a, b in pairs), n)
    expected = Fraction(sum((a - b) ** 2 for a, _ in pairs for _, b in pairs), n * n)
    return {
        "pairs": n,
        "exact": rounded(Fraction(sum(a == b for a, b in pairs), n)),
        "within_one": rounded(Fraction(sum(abs(a - b) <= 1 for a, b in pairs), n)),
        "kappa": None if expected == 0 else rounded(1 - observed / expected),
    }


def nearby(rng, level):
    return min(4, max(0, level + rng.choice((0, 0, 0, 1, -1, 2))))


@made_once_a_module
def moderated():
    """Northshire: 14 children rated twice over two settings, calibration ratings; Westmoor: few."""
    rng = random.Random(12)
    northshire = create_council("northshire", "E06000047")
    westmoor = create_council("westmoor", "E06000048")
    author = create_member(northshire, Role.PRACTITIONER, "ns-author")
    create_member(northshire, Role.PRACTITIONER, "ns-psychologist")
    settings = list(northshire.settings.order_by("pk"))
    assessments = []
    for number in range(14):
        child = create_child(northshire, f"NS-{number:04}", setting=settings[number % 2])
        child.practitioners.add(author)
        levels = {code: rng.randint(0, 4) for code in INDICATORS}
        if number == 0:
            levels["SP.hearing"] = None  # a pair with a null is left out
        assessments.append(record_assessment(child, author, need=levels, queue_tasks=False))
    moderation_round = open_round(
        northshire, [v.assessment_id for v in assessments], ["ns-psychologist"]
    )
    firsts = {v.assessment_id: v.need for v in assessments}
    for second in moderation_round.second_ratings.all():
        first = firsts[second.assessment_id]
        levels = {
            code: nearby(rng, 2 if first.get(code) is None else first[code]) for code in INDICATORS
        }
        record_second_rating(second, levels)
    for case in calibration_cases():
        levels = {code: nearby(rng, level) for code, level in case.need.items()}
        record_calibration_rating(author, northshire, case, levels)
    wm_author = create_member(westmoor, Role.PRACTITIONER, "wm-author")
    create_member(westmoor, Role.PRACTITIONER, "wm-psychologist")
    wm_child = create_child(westmoor, "WM-0001")
    wm_child.practitioners.add(wm_author)
    wm = record_assessment(
        wm_child, wm_author, need=dict.fromkeys(INDICATORS, 1), queue_tasks=False
    )
    wm_round = open_round(westmoor, [wm.assessment_id], ["wm-psychologist"])
    record_second_rating(wm_round.second_ratings.get(), dict.fromkeys(INDICATORS, 2))
    rebuild()  # the dashboard offers the quarters with figures
    return {
        "northshire": northshire,
        "westmoor": westmoor,
        "round": moderation_round,
        "officer": create_member(northshire, Role.OFFICER, "ns-officer"),
        "westmoor_officer": create_member(westmoor, Role.OFFICER, "wm-officer"),
        "settings": settings,
    }


@pytest.fixture
def world(moderated, db):
    cache.clear()
    return copy_for_a_test(moderated)


def get(user=None, token=None, **query):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    if token is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client.get(URL, query)


def stored_pairs(council, setting=None):
    """``(indicator, first, second)`` and band pairs, read plainly from the rows."""
    ratings = SecondRating.objects.filter(council=council, rated_at__isnull=False)
    if setting is not None:
        ratings = ratings.filter(assessment__child__setting=setting)
    levels, bands = [], []
    for second in ratings.select_related("assessment"):
        first = second.assessment.versions.order_by("number").last()
        for code in INDICATORS:
            levels.append((code, first.need.get(code), second.need[code]))
        if first.band and second.band:
            bands.append((BANDS.index(first.band), BANDS.index(second.band)))
    return levels, bands


def calibration_pairs(council):
    references = {case.slug: case.need for case in calibration_cases()}
    return [
        (rating.need[code], references[rating.case][code])
        for rating in CalibrationRating.objects.filter(council=council)
        for code in INDICATORS
    ]


def test_the_officers_own_council_equals_the_reference_per_indicator(world):
    period = period_of(world["round"].second_ratings.first().rated_at)
    body = get(world["officer"], period=period).json()
    assert body["period"] == period and body["min_pairs"] == 10
    own = next(g for g in body["groups"] if g["key"] == {"council": "northshire"})
    levels, bands = stored_pairs(world["northshire"])
    assert own["overall"] == reference([(a, b) for _, a, b in levels])
    assert own["overall"]["pairs"] == 14 * 18 - 1
    assert own["band"] == reference(bands)
    for code in INDICATORS:
        assert own["indicators"][code] == reference([(a, b) for c, a, b in levels if c == code])
    assert own["indicators"]["SP.hearing"]["pairs"] == 13
    assert own["calibration"] == reference(calibration_pairs(world["northshire"]))
    assert own["calibration"]["pairs"] == 18 * len(calibration_cases())


def test_settings_are_shown_to_their_own_councils_officers_only(world):
    period = period_of(world["round"].second_ratings.first().rated_at)
    groups = get(world["officer"], period=period).json()["groups"]
    settings = [g for g in groups if "setting" in g["key"]]
    assert len(settings) == 2
    for setting in world["settings"]:
        key = {"council": "northshire", "setting": setting.urn or f"setting-{setting.pk}"}
        group = next(g for g in settings if g["key"] == key)
        levels, _ = stored_pairs(world["northshire"], setting)
        assert group["overall"] == reference([(a, b) for _, a, b in levels])
    westmoor = next(g for g in groups if g["key"] == {"council": "westmoor"})
    assert set(westmoor) == {"key", "overall", "band", "calibration"}
    assert westmoor["overall"] == {"pairs": 18, "exact": 0.0, "within_one": 1.0, "kappa": 0.0}
    assert westmoor["band"] == {"pairs": 1, "exact": None, "within_one": None, "kappa": None}


def test_a_partner_token_and_other_councils_see_council_level_only(world):
    period = period_of(world["round"].second_ratings.first().rated_at)
    token = PartnerToken(council=world["northshire"], organisation="Regional SEND network")
    key = token.set_new_key()
    token.save()
    for body in (
        get(token=key, period=period).json(),
        get(world["westmoor_officer"], period=period).json(),
    ):
        northshire = next(g for g in body["groups"] if g["key"] == {"council": "northshire"})
        assert set(northshire) == {"key", "overall", "band", "calibration"}
        assert not [
            g
            for g in body["groups"]
            if g["key"].keys() == {"council", "setting"} and g["key"]["council"] == "northshire"
        ]
        assert northshire["overall"]["pairs"] == 14 * 18 - 1


def test_a_round_has_its_own_figures_for_its_councils_officers(world):
    round_id = world["round"].pk
    body = get(world["officer"], round=round_id).json()
    assert body["round"] == round_id
    own = body["groups"][0]
    levels, bands = stored_pairs(world["northshire"])
    assert own["overall"] == reference([(a, b) for _, a, b in levels])
    refused = get(world["westmoor_officer"], round=round_id)
    assert refused.status_code == 400
    assert [e["field"] for e in refused.json()["errors"]] == ["round"]


def test_a_quarter_with_no_pairs_is_too_few_not_zero(world):
    groups = get(world["officer"], period="2019-Q1").json()["groups"]
    for group in groups:
        assert group["overall"] == {"pairs": 0, "exact": None, "within_one": None, "kappa": None}


@pytest.mark.parametrize(
    "query,field",
    [
        ({"period": "2026-13"}, "period"),
        ({"period": ""}, "period"),
        ({"round": "x"}, "round"),
        ({"round": "1", "period": "2026-Q1"}, "round"),
    ],
)
def test_bad_queries_are_400s_naming_the_field(world, query, field):
    response = get(world["officer"], **query)
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == [field]


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.EDITOR])
def test_staff_other_than_officers_are_refused(world, role):
    user = create_member(world["northshire"], role, f"someone-{role}")
    assert get(user).status_code == 403


# The officers' dashboard shows the same figures, a chart per area with its table.


def dashboard(client, world):
    from bs4 import BeautifulSoup
    from django.urls import reverse

    client.force_login(world["officer"])
    period = period_of(world["round"].second_ratings.first().rated_at)
    response = client.get(reverse("vsend_benchmarking_dashboard"), {"period": period})
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def section_rows(page, slug):
    return [
        [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
        for row in page.find(id=slug).find("table").find_all("tr")[1:]
    ]


def test_the_dashboard_shows_the_api_figures_with_a_chart_per_area(client, world):
    page = dashboard(client, world)
    section = page.find(id="rater-agreement")
    charts = section.find_all("svg")
    assert len(charts) == 5
    assert [svg.find("title").get_text() for svg in charts][0].startswith(
        "Agreement between raters: Communication and interaction"
    )
    period = period_of(world["round"].second_ratings.first().rated_at)
    own = next(
        g
        for g in get(world["officer"], period=period).json()["groups"]
        if g["key"] == {"council": "northshire"}
    )
    rows = {row[1] or row[0]: row for row in section_rows(page, "rater-agreement")}
    for code in INDICATORS:
        figures = own["indicators"][code]
        assert rows[code][2] == str(figures["pairs"])
        assert rows[code][3] == f"{figures['exact']:.2f}"
        assert rows[code][5] == (
            f"{figures['kappa']:.2f}" if figures["kappa"] is not None else "not known"
        )
    assert rows["All indicators"][2] == str(own["overall"]["pairs"])


def test_the_dashboard_says_where_raters_disagree_most(client, world):
    page = dashboard(client, world)
    rows = section_rows(page, "rater-disagreement")
    assert [row[0] for row in rows][:3] == ["Least agreement"] * 3
    assert any(row[0] == "Levels confused" for row in rows)
