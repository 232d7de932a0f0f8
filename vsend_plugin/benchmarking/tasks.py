"""Celery tasks of benchmarking. Late acknowledgement: each may run twice, safely."""

from celery import shared_task

from .rollups import ROLLUP_TASK

REFRESH_TASK = "vsend.benchmarking.refresh_rollups"


@shared_task(name=ROLLUP_TASK, acks_late=True, reject_on_worker_lost=True,
             autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def update_rollup(council_id, period):
    """Recompute one council's quarter after an assessment committed."""
    from .rollups import update_rollup as update

    return update(council_id, period)


@shared_task(name=REFRESH_TASK, acks_late=True)
def refresh_rollups():
    """Nightly, by Celery beat: recompute everything, catching deletions and missed updates."""
    from .rollups import rebuild

    return rebuild()
