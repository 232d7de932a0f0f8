"""Queue Celery tasks only after the data they need has committed, and never lose one.

``enqueue()`` writes a :class:`~vsend_plugin.core.models.PendingTask`
row inside the caller's transaction and asks Django to send it on commit.
Sending marks the row sent; if the broker cannot be reached the row simply
stays, and :func:`send_pending` sends it later.
"""

import logging

from celery import current_app
from django.db import transaction
from django.utils import timezone

from .models import PendingTask

logger = logging.getLogger(__name__)


def enqueue(task_name, *arguments):
    pending = PendingTask.objects.create(name=task_name, arguments=list(arguments))
    transaction.on_commit(lambda: send_pending(only=[pending.pk]))
    return pending


def send_pending(only=None, limit=500):
    """Send unsent tasks (``only`` those ids, if given). Returns how many went."""
    queryset = PendingTask.objects.filter(sent_at__isnull=True)
    if only is not None:
        queryset = queryset.filter(pk__in=only)
    sent = 0
    for pending in queryset[:limit]:
        try:
            task = current_app.tasks.get(pending.name)
            if current_app.conf.task_always_eager and task is not None:
                task.apply(args=pending.arguments)  # development: run it here and now
            else:
                current_app.send_task(pending.name, args=pending.arguments, retry=False)
        except Exception as error:  # the broker is down: keep the row for later
            PendingTask.objects.filter(pk=pending.pk).update(
                attempts=pending.attempts + 1, last_error=str(error)[:2000]
            )
            logger.warning("Could not send %s yet: %s", pending, error)
            break
        PendingTask.objects.filter(pk=pending.pk).update(
            sent_at=timezone.now(), attempts=pending.attempts + 1, last_error=""
        )
        sent += 1
    if only is not None and sent:
        # The broker is reachable again: send anything an earlier outage left behind.
        sent += send_pending(limit=limit)
    return sent
