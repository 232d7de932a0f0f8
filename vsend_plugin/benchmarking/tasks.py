"""Celery tasks of benchmarking. Late acknowledgement: each may run twice, safely."""

from celery import shared_task

from .federation import PULL_PEER_TASK, PULL_PEERS_TASK, PULL_RETRIES
from .rollups import ROLLUP_TASK

REFRESH_TASK = "vsend.benchmarking.refresh_rollups"


@shared_task(
    name=ROLLUP_TASK,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=5,
)
def update_rollup(council_id, period):
    """Recompute one council's quarter after an assessment committed."""
    from .rollups import update_rollup as update

    return update(council_id, period)


@shared_task(name=REFRESH_TASK, acks_late=True)
def refresh_rollups():
    """Nightly, by Celery beat: recompute everything, catching deletions and missed updates."""
    from .rollups import rebuild

    return rebuild()


@shared_task(name=PULL_PEERS_TASK, acks_late=True)
def pull_peers():
    """Nightly, by Celery beat: a task of its own for each active peer, so none waits on another."""
    from .models import Peer

    peer_ids = list(Peer.objects.filter(active=True).values_list("pk", flat=True))
    for peer_id in peer_ids:
        pull_peer.delay(peer_id)
    return peer_ids


@shared_task(bind=True, name=PULL_PEER_TASK, acks_late=True, max_retries=PULL_RETRIES)
def pull_peer(self, peer_id):
    """Read one peer's figures. Every failure is recorded on the peer before anything else.

    A failure that may pass (the peer down, slow or throttling) is tried again
    with backoff; one that will not (a revoked token, a wrong answer) is not.
    The last failure is raised, so Celery records the task as failed too.
    """
    from .federation import PullError, pull, retry_delay
    from .models import Peer

    peer = Peer.objects.filter(pk=peer_id).first()
    if peer is None:
        return None  # deleted since it was queued
    try:
        return pull(peer)
    except PullError as error:
        if not error.transient:
            raise
        delay = retry_delay(self.request.retries, error.retry_after)
        raise self.retry(exc=error, countdown=delay) from error
