"""Production: every secret and address comes from the environment.

Required: ``SECRET_KEY``, ``DATABASE_URL`` (PostgreSQL), ``CELERY_BROKER_URL``
(Redis) and ``ALLOWED_HOSTS`` (comma-separated). Optional: ``CACHE_URL``
(defaults to the broker's Redis; give the cache a server of its own),
``SECURE_HSTS_SECONDS`` (default one year), ``SECURE_SSL_REDIRECT`` (default
on; turn off only behind a proxy that redirects for you),
``WAGTAILADMIN_BASE_URL``, ``MEDIA_ROOT``, ``STATIC_ROOT``, ``VSEND_MIN_GROUP``
(default 10, never below 5), ``CSRF_TRUSTED_ORIGINS``.
``VSEND_PRIVATE_ROOT`` is required too: the folder children's PDF summaries
are kept in, outside the project and never served, on a volume that is
backed up with the database.
Email (family invitations) goes by SMTP: ``EMAIL_HOST`` (required),
``EMAIL_PORT`` (default 587), ``EMAIL_HOST_USER``, ``EMAIL_HOST_PASSWORD``,
``EMAIL_USE_TLS`` (default on) and ``DEFAULT_FROM_EMAIL`` (required).
Behind a proxy, ``AXES_IPWARE_PROXY_COUNT`` says how many proxies add to
``X-Forwarded-For``, so that sign-in throttling sees the visitor's address.
"""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def required(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable for production.")
    return value


def flag(name, default):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


DEBUG = False
SECRET_KEY = required("SECRET_KEY")
ALLOWED_HOSTS = [host.strip() for host in required("ALLOWED_HOSTS").split(",") if host.strip()]
CSRF_TRUSTED_ORIGINS = [
    origin.strip() for origin in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if origin
]

DATABASES = {"default": dj_database_url.parse(required("DATABASE_URL"), conn_max_age=60)}

CELERY_BROKER_URL = required("CELERY_BROKER_URL")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or None
CELERY_TASK_ALWAYS_EAGER = False

# Give the cache a Redis server (or at least a database) of its own with CACHE_URL: the
# broker's by default, so one outage takes both. vsend's backend is a miss, not a 500,
# while its server is down (docs/production.md, "When Redis is down").
CACHES = {
    "default": {
        "BACKEND": "vsend_plugin.core.cache.FailSafeRedisCache",
        "LOCATION": os.environ.get("CACHE_URL", CELERY_BROKER_URL),
    }
}

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = required("EMAIL_HOST")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 587))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = flag("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = required("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

if os.environ.get("AXES_IPWARE_PROXY_COUNT"):
    AXES_IPWARE_PROXY_COUNT = int(os.environ["AXES_IPWARE_PROXY_COUNT"])
    # the address the nearest trusted proxy saw, which a client cannot forge
    AXES_IPWARE_PROXY_ORDER = "right-most"
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = flag("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = flag("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

VSEND_MIN_GROUP = int(os.environ.get("VSEND_MIN_GROUP", 10))

if os.environ.get("MEDIA_ROOT"):
    MEDIA_ROOT = os.environ["MEDIA_ROOT"]
VSEND_PRIVATE_ROOT = required("VSEND_PRIVATE_ROOT")
if os.environ.get("STATIC_ROOT"):
    STATIC_ROOT = os.environ["STATIC_ROOT"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0]}")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"vsend_plugin": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}
