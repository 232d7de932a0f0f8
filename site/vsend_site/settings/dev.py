"""Development and demo: SQLite, tasks run eagerly in the web process, DEBUG on."""

import os

import dj_database_url

from .base import *  # noqa: F403
from .base import SITE_DIR

DEBUG = True
SECRET_KEY = "django-insecure-vsend-development-only-never-use-in-production"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", ".localhost", "testserver"]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{SITE_DIR / 'db.sqlite3'}"),
        conn_max_age=0,
    )
}

CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
