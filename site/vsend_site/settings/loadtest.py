"""The load test's site (``make loadtest``): production's shape, on this machine only.

DEBUG off, PostgreSQL, tasks through a Redis broker to a real Celery worker,
the cache in Redis, Django's default password hasher; but plain HTTP on
127.0.0.1 (no HTTPS redirect, no secure cookies) and no mail server, so
that ``tests/benchmarks/loadtest/`` can drive it from the same machine.

From the environment: ``DATABASE_URL`` (PostgreSQL, required),
``VSEND_LOADTEST_BROKER_URL`` (default Redis database 10; the load test
points it at a proxy it can cut), ``VSEND_LOADTEST_CACHE_URL`` (Redis
database 11), ``VSEND_LOADTEST_QUEUE`` (the run's own Celery queue),
``VSEND_PRIVATE_ROOT`` and ``MEDIA_ROOT``.
"""

import os

import dj_database_url

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "vsend-load-test-only-never-use-in-production")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", ".localhost"]

DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}

CELERY_BROKER_URL = os.environ.get("VSEND_LOADTEST_BROKER_URL", "redis://127.0.0.1:6379/10")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("VSEND_LOADTEST_QUEUE", "vsend-loadtest")
# A killed worker's unacknowledged tasks come back after 10 s rather than an hour.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 10}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ.get("VSEND_LOADTEST_CACHE_URL", "redis://127.0.0.1:6379/11"),
    }
}

# Django's hashers, first the one it prefers; MD5 last only so that the CI's small load test can
# sign in the accounts its test settings made (a signed-in MD5 hash is upgraded at once).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "django.contrib.auth.hashers.MD5PasswordHasher",
]

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

if os.environ.get("MEDIA_ROOT"):
    MEDIA_ROOT = os.environ["MEDIA_ROOT"]
if os.environ.get("VSEND_PRIVATE_ROOT"):
    VSEND_PRIVATE_ROOT = os.environ["VSEND_PRIVATE_ROOT"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
