"""Real Celery workers, consuming from the real Redis broker, for task tests (a pytest plugin).

A worker is a separate process started with the test settings, pointed at the
test database (so it sees what transactional tests commit) and at a queue of
its own; tests send tasks through Redis exactly as the web process does.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis

from tests import databases

REPOSITORY = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def broker_url():
    from django.conf import settings

    url = settings.CELERY_BROKER_URL
    try:
        redis.Redis.from_url(url, socket_connect_timeout=3).ping()
    except redis.exceptions.ConnectionError as error:
        pytest.fail(f"Redis is not reachable at {url} ({error}). Start it: see the README.")
    return url


def test_database_url():
    """A DATABASE_URL for the database this test run uses (a file, for SQLite)."""
    from django.db import connection

    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    return databases.server_url(settings, settings["NAME"])


class Worker:
    def __init__(self, queue, log):
        self.queue, self.log, self.process = queue, log, None
        # A name of its own, so that a second worker on the queue is only taken for
        # started when it answers itself.
        self.name = f"{queue}-{uuid.uuid4().hex[:4]}"

    def start(self, app):
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "vsend_site.settings.test",
            "DATABASE_URL": test_database_url(),
            "PYTHONPATH": os.pathsep.join([str(REPOSITORY / "site"), str(REPOSITORY)]),
            "C_FORCE_ROOT": "1",
        }
        environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        log_file = open(self.log, "ab")  # noqa: SIM115 - kept open for the worker's life
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "vsend_site",
                "worker",
                "--pool=solo",
                "--concurrency=1",
                "--queues",
                self.queue,
                "--without-gossip",
                "--without-mingle",
                "--loglevel=INFO",
                "--hostname",
                f"{self.name}@%h",
            ],
            cwd=REPOSITORY / "site",
            env=environment,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"The Celery worker exited:\n{self.log.read_text()}")
            if app.control.ping(destination=[f"{self.name}@{os.uname().nodename}"], timeout=1):
                return self
        pytest.fail(f"The Celery worker did not answer within 60 s:\n{self.log.read_text()}")

    def kill(self):
        """As a crash would: no chance to acknowledge or requeue anything."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()


@pytest.fixture(scope="session")
def celery_queue(broker_url, django_db_setup, django_db_blocker):
    """A queue of this test run's own, that tasks sent from the tests go to."""
    from vsend_site.celery import app

    queue = f"vsend-test-{uuid.uuid4().hex[:8]}"
    previous = app.conf.task_always_eager, app.conf.task_default_queue
    app.conf.task_always_eager = False
    app.conf.task_default_queue = queue
    yield queue
    app.conf.task_always_eager, app.conf.task_default_queue = previous
    redis.Redis.from_url(broker_url).delete(queue)


@pytest.fixture(scope="session")
def celery_worker_process(celery_queue, tmp_path_factory):
    """One worker for the whole session."""
    from vsend_site.celery import app

    worker = Worker(celery_queue, tmp_path_factory.mktemp("celery") / "worker.log").start(app)
    yield worker
    worker.stop()


@pytest.fixture
def start_worker(celery_queue, broker_url, tmp_path):
    """Start workers of a test's own, on a queue of the test's own (stopped at the end)."""
    from vsend_site.celery import app

    queue = f"{celery_queue}-{uuid.uuid4().hex[:6]}"
    app.conf.task_default_queue = queue
    workers = []

    def start():
        worker = Worker(queue, tmp_path / f"worker-{len(workers)}.log").start(app)
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()
    app.conf.task_default_queue = celery_queue
    redis.Redis.from_url(broker_url).delete(queue)


@pytest.fixture(autouse=True)
def worker_idle_before_the_database_is_emptied(request):
    """The session's worker finishes what a test queued before the test's data is removed.

    A test waits for the task it is about (a PDF), but the assessment also
    queued its council's rollup; a worker still reading while the test
    database is truncated deadlocks PostgreSQL. The worker takes tasks one at
    a time, in order, so once a health check sent last comes back, the test's
    tasks are done.
    """
    yield
    if "celery_worker_process" in request.fixturenames:
        from vsend_plugin.core.tasks import worker_health

        worker_health.delay().get(timeout=120)
