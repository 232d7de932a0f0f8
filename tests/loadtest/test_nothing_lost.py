"""Nothing acknowledged is lost under load, nor when the worker, the broker and the site fail.

The load test of ``make loadtest`` at a small size: a small demo in the test
database, gunicorn and a real Celery worker on it, five Locust users for a
few seconds. Once the queue has drained, every submission the server
acknowledged (a 201, a redirect after saving) is stored with its profile
and its PDF, and the stored rollups equal a rebuild. The second run does it
while the worker is killed and started again, the broker is cut for 10 s
and a gunicorn worker is killed. The full size is a benchmark:
``make loadtest`` (docs/benchmarks.md).
"""

import pytest
from django.conf import settings
from django.db import connection

from tests import workers
from tests.benchmarks.loadtest.run import load_run
from tests.conftest import ensure_wagtail_roots

pytestmark = [pytest.mark.load, pytest.mark.worker]

USERS = 5
SECONDS = 12


@pytest.fixture
def demo(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("the load test needs PostgreSQL: it runs in the suite's PostgreSQL pass")
    from vsend_site.demo.loader import load_demo

    ensure_wagtail_roots()
    load_demo(
        settings.DEMO_FIXTURES_DIR / "councils.yaml", children=4, population=0, log=lambda _: None
    )


def small_run(tmp_path, *, faults):
    return load_run(
        workers.test_database_url(),
        tmp_path,
        users=USERS,
        seconds=SECONDS,
        faults=faults,
        baseline=False,
        web_workers=2,
        drain_timeout=120,
    )


def assert_nothing_lost(figures):
    checks = figures["checks"]
    assert figures["drained"], "the queue did not drain"
    assert checks["acknowledged"] > 0, "no submission was acknowledged: nothing was checked"
    assert figures["lost"] == checks["lost"] == 0, checks["lost_examples"]
    assert checks["stored"] == checks["acknowledged"]
    assert checks["pdfs_missing"] == 0 and checks["pdfs_made"] == checks["stored"]
    assert checks["rollup_groups"] > 0
    assert checks["rollup_differences"] == 0, checks["rollup_difference_examples"]
    assert checks["outbox_unsent"] == 0


def test_nothing_is_lost_under_load(demo, tmp_path):
    figures = small_run(tmp_path, faults=False)
    assert_nothing_lost(figures)
    assert figures["errors"] == 0, figures["failures"]
    assert all(figures["checks"]["acknowledged_by_kind"].values()), figures["checks"]
    assert figures["requests"] > 0


def test_nothing_is_lost_when_the_worker_the_broker_and_a_web_worker_fail(demo, tmp_path):
    figures = small_run(tmp_path, faults=True)
    assert [event["fault"].split(" (")[0] for event in figures["faults"]] == [
        "Celery worker killed",
        "Celery worker started again",
        "broker unreachable for 10 s",
        figures["faults"][3]["fault"].split(" (")[0],
    ]
    assert "gunicorn worker [" in figures["faults"][3]["fault"]
    assert_nothing_lost(figures)
