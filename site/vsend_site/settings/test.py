"""The test suite: dev settings, a fast password hasher, PostgreSQL when DATABASE_URL is set.

Task tests that need a real worker switch eager mode off for themselves and
point Celery at ``VSEND_TEST_BROKER_URL`` (Redis database 15 by default).
"""

import os

from .dev import *  # noqa: F403
from .dev import SITE_DIR

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = SITE_DIR / "media-test"
CELERY_BROKER_URL = os.environ.get("VSEND_TEST_BROKER_URL", "redis://127.0.0.1:6379/15")
CELERY_RESULT_BACKEND = CELERY_BROKER_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
