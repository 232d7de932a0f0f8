"""Celery for the reference site: settings come from Django's, prefixed CELERY_."""

import os

from celery import Celery
from celery.signals import worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vsend_site.settings.dev")

app = Celery("vsend_site")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
def send_through_the_broker(**kwargs):
    """A worker never runs tasks eagerly, whatever the settings say (development's do).

    Retries and the tasks a task queues then go through the broker, as in
    production, rather than running at once inside the task that sent them.
    """
    app.conf.task_always_eager = False
