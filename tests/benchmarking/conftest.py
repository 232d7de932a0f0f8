"""Benchmarking tests use the real Celery workers of the task tests, defined once there."""

from tests.tasks.conftest import (  # noqa: F401 - fixtures
    broker_url,
    celery_queue,
    celery_worker_process,
    start_worker,
    worker_idle_before_the_database_is_emptied,
)
