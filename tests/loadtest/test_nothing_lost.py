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

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from tests import workers
from tests.benchmarks.loadtest.run import load_run
from tests.conftest import ensure_wagtail_roots

pytestmark = [pytest.mark.load, pytest.mark.worker]

USERS = 5
SECONDS = 12


@pytest.fixture
def demo(transactional_db, django_user_model):
    """One demo council, small: its site, forms, local offer, sign-ins, children and rollups."""
    if connection.vendor != "postgresql":
        pytest.skip("the load test needs PostgreSQL: it runs in the suite's PostgreSQL pass")
    from vsend_plugin.benchmarking.rollups import rebuild
    from vsend_plugin.core.models import Practitioner
    from vsend_plugin.local_offer.models import AreaOfNeed
    from vsend_plugin.scoring import AREAS
    from vsend_site.demo import loader
    from vsend_site.demo.local_offer import set_up_local_offer

    ensure_wagtail_roots()
    for order, area in enumerate(AREAS):  # a transactional flush removes the migration's rows
        AreaOfNeed.objects.get_or_create(
            code=area.code, defaults={"name": area.name, "sort_order": order}
        )
    fixtures = settings.DEMO_FIXTURES_DIR
    call_command("vsend_load_postcodes", str(fixtures / "postcodes.csv"), stdout=io.StringIO())
    council = loader.set_up_council(
        loader.read_councils(fixtures / "councils.yaml")[0], "localhost", 80
    )
    loader.import_library_forms(council)
    set_up_local_offer(council, fixtures / "services.yaml")
    loader.set_up_sign_ins([council])
    practitioner = Practitioner.objects.get(user__username=f"{council.slug}-practitioner")
    parent = django_user_model.objects.get(username=f"{council.slug}-parent")
    loader.set_up_children(council, practitioner, parent, count=4)
    rebuild([council])


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
        think="0.5-1",  # brisker than people, to fit a few rounds into the seconds
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
    faults = [event["fault"] for event in figures["faults"]]
    assert len(faults) == 4, faults
    assert faults[0].startswith("Celery worker killed") and faults[1].endswith("started again")
    assert faults[2].startswith("broker unreachable") and faults[3].startswith("gunicorn worker [")
    assert_nothing_lost(figures)
