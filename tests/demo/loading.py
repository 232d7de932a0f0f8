"""The demo, loaded once for all the tests of a module.

Loading the demo takes seconds, and most tests here only read what it made.
So a module loads it once, inside a transaction of its own; each test's own
transaction is then a savepoint within it (as with Django's
``TestCase.setUpTestData`` for a class), so what a test changes, including
loading the demo again, is undone after it. After the module's last test the
load is rolled back too, and the next module finds the database as empty as
ever.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from tests.once import rolled_back_at_the_end


def load_demo(*arguments):
    """``vsend_load_demo`` with ``arguments``, as a developer runs it (DEBUG on, tasks run here)."""
    from vsend_site.celery import app

    out = StringIO()
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    try:
        with override_settings(DEBUG=True):
            call_command("vsend_load_demo", *arguments, stdout=out)
    finally:
        app.conf.task_always_eager = eager
    return out.getvalue()


def demo_loaded_once(*arguments):
    """A module-scoped fixture: the demo loaded with ``arguments``; its value is the output."""

    @pytest.fixture(scope="module")
    def demo(django_db_setup, django_db_blocker):
        with rolled_back_at_the_end(django_db_blocker):
            with django_db_blocker.unblock():
                output = load_demo(*arguments)
            yield output

    return demo
