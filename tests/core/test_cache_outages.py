"""A cache outage degrades to no cache: every endpoint still answers, none with a 500.

A real Redis server is started for each test, used as the cache, and stopped;
another cache points at a port nothing listens on. The throttles fail open
(docs/production.md, "When Redis is down"): while the cache is down, a
request is served rather than refused.
"""

import time

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from tests.services import PrivateRedis, free_port
from vsend_plugin.core.models import Role
from vsend_plugin.local_offer.models import LocalOfferIndexPage, ServicePage

pytestmark = pytest.mark.django_db

#: A bound on behaviour, not a benchmark: a request must not wait on a cache that is down.
QUICK = 2.0


@pytest.fixture
def redis_server(tmp_path):
    server = PrivateRedis(tmp_path)
    server.start()
    yield server
    if server.process.poll() is None:
        server.stop()


def use_cache_at(settings, url):
    settings.CACHES = {
        "default": {"BACKEND": "vsend_plugin.core.cache.FailSafeRedisCache", "LOCATION": url}
    }


@pytest.fixture
def callers(northshire, make_member):
    """A published service for the feed, and clients for the benchmarks and scoring."""
    index = LocalOfferIndexPage(title="Local offer", slug="local-offer")
    northshire.site.root_page.add_child(instance=index)
    service = ServicePage(title="Calm club", description="Calm club for families.")
    index.add_child(instance=service)
    service.save_revision().publish()

    officer = APIClient(HTTP_HOST=northshire.site.hostname)
    officer.force_login(make_member(northshire, Role.OFFICER))
    return {"feed": APIClient(HTTP_HOST=northshire.site.hostname), "officer": officer}


def answers(callers):
    """The status of the ORUK feed, the benchmarks and scoring, and how long they took."""
    started = time.monotonic()
    statuses = {
        "feed": callers["feed"].get("/api/oruk/services/").status_code,
        "benchmarks": callers["officer"].get("/api/vsend/v1/benchmarks/").status_code,
        "score": callers["officer"]
        .post("/api/vsend/v1/score/", {"need": {"CI.receptive": 1}}, format="json")
        .status_code,
    }
    return statuses, time.monotonic() - started


ALL_SERVED = {"feed": 200, "benchmarks": 200, "score": 200}


def test_the_feed_benchmarks_and_scoring_answer_when_the_cache_stops(
    settings, redis_server, callers
):
    use_cache_at(settings, redis_server.url)
    assert answers(callers)[0] == ALL_SERVED
    assert redis_server.client().keys("*")  # the cache was used: throttle history, Wagtail's

    redis_server.stop()
    statuses, seconds = answers(callers)
    assert statuses == ALL_SERVED
    assert seconds < QUICK


def test_a_cache_at_a_closed_port_is_no_cache(settings, callers):
    use_cache_at(settings, f"redis://127.0.0.1:{free_port()}/0")
    statuses, seconds = answers(callers)
    assert statuses == ALL_SERVED
    assert seconds < QUICK
    assert cache.get("anything", "missed") == "missed"
    assert cache.get_or_set("computed", lambda: 42) == 42
    assert cache.add("key", 1) is False
    with pytest.raises(ValueError):
        cache.incr("key")


def test_the_throttles_count_while_the_cache_is_up_and_fail_open_while_it_is_down(
    settings, redis_server, callers
):
    use_cache_at(settings, redis_server.url)
    settings.VSEND_THROTTLE_RATES = {"score": "2/min", "benchmarks": "2/min"}
    officer = callers["officer"]

    def score():
        return officer.post("/api/vsend/v1/score/", {"need": {}}, format="json").status_code

    def benchmarks():
        return officer.get("/api/vsend/v1/benchmarks/").status_code

    assert [score() for _ in range(3)] == [200, 200, 429]
    assert [benchmarks() for _ in range(3)] == [200, 200, 429]

    redis_server.stop()
    assert [score() for _ in range(5)] == [200] * 5
    assert [benchmarks() for _ in range(5)] == [200] * 5


def test_a_cache_backend_that_raises_does_not_stop_the_throttles(settings, callers):
    """A project's own cache (Django's RedisCache here) raises; the throttles still serve."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        }
    }
    officer = callers["officer"]
    response = officer.post("/api/vsend/v1/score/", {"need": {}}, format="json")
    assert response.status_code == 200
