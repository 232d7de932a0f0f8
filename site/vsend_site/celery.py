"""Celery for the reference site: settings come from Django's, prefixed CELERY_."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vsend_site.settings.dev")

app = Celery("vsend_site")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
