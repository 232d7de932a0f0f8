"""Data made once for all the tests of a module, when those tests only read it.

Making a population of councils, children and their assessments takes
seconds; made again for each test, it is most of a module's time. So a
module makes it once, inside a transaction of its own; each test's own
transaction is then a savepoint within it (as with Django's
``TestCase.setUpTestData`` for a class), so what a test changes is undone
after it. After the module's last test the whole transaction is rolled back,
and the next module finds the database as empty as ever.

Each test gets its own copy of the objects made (as ``setUpTestData`` gives),
so a test that changes an object in memory leaves the next one unaffected.
Only for tests that roll back: a test that empties the database
(``transaction=True``, the live server) cannot run inside the transaction.
"""

import copy
from contextlib import contextmanager

import pytest
from django.core.cache import caches
from django.db import transaction


@contextmanager
def rolled_back_at_the_end(django_db_blocker):
    """A transaction around the caller's block and everything the tests run within it."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
        for cache in caches.all():  # e.g. Wagtail's site root paths, pointing at rolled-back sites
            cache.clear()


def made_once_a_module(build):
    """A module-scoped fixture of what ``build()`` makes, made once, rolled back at the end.

    Its value is what ``build`` returns; give it to the tests through a
    function-scoped fixture that returns ``copy_for_a_test(value)``.
    """

    @pytest.fixture(scope="module", name=build.__name__)
    def made(django_db_setup, django_db_blocker):
        with rolled_back_at_the_end(django_db_blocker):
            with django_db_blocker.unblock():
                value = build()
            yield value

    made.__doc__ = build.__doc__
    return made


def copy_for_a_test(value):
    """A test's own copy of objects made once (model instances, and what holds them)."""
    return copy.deepcopy(value)
