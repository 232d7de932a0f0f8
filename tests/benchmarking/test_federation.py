"""Federation: a peer's council-level figures, pulled by Celery, stored with source and time.

The end-to-end tests start a second instance of the site (its own database,
its own demo councils, ``vsend_rollup`` run there, a partner token issued
there) and pull from it with the real tasks on a real Celery worker, through
Redis. A stand-in peer (:mod:`fake_peer`) answers what a real one never would,
to show every such answer is a recorded failure, never a crash or a stored
figure.
"""

import time
import uuid

import pytest
from django.utils import timezone

from tests.benchmarking.fake_peer import FakePeer, benchmarks, shown_group
from tests.benchmarking.peer_install import PeerInstall, peer_database
from tests.workers import Worker
from vsend_plugin.benchmarking import federation
from vsend_plugin.benchmarking.federation import PULL_RETRIES, PullError, pull, retry_delay
from vsend_plugin.benchmarking.models import Peer, PeerAggregate
from vsend_plugin.benchmarking.tasks import pull_peer, pull_peers

TASK_TIMEOUT = 90

pytestmark = pytest.mark.django_db


# The second instance of the site


@pytest.fixture(scope="module")
def peer_install(tmp_path_factory, django_db_setup):
    database_url, drop_database = peer_database(tmp_path_factory.mktemp("peer"))
    install = PeerInstall(database_url, tmp_path_factory.mktemp("peer-log") / "server.log")
    try:
        install.set_up().start()
        yield install
    finally:
        install.stop()
        drop_database()


@pytest.fixture(scope="module")
def worker(broker_url, django_db_setup, tmp_path_factory):
    """A real worker on a queue of this module's own; tasks sent here go through Redis."""
    import redis

    from vsend_site.celery import app

    queue = f"vsend-federation-{uuid.uuid4().hex[:8]}"
    previous = app.conf.task_always_eager, app.conf.task_default_queue
    app.conf.task_always_eager, app.conf.task_default_queue = False, queue
    process = Worker(queue, tmp_path_factory.mktemp("celery") / "worker.log")
    try:
        yield process.start(app)
    finally:
        process.stop()
        app.conf.task_always_eager, app.conf.task_default_queue = previous
        redis.Redis.from_url(broker_url).delete(queue)


def register(council, install, key, **fields):
    return Peer.objects.create(
        council=council, name="Peer install", api_url=install.api_url, token=key, **fields
    )


def stored_figures(peer):
    return {
        (aggregate.period, aggregate.council_slug): (aggregate.council_name, aggregate.figures)
        for aggregate in PeerAggregate.objects.filter(peer=peer)
    }


def wait_for(condition, timeout=TASK_TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail("Timed out waiting for the worker.")


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_pull_stores_the_peers_own_council_figures_with_source_and_time(
    peer_install, worker, northshire
):
    peer = register(northshire, peer_install, peer_install.issue_token())
    expected = peer_install.council_rollups()
    before = timezone.now()

    stored = pull_peer.delay(peer.pk).get(timeout=TASK_TIMEOUT)

    assert stored == len(expected) == PeerAggregate.objects.filter(peer=peer).count()
    assert stored_figures(peer) == expected
    assert {figures["suppressed"] for _, figures in expected.values()} == {True, False}
    for aggregate in PeerAggregate.objects.filter(peer=peer):
        assert aggregate.source == (
            f"{peer_install.api_url}benchmarks/?by=council&period={aggregate.period}"
        )
        assert before <= aggregate.fetched_at <= timezone.now()
    peer.refresh_from_db()
    assert peer.last_success_at >= before and peer.last_attempt_at >= before
    assert (peer.last_error, peer.consecutive_failures) == ("", 0)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_the_nightly_task_pulls_every_active_peer(peer_install, worker, northshire, westmoor):
    key = peer_install.issue_token()
    active = register(northshire, peer_install, key)
    paused = register(westmoor, peer_install, key, active=False)

    # Here as Celery beat would start it; the pulls it queues go through Redis to the worker.
    assert pull_peers.apply().get() == [active.pk]

    wait_for(lambda: Peer.objects.get(pk=active.pk).last_success_at is not None)
    assert stored_figures(active) == peer_install.council_rollups()
    paused.refresh_from_db()
    assert paused.last_attempt_at is None and not paused.aggregates.exists()


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_revoked_token_is_a_recorded_refusal_that_is_not_retried(
    peer_install, worker, northshire
):
    key = peer_install.issue_token()
    peer = register(northshire, peer_install, key)
    pull_peer.delay(peer.pk).get(timeout=TASK_TIMEOUT)
    figures_before = stored_figures(peer)
    assert peer_install.revoke_token(key)

    result = pull_peer.delay(peer.pk)
    result.get(timeout=TASK_TIMEOUT, propagate=False)

    assert result.state == "FAILURE"
    peer.refresh_from_db()
    assert peer.consecutive_failures == 1  # once: a new token is needed, not another try
    assert "401" in peer.last_error and "revoked" in peer.last_error
    assert key not in peer.last_error
    assert stored_figures(peer) == figures_before  # the last good figures stay, with their time


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_peer_that_is_down_is_retried_with_backoff_and_the_failure_stays_shown(
    peer_install, worker, northshire, make_member, client
):
    peer = register(northshire, peer_install, peer_install.issue_token())
    pull_peer.delay(peer.pk).get(timeout=TASK_TIMEOUT)
    peer.refresh_from_db()
    last_success, figures_before = peer.last_success_at, stored_figures(peer)

    peer_install.stop()
    try:
        started = time.monotonic()
        result = pull_peer.delay(peer.pk)
        result.get(timeout=TASK_TIMEOUT, propagate=False)
        took = time.monotonic() - started
    finally:
        peer_install.start()

    assert result.state == "FAILURE"
    assert took >= sum(retry_delay(n) for n in range(PULL_RETRIES))  # 0.1 s, 0.2 s, 0.4 s...
    assert isinstance(result.result, PullError) or "Could not read" in str(result.result)
    peer.refresh_from_db()
    assert peer.consecutive_failures == PULL_RETRIES + 1  # every try recorded
    assert "Could not read" in peer.last_error and "did not answer" in peer.last_error
    assert peer.last_success_at == last_success
    assert stored_figures(peer) == figures_before

    client.force_login(make_member(northshire, "officer"))
    listing = client.get("/admin/snippets/vsend_benchmarking/peer/").content.decode()
    assert f"Failed {PULL_RETRIES + 1} times in a row" in listing
    assert "the peer did not answer" in listing

    pull_peer.delay(peer.pk).get(timeout=TASK_TIMEOUT)  # back up: the next pull clears it
    peer.refresh_from_db()
    assert (peer.consecutive_failures, peer.last_error) == (0, "")


# Answers no vsend should give, from a stand-in peer


@pytest.fixture
def fake_peer():
    with FakePeer() as peer:
        yield peer


@pytest.fixture
def peer(fake_peer, northshire):
    return Peer.objects.create(
        council=northshire, name="Fenland", api_url=fake_peer.api_url, token="vsp_fenland-key"
    )


def test_the_token_goes_to_the_registered_address_only(fake_peer, peer):
    fake_peer.publish({"2026-Q2": [shown_group()], "2026-Q3": [shown_group(children=41)]})

    assert pull(peer) == 2

    assert fake_peer.requests == [
        ("/api/vsend/v1/benchmarks/periods/", "Token vsp_fenland-key"),
        ("/api/vsend/v1/benchmarks/?by=council&period=2026-Q2", "Token vsp_fenland-key"),
        ("/api/vsend/v1/benchmarks/?by=council&period=2026-Q3", "Token vsp_fenland-key"),
    ]
    figures = PeerAggregate.objects.get(peer=peer, period="2026-Q3").figures
    published = shown_group(children=41)
    assert figures == {k: v for k, v in published.items() if k not in ("key", "label")}


def test_an_address_without_its_final_slash_still_works(fake_peer, peer):
    fake_peer.publish({"2026-Q3": [shown_group()]})
    peer.api_url = fake_peer.api_url.rstrip("/")

    assert pull(peer) == 1


def test_a_new_pull_replaces_the_figures_of_the_last(fake_peer, peer):
    fake_peer.publish({"2026-Q2": [shown_group(), shown_group("march", "March Council")]})
    pull(peer)
    fake_peer.answers.clear()
    fake_peer.publish(
        {
            "2026-Q3": [
                {"key": {"council": "fenland"}, "label": "Fenland Council", "suppressed": True}
            ]
        }
    )

    pull(peer)

    assert [(a.period, a.council_slug, a.figures) for a in peer.aggregates.all()] == [
        ("2026-Q3", "fenland", {"suppressed": True})
    ]


def test_fields_the_spec_may_add_later_are_ignored_and_not_stored(fake_peer, peer):
    fake_peer.publish({"2026-Q3": [{**shown_group(), "median_wait_weeks": 7}]}, generated="now")

    pull(peer)

    assert "median_wait_weeks" not in peer.aggregates.get().figures


def wrong(group=None, **changes):
    return benchmarks("2026-Q3", [group or shown_group()], **changes)


def change(**fields):
    return {**shown_group(), **fields}


WRONG_ANSWERS = {
    "not an object": ([1, 2], "expected an object"),
    "another scheme": (wrong(scheme="vsend-core/2"), "scheme"),
    "another quarter": (wrong(period="2026-Q2"), "asked for 2026-Q3"),
    "not by council": (wrong(by="locality"), "asked for council"),
    "min_group under 5": (wrong(min_group=3), "min_group"),
    "no groups": ({k: v for k, v in wrong().items() if k != "groups"}, "missing 'groups'"),
    "a finer key": (
        wrong(change(key={"council": "fenland", "locality": "north"})),
        "council alone",
    ),
    "a slug that is not one": (wrong(change(key={"council": "<script>"})), "key.council"),
    "an object in a key": (
        wrong(change(key={"council": "fenland", "area": {"CI": 1}})),
        "groups[0].key: expected strings or null",
    ),
    "a small count": (
        wrong(change(band_counts={"A": 3, "B": 11, "C": 9, "D": 8, "E": 9})),
        "band_counts.A: a count of 3 should have been hidden",
    ),
    "a small group shown": (wrong(change(children=6)), "children"),
    "figures in a suppressed group": (
        wrong({"key": {"council": "fenland"}, "suppressed": True, "children": 3}),
        "a suppressed group carries figures (children)",
    ),
    "a count as text": (wrong(change(excluded="12")), "excluded"),
    "true as a count": (wrong(change(children=True)), "children"),
    "a missing area": (wrong(change(areas={"CI": shown_group()["areas"]["CI"]})), "areas"),
    "a level out of range": (
        wrong(
            change(
                areas={
                    **shown_group()["areas"],
                    "SP": {"level": 9, "intensity": 1, "gap": 0, "family_confidence": 2},
                }
            )
        ),
        "areas.SP.level",
    ),
    "alignment out of range": (wrong(change(alignment=1.7)), "alignment"),
    "a missing trend": (wrong(change(trend_counts={"stable": 20})), "trend_counts"),
    "a council twice": (benchmarks("2026-Q3", [shown_group(), shown_group()]), "listed twice"),
}


@pytest.mark.parametrize("case", list(WRONG_ANSWERS))
def test_an_answer_of_the_wrong_shape_is_a_recorded_error_and_nothing_is_stored(
    fake_peer, peer, case
):
    body, message = WRONG_ANSWERS[case]
    fake_peer.answer("benchmarks/periods/", {"scheme": "vsend-core/1", "periods": ["2026-Q3"]})
    fake_peer.answer("benchmarks/?by=council&period=2026-Q3", body)

    with pytest.raises(PullError) as raised:
        pull(peer)

    assert not raised.value.transient
    peer.refresh_from_db()
    assert "unexpected shape" in peer.last_error and message in peer.last_error
    assert (peer.consecutive_failures, peer.last_success_at) == (1, None)
    assert not peer.aggregates.exists()


@pytest.mark.parametrize(
    "periods, message",
    [
        ({"scheme": "vsend-core/1", "periods": ["2026-Q5"]}, "periods[0]"),
        ({"scheme": "vsend-core/1", "periods": "2026-Q3"}, "expected a list"),
        ({"scheme": "vsend-core/1", "periods": ["2026-Q3", "2026-Q3"]}, "listed twice"),
        ({"periods": ["2026-Q3"]}, "missing 'scheme'"),
    ],
)
def test_a_wrong_list_of_quarters_is_a_recorded_error(fake_peer, peer, periods, message):
    fake_peer.answer("benchmarks/periods/", periods)

    with pytest.raises(PullError):
        pull(peer)

    peer.refresh_from_db()
    assert message in peer.last_error


def test_an_answer_that_is_not_json_is_a_recorded_error(fake_peer, peer):
    fake_peer.answer("benchmarks/periods/", b"<html>Maintenance</html>")

    with pytest.raises(PullError, match="did not answer with JSON"):
        pull(peer)


def test_a_redirect_is_not_followed_so_the_token_goes_nowhere_else(fake_peer, peer):
    with FakePeer() as elsewhere:
        fake_peer.answer(
            "benchmarks/periods/",
            {},
            status=302,
            headers={"Location": elsewhere.api_url + "benchmarks/periods/"},
        )

        with pytest.raises(PullError, match="redirect"):
            pull(peer)

        assert elsewhere.requests == []


def test_a_pull_that_fails_part_way_keeps_the_figures_of_the_last_good_one(fake_peer, peer):
    fake_peer.publish({"2026-Q2": [shown_group()]})
    pull(peer)
    fake_peer.publish({"2026-Q2": [shown_group(children=50)], "2026-Q3": [shown_group()]})
    fake_peer.answer("benchmarks/?by=council&period=2026-Q3", {"errors": []}, status=500)

    with pytest.raises(PullError) as raised:
        pull(peer)

    assert raised.value.transient
    assert peer.aggregates.get().figures["children"] == 40


@pytest.fixture
def eager_retries():
    """Celery runs an eager task's retries at once, unless its errors are propagated."""
    from vsend_site.celery import app

    previous = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = previous


def test_a_failure_that_may_pass_is_tried_again_until_the_retries_run_out(
    fake_peer, peer, eager_retries
):
    fake_peer.answer(
        "benchmarks/periods/", {"errors": [{"field": "", "message": "Busy"}]}, status=503
    )

    result = pull_peer.apply((peer.pk,))

    assert result.state == "FAILURE" and isinstance(result.result, PullError)
    assert len(fake_peer.requests) == PULL_RETRIES + 1
    peer.refresh_from_db()
    assert peer.consecutive_failures == PULL_RETRIES + 1
    assert "503 Service Unavailable." in peer.last_error and "Busy" not in peer.last_error


def test_a_refusal_is_not_tried_again(fake_peer, peer, eager_retries):
    fake_peer.answer(
        "benchmarks/periods/", {"errors": [{"field": "", "message": "Nope"}]}, status=403
    )

    result = pull_peer.apply((peer.pk,))

    assert result.state == "FAILURE" and "403 Forbidden." in str(result.result)
    assert len(fake_peer.requests) == 1


def test_a_deleted_peer_is_nothing_to_pull(fake_peer, peer):
    peer_id = peer.pk
    peer.delete()

    assert pull_peer.apply((peer_id,)).get() is None
    assert fake_peer.requests == []


def test_a_slow_peer_times_out(fake_peer, peer, monkeypatch):
    import socket

    with socket.socket() as silent:  # accepts the connection, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        peer.api_url = f"http://127.0.0.1:{silent.getsockname()[1]}/api/vsend/v1/"
        monkeypatch.setattr(federation, "TIMEOUT", 0.5)

        with pytest.raises(PullError, match="did not answer") as raised:
            pull(peer)

    assert raised.value.transient


def test_retries_back_off_and_respect_a_peers_retry_after(settings):
    settings.VSEND_PEER_RETRY_DELAY = 60

    assert [retry_delay(n) for n in range(PULL_RETRIES)] == [60, 120, 240, 480]
    assert retry_delay(10) == 3600
    assert retry_delay(0, retry_after=300) == 300


def test_a_throttled_pull_waits_as_long_as_the_peer_asks(fake_peer, peer):
    fake_peer.answer(
        "benchmarks/periods/", {"errors": []}, status=429, headers={"Retry-After": "90"}
    )

    with pytest.raises(PullError) as raised:
        pull(peer)

    assert raised.value.transient and raised.value.retry_after == 90
