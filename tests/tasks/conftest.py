"""A real Celery worker, consuming from the real Redis broker, for task tests.

The worker is a separate process started with the test settings and
``CELERY_TASK_ALWAYS_EAGER`` off; tests send tasks through Redis and wait for
results, exactly as the web process and workers do in production.
"""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis

REPOSITORY = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def broker_url():
    from django.conf import settings

    url = settings.CELERY_BROKER_URL
    try:
        redis.Redis.from_url(url, socket_connect_timeout=3).ping()
    except redis.exceptions.ConnectionError as error:
        pytest.fail(f"Redis is not reachable at {url} ({error}). Start it: see the README.")
    return url


@pytest.fixture(scope="session")
def celery_worker_process(broker_url, tmp_path_factory):
    """Start `celery worker` on a queue of its own; stop it at the end of the session."""
    from vsend_site.celery import app

    queue = f"vsend-test-{uuid.uuid4().hex[:8]}"
    log = tmp_path_factory.mktemp("celery") / "worker.log"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "vsend_site.settings.test",
        "PYTHONPATH": os.pathsep.join([str(REPOSITORY / "site"), str(REPOSITORY)]),
        "C_FORCE_ROOT": "1",
    }
    with open(log, "wb") as log_file:
        worker = subprocess.Popen(
            [
                sys.executable, "-m", "celery", "-A", "vsend_site", "worker",
                "--pool=solo", "--concurrency=1", "--queues", queue,
                "--without-gossip", "--without-mingle", "--loglevel=INFO",
                "--hostname", f"{queue}@%h",
            ],
            cwd=REPOSITORY / "site",
            env=environment,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    previous = app.conf.task_always_eager, app.conf.task_default_queue
    app.conf.task_always_eager = False
    app.conf.task_default_queue = queue
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if worker.poll() is not None:
                pytest.fail(f"The Celery worker exited:\n{log.read_text()}")
            if app.control.ping(destination=[f"{queue}@{os.uname().nodename}"], timeout=1):
                break
        else:
            pytest.fail(f"The Celery worker did not answer within 60 s:\n{log.read_text()}")
        yield {"queue": queue, "process": worker, "log": log}
    finally:
        app.conf.task_always_eager, app.conf.task_default_queue = previous
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
