"""Rollups are updated by real Celery workers, through Redis, after each assessment commits.

Transactional tests: what the test records is committed, so the worker (a
separate process on the same test database) reads exactly what the web
process would have left behind.
"""

import json
import time
from datetime import timedelta

import pytest
import redis
from django.db import transaction

from tests.benchmarking import reference
from tests.benchmarking.population import IN_Q3, assess, enrol
from vsend_plugin.assessments.recording import record_assessment
from vsend_plugin.benchmarking.models import Rollup
from vsend_plugin.benchmarking.rollups import ROLLUP_TASK, queue_rollup_after
from vsend_plugin.core.models import PendingTask, Role
from vsend_plugin.scoring import INDICATORS

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def wait_for(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    pytest.fail(f"Timed out waiting for {what}")


def tasks_outstanding(broker_url, queue):
    """Messages of ``queue`` waiting, or delivered to a worker and not yet acknowledged.

    Tasks acknowledge late, after they ran, and a retry is sent before the
    try it replaces is acknowledged, so nought means every task has finished.
    """
    client = redis.Redis.from_url(broker_url)
    delivered = sum(1 for raw in client.hvals("unacked") if json.loads(raw)[2] == queue)
    return client.llen(queue) + delivered


def test_a_real_worker_stores_the_rollup_of_a_committed_assessment(
    celery_worker_process, northshire, make_member, make_child
):
    author = make_member(northshire, Role.PRACTITIONER)
    children = enrol(northshire, make_child, [9, 7], seed=31)
    assess(children[1:], author, seed=32)  # loaded in bulk: no task for these
    assert not Rollup.objects.exists()

    record_assessment(children[0], author, need=dict.fromkeys(INDICATORS, 2), taken_at=IN_Q3)

    wait_for(lambda: Rollup.objects.filter(council=northshire).exists(), 60, "the rollup")
    assert PendingTask.objects.get(name=ROLLUP_TASK).arguments == [northshire.pk, "2026-Q3"]
    reference.assert_rollups_match(northshire, "2026-Q3")
    (council,) = reference.stored(northshire, "2026-Q3")["council"]
    assert council[2]["children"] >= 10  # shown, so the figures were really compared


def rollups_run_by(worker):
    return sum(
        1
        for line in worker.log.read_text().splitlines()
        if f"Task {ROLLUP_TASK}[" in line and "succeeded" in line
    )


def record_with_its_rollup_only(child, author, **ratings):
    """An assessment whose only task is its council's rollup, queued by the hook itself.

    The PDF an assessment also asks for takes a worker seconds to make, and
    would keep the rollup tasks of a burst from ever running at once.
    """
    with transaction.atomic():
        version = record_assessment(child, author, queue_tasks=False, **ratings)
        queue_rollup_after(version)
    return version


def test_a_burst_of_assessments_for_one_quarter_ends_with_the_right_figures(
    start_worker, broker_url, northshire, make_member, make_child
):
    """Two workers take the burst's updates at once; the council's lock makes them take turns."""
    author = make_member(northshire, Role.PRACTITIONER)
    children = enrol(northshire, make_child, [10, 8], seed=41)
    assess(children, author, seed=42)
    workers = [start_worker(), start_worker()]
    queue = workers[0].queue

    started = time.monotonic()
    for index, child in enumerate(children[:12]):
        level = index % 5
        record_with_its_rollup_only(
            child,
            author,
            need=dict.fromkeys(INDICATORS, level),
            provision={"CI": 4 - level},
            taken_at=IN_Q3 + timedelta(days=45, hours=index),
        )

    wait_for(lambda: tasks_outstanding(broker_url, queue) == 0, 180, "the workers to finish")
    elapsed = time.monotonic() - started
    assert PendingTask.objects.filter(name=ROLLUP_TASK, sent_at__isnull=False).count() == 12
    assert all(rollups_run_by(worker) for worker in workers), "one worker took every update"
    reference.assert_rollups_match(northshire, "2026-Q3")
    (council,) = reference.stored(northshire, "2026-Q3")["council"]
    assert council[2]["children"] == 18
    print(
        f"12 rollup updates by two workers ({[rollups_run_by(w) for w in workers]}) "
        f"in {elapsed:.1f} s"
    )
