"""Nothing is lost when the broker is down: the assessment is saved, the task is sent later.

Uses a real Redis server started for the test, stopped to make the outage and
started again to recover; and brokers that refuse connections or never answer,
which a request must not wait on.
"""

import json
import socket
import threading
import time
from contextlib import contextmanager

import pytest
import redis
from django.core.management import call_command

from tests.services import PrivateRedis, free_port
from vsend_plugin.assessments.models import AssessmentVersion
from vsend_plugin.assessments.recording import PDF_TASK, record_assessment
from vsend_plugin.benchmarking.periods import period_of
from vsend_plugin.benchmarking.rollups import ROLLUP_TASK
from vsend_plugin.core.models import PendingTask, Role
from vsend_plugin.core.outbox import broker_outage
from vsend_plugin.scoring import INDICATORS
from vsend_site.celery import app

#: An assessment's body: every indicator rated, and the areas' provision and confidence.
AREAS = ["CI", "CL", "SEMH", "SP", "IND"]
RATINGS = {
    "need": dict.fromkeys(INDICATORS, 2),
    "provision": dict.fromkeys(AREAS, 2),
    "family_confidence": dict.fromkeys(AREAS, 3),
}

pytestmark = pytest.mark.django_db(transaction=True)


@contextmanager
def broker_at(url):
    """Celery sends to ``url``, not eagerly, with no memory of an earlier outage."""
    previous = app.conf.broker_url, app.conf.task_always_eager
    app.conf.broker_url = url
    app.conf.task_always_eager = False
    app._pool = None
    app.amqp._producer_pool = None
    broker_outage.ended()
    try:
        yield
    finally:
        app.conf.broker_url, app.conf.task_always_eager = previous
        app._pool = None
        app.amqp._producer_pool = None
        broker_outage.ended()


@pytest.fixture
def broker(tmp_path):
    server = PrivateRedis(tmp_path)
    server.start()
    with broker_at(server.url):
        yield server
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
    assert not PendingTask.objects.filter(sent_at__isnull=False).exists()
    # the first send failed; the second was not tried, to wait for the broker once only
    assert sorted(PendingTask.objects.values_list("attempts", flat=True)) == [0, 1]
    assert PendingTask.objects.get(attempts=1).last_error

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


# The broker unreachable in a request --------------------------------------------------


def refusing_url():
    """A port on this machine that nothing listens on: connections are refused at once."""
    return f"redis://127.0.0.1:{free_port()}/0"


@contextmanager
def silent_server():
    """A server that accepts connections and never says a word, as a hung broker does."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    accepted = []
    stopping = threading.Event()

    def accept():
        while not stopping.is_set():
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            accepted.append(connection)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"redis://127.0.0.1:{listener.getsockname()[1]}/0"
    finally:
        stopping.set()
        listener.close()
        for connection in accepted:
            connection.close()


@contextmanager
def full_backlog_server():
    """A socket listening with a full backlog: a connection attempt is never answered."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    address = listener.getsockname()
    waiting = []
    for _ in range(4):
        client = socket.socket()
        client.setblocking(False)
        try:
            client.connect(address)
        except BlockingIOError:
            pass
        waiting.append(client)
    try:
        yield f"redis://127.0.0.1:{address[1]}/0"
    finally:
        for client in waiting:
            client.close()
        listener.close()


@contextmanager
def refusing_server():
    yield refusing_url()


UNREACHABLE_BROKERS = {
    "refusing": refusing_server,
    "silent": silent_server,
    "full backlog": full_backlog_server,
}

#: Before: 12 s an assessment (two tasks, each retrying for 4 s or more); after, the
#: send timeout once. A bound on behaviour, loose enough for a loaded machine.
QUICK = 2.0


@pytest.fixture
def post_an_assessment(northshire, make_member, make_child):
    from rest_framework.test import APIClient

    practitioner = make_member(northshire, Role.PRACTITIONER)
    child = make_child(northshire, "NS-9", "Fern")
    child.practitioners.add(practitioner)
    client = APIClient(HTTP_HOST=northshire.site.hostname)
    client.force_login(practitioner)

    def post():
        started = time.monotonic()
        response = client.post(
            "/api/vsend/v1/assessments/",
            {"child": child.pk, **RATINGS},
            format="json",
        )
        return response, time.monotonic() - started

    return post


@pytest.mark.parametrize("kind", UNREACHABLE_BROKERS)
def test_an_assessment_is_saved_quickly_when_the_broker_cannot_be_reached(kind, post_an_assessment):
    with UNREACHABLE_BROKERS[kind]() as url, broker_at(url):
        response, seconds = post_an_assessment()
        assert response.status_code == 201, response.content
        assert seconds < QUICK
        version = AssessmentVersion.objects.get()
        assert pending_tasks() == assessment_tasks(version)
        assert not PendingTask.objects.filter(sent_at__isnull=False).exists()

        # Later requests in the outage do not wait at all: this process remembers it.
        response, seconds = post_an_assessment()
        assert response.status_code == 201 and seconds < QUICK
        assert PendingTask.objects.filter(attempts=0).count() == 3


def test_concurrent_requests_in_an_outage_wait_once_at_most(post_an_assessment):
    """Twenty requests at once: the outage is remembered, so none waits for each task."""
    with silent_server() as url, broker_at(url):
        started = time.monotonic()
        threads = [threading.Thread(target=post_an_assessment) for _ in range(20)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        seconds = time.monotonic() - started
    assert PendingTask.objects.filter(sent_at__isnull=True).count() == 40
    assert seconds < 4 * QUICK  # before: 12 s each


def test_what_an_outage_held_back_is_sent_later_and_made_by_a_worker(
    post_an_assessment, celery_worker_process
):
    from vsend_plugin.assessments.models import PdfSummary
    from vsend_plugin.core.outbox import send_pending

    with broker_at(refusing_url()):
        response, seconds = post_an_assessment()
        assert response.status_code == 201 and seconds < QUICK
    version = AssessmentVersion.objects.get()
    assert not PendingTask.objects.filter(sent_at__isnull=False).exists()

    assert send_pending() == 2

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if PdfSummary.objects.filter(version=version, made_at__isnull=False).exists():
            break
        time.sleep(0.05)
    summary = PdfSummary.objects.get(version=version)
    assert summary.file.read(4) == b"%PDF"


# One connection, kept ---------------------------------------------------------------


def test_commits_send_on_one_kept_connection(broker, northshire, make_member, make_child):
    from vsend_plugin.core import outbox

    practitioner = make_member(northshire, Role.PRACTITIONER)
    child = make_child(northshire, "NS-7", "Lark")
    record_assessment(child, practitioner, need=dict.fromkeys(INDICATORS, 1))
    kept = outbox.broker_connection()
    record_assessment(child, practitioner, need=dict.fromkeys(INDICATORS, 2))
    assert outbox.broker_connection() is kept
    assert not PendingTask.objects.filter(sent_at__isnull=True).exists()
    assert len(queued_task_names(broker)) == 4


def test_a_stale_kept_connection_is_replaced_without_calling_it_an_outage(
    broker, northshire, make_member, make_child
):
    from vsend_plugin.core import outbox

    practitioner = make_member(northshire, Role.PRACTITIONER)
    child = make_child(northshire, "NS-8", "Wren")
    outbox.broker_connection()  # kept for this broker; now make it point nowhere
    outbox._queued.connection = app.connection_for_write(
        f"redis://127.0.0.1:{free_port()}/0",
        transport_options={"max_retries": 0, "socket_connect_timeout": 0.2},
    )
    version = record_assessment(child, practitioner, need=dict.fromkeys(INDICATORS, 1))
    assert not broker_outage.is_current()
    assert not PendingTask.objects.filter(sent_at__isnull=True).exists()
    assert sorted(queued_task_names(broker)) == sorted(
        name for name, _ in assessment_tasks(version)
    )


def test_tasks_run_in_process_do_not_wait_out_a_broker_outage(northshire, make_member, make_child):
    from vsend_plugin.benchmarking.models import Rollup

    practitioner = make_member(northshire, Role.PRACTITIONER)
    child = make_child(northshire, "NS-9", "Finch")
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    broker_outage.began()  # an earlier failure in this process: no broker is used here
    try:
        version = record_assessment(child, practitioner, need=dict.fromkeys(INDICATORS, 1))
    finally:
        app.conf.task_always_eager = previous
        broker_outage.ended()
    assert not PendingTask.objects.filter(sent_at__isnull=True).exists()
    period = period_of(version.assessment.taken_at)
    assert Rollup.objects.filter(council=northshire, period=period, dimension="council").exists()
