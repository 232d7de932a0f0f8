"""Shared fixtures: councils with their own sites, and a user for every role.

Councils are made the way the product makes them (a home page, a Wagtail
site, then the council, whose groups are created by the app itself), so
tests exercise the real set-up rather than hand-made groups.
"""

import pytest

#: The real Celery workers' fixtures, defined once for every directory that uses them
#: (a fixture imported into two conftest files is two fixtures: two session workers).
pytest_plugins = ["tests.workers"]


def ensure_wagtail_roots():
    """Wagtail's root page and collection, which a transactional test's flush removes."""
    from django.conf import settings
    from django.utils.translation import get_supported_language_variant
    from wagtail.models import Collection, Locale, Page

    locale, _ = Locale.objects.get_or_create(
        language_code=get_supported_language_variant(settings.LANGUAGE_CODE)
    )
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))


#: Fixtures that send tasks through a real broker; every other test runs tasks eagerly.
REAL_BROKER_FIXTURES = frozenset(
    {"broker_url", "celery_queue", "celery_worker_process", "start_worker", "broker", "worker"}
)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Mark ``worker`` the tests that use a real broker (and most a real Celery worker).

    Runs before ``-m`` selects, so ``-m "not worker"`` leaves them out.
    """
    for item in items:
        if REAL_BROKER_FIXTURES & set(item.fixturenames):
            item.add_marker(pytest.mark.worker)


def module_runs(collection):
    """{test id: its unit of a parallel run}: each run of one module's tests, in collection order.

    pytest-django runs every test that rolls back before every test that empties
    the database (``transaction=True``, the live server), as Django does: what
    the migrations made (Wagtail's root page, for one) is gone after the latter.
    A module with both kinds appears twice in that order, so each run of it is a
    unit of its own, and units are handed out in that order.
    """
    units, runs, previous = {}, {}, None
    for test in collection:
        module = test.split("::", 1)[0]
        if module != previous:
            runs[module] = runs.get(module, -1) + 1
            previous = module
        units[test] = f"{module}#{runs[module]}"
    return units


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """``--dist loadscope``: each module whole in one process, in pytest-django's order.

    So that what a module sets up once (the demo, a browser, a peer install) is
    set up once, and no process runs a test that rolls back after one that
    emptied its database.
    """
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ModuleRunScheduling(LoadScopeScheduling):
        units = None

        def _split_scope(self, nodeid):
            if self.units is None:
                self.units = module_runs(self.collection)
            return self.units[nodeid]

    config.option.loadscopereorder = False  # bigger modules first would break that order
    return ModuleRunScheduling(config, log)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On PostgreSQL, the test database is made from the migrated template (tests/databases.py)."""
    from django.conf import settings

    from tests import databases

    database = settings.DATABASES["default"]
    if databases.is_postgresql(database):
        template = databases.use_template(database)  # until django_db_setup has copied it
        if template:
            database.setdefault("TEST", {})["TEMPLATE"] = template


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """pytest-django's set-up; then the first test database migrated is kept as the template."""
    from django.conf import settings
    from django.db import connections

    from tests import databases

    databases.release_template()
    database = settings.DATABASES["default"]
    if databases.is_postgresql(database) and not database.get("TEST", {}).get("TEMPLATE"):
        connections.close_all()  # nobody may be connected to the database copied
        databases.save_template(database, database["NAME"])
    return django_db_setup


@pytest.fixture(autouse=True)
def tasks_run_eagerly_unless_a_worker_is_used(request):
    """Tasks run in the test's own process, as in development, unless the test uses a worker.

    Starting the session's worker turns eager mode off; without this, every
    later test would send its tasks to that worker, which would then work on
    the database while another test empties it.
    """
    from vsend_site.celery import app

    previous = app.conf.task_always_eager
    if not REAL_BROKER_FIXTURES & set(request.fixturenames):
        app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


def create_council(slug, ons_code, *, port=80, localities=("centre", "outskirts")):
    """A council as the product makes one: a home page, its Wagtail site, then the council."""
    from wagtail.models import Page, Site

    from vsend_plugin.core.models import Council, Locality, Setting
    from vsend_site.home.models import CouncilHomePage

    ensure_wagtail_roots()
    root = Page.get_first_root_node()
    home = CouncilHomePage(title=f"{slug.title()} Council", slug=slug)
    root.add_child(instance=home)
    site = Site.objects.create(
        hostname=f"{slug}.localhost", port=port, root_page=home, site_name=slug.title()
    )
    council = Council.objects.create(
        site=site, name=f"{slug.title()} Council", slug=slug, ons_code=ons_code
    )
    for name in localities:
        locality = Locality.objects.create(council=council, name=name.title(), slug=name)
        Setting.objects.create(
            council=council,
            locality=locality,
            name=f"{name.title()} Primary School ({slug})",
            kind="primary",
        )
    return council


def create_member(council, role, username=None):
    """A user in one council's group for a role (editor, officer or practitioner)."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(
        username or f"{council.slug}-{role}", password="correct horse battery staple"
    )
    user.groups.add(council.group_for(role))
    return user


def create_child(council, case_reference, given_name="Amara", *, setting=None, year_group="year_4"):
    """A child of ``council`` at one of its settings, in that setting's locality."""
    from vsend_plugin.assessments.models import Child

    setting = setting or council.settings.order_by("pk").first()
    return Child.objects.create(
        council=council,
        setting=setting,
        locality=setting.locality,
        case_reference=case_reference,
        given_name=given_name,
        birth_month=3,
        birth_year=2017,
        year_group=year_group,
    )


# The fixtures hand out the functions above; data made once a module (tests/once.py)
# calls them directly.


@pytest.fixture
def make_council(db):
    return create_council


@pytest.fixture
def northshire(make_council):
    return make_council("northshire", "E06000991")


@pytest.fixture
def westmoor(make_council):
    return make_council("westmoor", "E06000992")


@pytest.fixture
def make_member(db):
    """A user in one council's group for a role (editor, officer or practitioner)."""
    return create_member


@pytest.fixture
def make_child(db):
    return create_child


@pytest.fixture
def pdf_storage(tmp_path, monkeypatch):
    """PDF summaries go to a temporary directory rather than the site's private one."""
    from django.core.files.storage import FileSystemStorage

    from vsend_plugin.assessments.models import PdfSummary

    storage = FileSystemStorage(location=tmp_path / "private", base_url=None)
    monkeypatch.setattr(PdfSummary._meta.get_field("file"), "storage", storage)
    return storage


@pytest.fixture
def application():
    """The site's WSGI application, served in this process on the test's database connection.

    As Django's test client does, the connection is not closed at each
    request's end: it holds the test's transaction.
    """
    from django.core.signals import request_finished, request_started
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
