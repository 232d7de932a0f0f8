"""No small count ever leaves ``GET /api/vsend/v1/benchmarks/``, whatever the population.

Each test here makes a population of its own (the other API tests share one
made once for their module, in test_api.py).
"""

import pytest
from django.core.cache import cache
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from tests.benchmarking.population import assess_children
from vsend_plugin.benchmarking.rollups import rebuild

pytestmark = pytest.mark.django_db

URL = "/api/vsend/v1/benchmarks/"


@pytest.fixture(autouse=True)
def fresh_throttle_history():
    cache.clear()  # throttle history lives in the cache, which outlives each test's transaction
    yield
    cache.clear()


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


# Disclosure control, as it leaves the API ------------------------------------------------


COUNT_FIELDS = ("band_counts", "trend_counts")


def assert_publishable(group, min_group):
    if group["suppressed"]:
        assert set(group) == {"key", "label", "suppressed"}
        return
    assert group["children"] >= min_group
    assert group["excluded"] is None or not 1 <= group["excluded"] <= 4
    for field in COUNT_FIELDS:
        counts = list(group[field].values())
        assert all(count is None or not 1 <= count <= 4 for count in counts)
        hidden = counts.count(None)
        assert hidden != 1 or not any(counts), (
            f"one hidden {field} count could be recovered: {counts}"
        )


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    sizes=st.lists(st.integers(min_value=0, max_value=16), min_size=2, max_size=2),
    seed=st.integers(min_value=0, max_value=10_000),
)
def test_no_small_count_ever_leaves_the_api(northshire, make_member, make_child, sizes, seed):
    cache.clear()
    with transaction.atomic():
        officer = make_member(northshire, "officer")
        author = make_member(northshire, "practitioner")
        assess_children(northshire, author, make_child, sizes, seed=seed)
        rebuild([northshire])
        client = client_for(officer)
        councils = client.get(URL, {"period": "2026-Q3"}).json()["groups"]
        if not sum(sizes):  # nobody assessed: no figures at all, in any dimension
            assert councils == []
            assert client.get(URL, {"by": "band", "period": "2026-Q3"}).json()["groups"] == []
            transaction.set_rollback(True)
            return
        (council,) = councils
        assert_publishable(council, 10)
        for by in ("locality", "setting", "primary_area", "band"):
            body = client.get(URL, {"by": by, "period": "2026-Q3"}).json()
            for group in body["groups"]:
                assert_publishable(group, body["min_group"])
            hidden = [group for group in body["groups"] if group["suppressed"]]
            shown = [group for group in body["groups"] if not group["suppressed"]]
            if len(hidden) == 1 and shown:
                # A lone hidden group must hold no counted child, or subtracting the
                # shown groups from the council would give its figures away.
                assert sum(group["children"] for group in shown) == council["children"]
        transaction.set_rollback(True)


def test_a_lone_hidden_setting_cannot_be_worked_out_from_its_locality(
    northshire, make_member, make_child
):
    """Centre has two settings: 14 children in one, 3 in the other. Centre itself is shown
    (17 children), so showing the 14 would give the other setting's figures away."""
    from vsend_plugin.core.models import Setting

    centre = northshire.localities.get(slug="centre")
    Setting.objects.create(
        council=northshire, locality=centre, name="Centre Nursery", kind="nursery"
    )
    author = make_member(northshire, "practitioner")
    assess_children(
        northshire, author, make_child, [14, 12, 3]
    )  # primary (centre), outskirts, nursery
    rebuild([northshire])
    client = client_for(make_member(northshire, "officer"))
    localities = {g["label"]: g for g in client.get(URL, {"by": "locality"}).json()["groups"]}
    assert localities["Centre"]["children"] == 17
    settings_ = {g["label"]: g for g in client.get(URL, {"by": "setting"}).json()["groups"]}
    assert settings_["Centre Nursery"]["suppressed"] is True
    assert settings_["Centre Primary School (northshire)"]["suppressed"] is True
    assert settings_["Outskirts Primary School (northshire)"]["suppressed"] is False
