"""`manage.py vsend_load_demo`: dev only, and the bigger population for benchmark groups.

These tests need a database without the demo, or a demo of their own, so they
are not among the tests of ``test_load_demo`` that share one load.
"""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from vsend_plugin.assessments.models import Assessment
from vsend_plugin.core.models import Council

pytestmark = pytest.mark.django_db


def test_it_refuses_to_run_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("vsend_load_demo")
    assert not Council.objects.exists()


def test_the_demo_population_makes_benchmark_groups_big_enough_to_show(settings):
    from vsend_plugin.benchmarking.models import Rollup

    settings.DEBUG = True
    call_command("vsend_load_demo", "--children", "4", "--population", "120", stdout=StringIO())
    northshire = Council.objects.get(slug="northshire")
    assert northshire.children.count() == 124
    latest = (
        Rollup.objects.filter(council=northshire)
        .order_by("-period")
        .values_list("period", flat=True)[0]
    )
    shown = Rollup.objects.filter(council=northshire, period=latest, dimension="locality")
    assert any(not rollup.suppressed for rollup in shown)
    before = Assessment.objects.count()
    call_command("vsend_load_demo", "--children", "4", "--population", "120", stdout=StringIO())
    assert Assessment.objects.count() == before  # loading again adds nobody
