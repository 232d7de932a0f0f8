"""A real Celery worker consumes a task through the real Redis broker."""

import os

from vsend_plugin.core.tasks import worker_health


def test_a_task_goes_through_redis_to_a_real_worker_and_back(celery_worker_process):
    result = worker_health.delay()
    answer = result.get(timeout=30)
    assert answer["pid"] != os.getpid(), "the task ran in this process, not in the worker"
    assert answer["pid"] == celery_worker_process.process.pid
    assert answer["scheme"] == "vsend-core/1"
    assert answer["band"] == "D"
