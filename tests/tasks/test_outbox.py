"""Nothing is lost when the broker is down: the assessment is saved, the task is sent later.

Uses a real Redis server started for the test, stopped to make the outage and
started again to recover.
"""

import json
import socket
import subprocess
import time

import pytest
import redis
from django.core.management import call_command

from vsend_plugin.assessments.models import AssessmentVersion
from vsend_plugin.assessments.recording import PDF_TASK, record_assessment
from vsend_plugin.benchmarking.periods import period_of
from vsend_plugin.benchmarking.rollups import ROLLUP_TASK
from vsend_plugin.core.models import PendingTask, Role
from vsend_plugin.scoring import INDICATORS
from vsend_site.celery import app

pytestmark = pytest.mark.django_db(transaction=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PrivateRedis:
    def __init__(self, directory):
        self.port = free_port()
        self.directory = directory
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.exceptions.ConnectionError:
                time.sleep(0.05)
        pytest.fail("the test's Redis server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def broker(tmp_path):
    server = PrivateRedis(tmp_path)
    server.start()
    previous = app.conf.broker_url, app.conf.task_always_eager
    app.conf.broker_url = server.url
    app.conf.task_always_eager = False
    app._pool = None
    app.amqp._producer_pool = None
    yield server
    app.conf.broker_url, app.conf.task_always_eager = previous
    app._pool = None
    app.amqp._producer_pool = None
    if server.process.poll() is None:
        server.stop()


def queued_task_names(server):
    """Tasks waiting in the queue tasks are sent to (a test run's own, once workers are used)."""
    client = redis.Redis.from_url(server.url)
    queue = app.conf.task_default_queue
    return [json.loads(message)["headers"]["task"] for message in client.lrange(queue, 0, -1)]


def pending_tasks():
    return sorted((task.name, task.arguments) for task in PendingTask.objects.all())


def assessment_tasks(version):
    """What committing an assessment queues: its PDF summary and its council's quarter."""
    assessment = version.assessment
    return sorted(
        [
            (PDF_TASK, [version.pk]),
            (ROLLUP_TASK, [assessment.council_id, period_of(assessment.taken_at)]),
        ]
    )


def test_a_broker_outage_loses_nothing(broker, northshire, make_member, make_child):
    practitioner = make_member(northshire, Role.PRACTITIONER)
    child = make_child(northshire, "NS-1", "Moss")
    broker.stop()

    version = record_assessment(child, practitioner, need=dict.fromkeys(INDICATORS, 2))

    assert AssessmentVersion.objects.filter(pk=version.pk).exists()
    assert pending_tasks() == assessment_tasks(version)
    for pending in PendingTask.objects.all():
        assert pending.sent_at is None and pending.attempts == 1 and pending.last_error

    broker.start()
    call_command("vsend_send_pending_tasks")

    assert not PendingTask.objects.filter(sent_at__isnull=True).exists()
    assert sorted(queued_task_names(broker)) == sorted([PDF_TASK, ROLLUP_TASK])


def test_when_the_broker_is_up_tasks_go_at_commit(broker, northshire, make_member, make_child):
    practitioner = make_member(northshire, Role.PRACTITIONER)
    child = make_child(northshire, "NS-2", "Reed")
    version = record_assessment(child, practitioner, need=dict.fromkeys(INDICATORS, 1))
    assert pending_tasks() == assessment_tasks(version)
    assert not PendingTask.objects.filter(sent_at__isnull=True).exists()
    assert sorted(queued_task_names(broker)) == sorted([PDF_TASK, ROLLUP_TASK])
