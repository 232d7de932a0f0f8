"""The test suite: dev settings, a fast password hasher, PostgreSQL when DATABASE_URL is set.

Task tests that need a real worker switch eager mode off for themselves and
point Celery at ``VSEND_TEST_BROKER_URL`` (Redis database 15 by default).
"""

import hashlib
import os
import tempfile
from pathlib import Path

from .dev import *  # noqa: F403
from .dev import SITE_DIR

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# In parallel runs each pytest-xdist worker process (gw0, gw1...) writes files to folders of
# its own; the Celery workers and peer sites its tests start inherit the worker's name.
_worker = os.environ.get("PYTEST_XDIST_WORKER")
_suffix = f"-{_worker}" if _worker else ""
MEDIA_ROOT = SITE_DIR / f"media-test{_suffix}"
# PDF summaries made by the tests: outside the project, one folder per checkout (and worker),
# shared with the Celery worker processes the task tests start.
VSEND_PRIVATE_ROOT = Path(tempfile.gettempdir()) / (
    "vsend-private-test-" + hashlib.sha256(str(SITE_DIR).encode()).hexdigest()[:12] + _suffix
)
CELERY_BROKER_URL = os.environ.get("VSEND_TEST_BROKER_URL", "redis://127.0.0.1:6379/15")
CELERY_RESULT_BACKEND = CELERY_BROKER_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# A worker process started by the task tests opens the same test database, so
# SQLite's test database is a file rather than in memory.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405 - one file per test run, so runs never collide
        "NAME": os.path.join(tempfile.gettempdir(), f"vsend-test-{os.getpid()}.sqlite3")
    }

# Unacknowledged tasks of a killed worker come back after 5 s, not an hour.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 5}

# A failed pull of a peer's figures is tried again after 0.1 s, 0.2 s... rather than minutes.
VSEND_PEER_RETRY_DELAY = 0.1

# The federation tests' peer installs listen on this machine; a real install trusts no
# private network unless it says so (vsend_plugin.benchmarking.peer_addresses).
VSEND_PEER_TRUSTED_NETWORKS = ["127.0.0.0/8"]
