"""Queue Celery tasks only after the data they need has committed, and never lose one.

``enqueue()`` writes a :class:`~vsend_plugin.core.models.PendingTask`
row inside the caller's transaction and asks Django to send it on commit.
Sending marks the row sent; if the broker cannot be reached the row simply
stays, and :func:`send_pending` sends it later (``vsend_send_pending_tasks``,
or Celery beat's ``vsend.core.send_pending_tasks``).

The send after commit happens inside someone's request, so it must never
keep them waiting on the broker. It goes on a connection of its own whose
every wait (connecting, and the broker's answer) is bounded by
``VSEND_BROKER_SEND_TIMEOUT`` with no retries: Celery's pooled connection
instead retries for ``broker_connection_timeout`` (4 s, twice per
assessment), and waits for ever on a broker that accepts a connection and
never answers. Once a send fails, the process leaves tasks in the outbox
without trying for ``VSEND_OUTAGE_PAUSE`` seconds, so that the rest of
the request, and the other requests of an outage, do not each wait too.

The tasks one transaction queues (an assessment's PDF and rollup, say) are
sent together when it commits, on one connection.
"""

import logging
import os
import threading

from celery import current_app
from django.db import transaction
from django.utils import timezone

from vsend_plugin.conf import vsend_settings

from .models import PendingTask
from .outages import Outage

logger = logging.getLogger(__name__)


broker_outage = Outage("broker")

#: This thread's tasks queued since its last commit, sent together by the first callback.
_queued = threading.local()


def _queued_ids():
    if not hasattr(_queued, "ids"):
        _queued.ids = []
    return _queued.ids


def enqueue(task_name, *arguments):
    pending = PendingTask.objects.create(name=task_name, arguments=list(arguments))
    _queued_ids().append(pending.pk)
    transaction.on_commit(send_after_commit)
    return pending


def send_after_commit():
    """Send the tasks whose transaction committed, unless the broker just failed this process.

    Every task queued registers this, and the first to run sends them all; an
    id whose transaction was rolled back has no row, and is simply not found.
    """
    ids = _queued_ids()
    batch, ids[:] = list(ids), []
    if not batch or (broker_outage.is_current() and not current_app.conf.task_always_eager):
        return 0
    return send_pending(only=batch)


def broker_connection():
    """This thread's connection to the broker, every wait ``VSEND_BROKER_SEND_TIMEOUT`` at most.

    Kept between commits, since connecting costs several times what sending
    does, for as long as the broker and the timeout stay the same (and in the
    process that made it: a forked worker makes its own).
    """
    timeout = vsend_settings.BROKER_SEND_TIMEOUT
    wanted = (current_app.conf.broker_url, timeout, os.getpid())
    if getattr(_queued, "connection_for", None) != wanted:
        forget_broker_connection()
    connection = getattr(_queued, "connection", None)
    if connection is None:
        _queued.connection_for = wanted
        connection = _queued.connection = current_app.connection_for_write(
            transport_options={
                "max_retries": 0,  # kombu: one attempt to connect, not retries over 4 s
                "connect_retries_timeout": timeout,
                "socket_connect_timeout": timeout,  # redis-py: connecting
                "socket_timeout": timeout,  # redis-py: the broker's answer to the publish
            }
        )
    return connection


def forget_broker_connection():
    """Drop this thread's connection (it failed, or the broker may have moved)."""
    connection, _queued.connection = getattr(_queued, "connection", None), None
    _queued.connection_for = None
    if connection is not None:
        try:
            connection.release()
        except Exception:  # a broken connection may fail to close, too
            logger.debug("Closing a failed broker connection failed", exc_info=True)


def _send_on_a_working_connection(pending):
    """Send on the kept connection; if that fails, once more on a new one (it may be stale)."""
    if current_app.conf.task_always_eager:
        send(pending, None)  # run here and now: nothing to connect to, and never twice
        return
    try:
        send(pending, broker_connection())
    except Exception:
        forget_broker_connection()
        send(pending, broker_connection())


def send_pending(only=None, limit=500):
    """Send unsent tasks (``only`` those ids, if given). Returns how many went.

    Stops at the first failure: the broker is down, and the rest would only
    wait for it too.
    """
    queryset = PendingTask.objects.filter(sent_at__isnull=True)
    if only is not None:
        queryset = queryset.filter(pk__in=only)
    waiting = list(queryset[:limit])
    if not waiting:
        return 0
    sent = 0
    for pending in waiting:
        try:
            _send_on_a_working_connection(pending)
        except Exception as error:  # the broker is down: keep the row for later
            forget_broker_connection()
            if not current_app.conf.task_always_eager:  # a task run here failed: no broker
                broker_outage.began()
            PendingTask.objects.filter(pk=pending.pk).update(
                attempts=pending.attempts + 1, last_error=str(error)[:2000]
            )
            logger.warning("Could not send %s yet: %s", pending, error)
            break
        PendingTask.objects.filter(pk=pending.pk).update(
            sent_at=timezone.now(), attempts=pending.attempts + 1, last_error=""
        )
        sent += 1
    if sent:
        broker_outage.ended()
    if only is not None and sent:
        # The broker is reachable again: send anything an earlier outage left behind.
        sent += send_pending(limit=limit)
    return sent


def send(pending, connection):
    task = current_app.tasks.get(pending.name)
    if current_app.conf.task_always_eager and task is not None:
        task.apply(args=pending.arguments)  # development: run it here and now
    else:
        current_app.send_task(
            pending.name, args=pending.arguments, retry=False, connection=connection
        )
