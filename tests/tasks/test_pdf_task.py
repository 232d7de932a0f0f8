"""The PDF summary is made by a real worker, and still made when a worker dies mid-task."""

import time

import pytest

from vsend_plugin.assessments.models import PdfSummary
from vsend_plugin.assessments.recording import record_assessment
from vsend_plugin.core.models import Role
from vsend_plugin.scoring import INDICATORS

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def assessment_version(northshire, make_member, make_child):
    practitioner = make_member(northshire, Role.PRACTITIONER)
    child = make_child(northshire, "NS-77", "Sage")

    def make():
        return record_assessment(child, practitioner, need=dict.fromkeys(INDICATORS, 3))

    return make


def wait_for(condition, seconds, what, workers=()):
    """Wait for a condition; on a timeout, show what the workers logged."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    logs = "\n".join(f"--- {worker.name}\n{worker.log.read_text()[-4000:]}" for worker in workers)
    pytest.fail(f"Timed out waiting for {what}\n{logs}")


def test_a_real_worker_makes_the_pdf(celery_worker_process, assessment_version):
    version = assessment_version()
    wait_for(
        lambda: PdfSummary.objects.filter(version=version, made_at__isnull=False).exists(),
        60,
        "the PDF",
        [celery_worker_process],
    )
    summary = PdfSummary.objects.get(version=version)
    assert summary.file.read(4) == b"%PDF"
    assert summary.attempts == 1


def test_a_worker_killed_mid_task_leaves_the_pdf_to_the_next(start_worker, assessment_version):
    workers = [start_worker()]
    first = workers[0]
    version = assessment_version()
    wait_for(
        lambda: PdfSummary.objects.filter(version=version, attempts__gte=1).exists(),
        60,
        "the task to start",
        workers,
    )
    first.kill()
    assert not PdfSummary.objects.get(version=version).ready, (
        "the worker finished before it was killed"
    )

    time.sleep(6)  # past the broker's visibility timeout: the unacknowledged task comes back
    workers.append(start_worker())
    made = lambda: PdfSummary.objects.get(version=version).ready  # noqa: E731
    wait_for(made, 90, "the PDF after the crash", workers)
    summary = PdfSummary.objects.get(version=version)
    assert summary.attempts == 2
    assert summary.file.read(4) == b"%PDF"
