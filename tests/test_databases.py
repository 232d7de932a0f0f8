"""The migrated template the PostgreSQL test databases are copied from (tests/databases.py)."""

import pytest
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.test import override_settings

from tests import databases


def test_the_template_is_named_after_every_migration_and_what_migrations_import():
    sources = dict(databases._migration_sources())

    assert "vsend_plugin/core/migrations/0001_initial.py" in sources
    assert "vsend_plugin/core/apps.py" in sources  # its post-migrate handlers
    assert "wagtail/migrations/0001_squashed_0016_change_page_url_path_to_text_field.py" in sources
    # A migration's SQL can come from a module it imports: a change there is seen too.
    assert "vsend_plugin/core/db_wall.py" in sources
    assert all(not name.startswith("/") for name in sources), (
        "names must be alike in every checkout"
    )
    assert databases.template_name() == databases.template_name()
    with override_settings(DEBUG=True):  # settings.SETTINGS_MODULE is None in here
        assert databases.template_name() == databases.template_name()
    assert databases.template_name().startswith(databases.TEMPLATE_PREFIX)


@pytest.mark.django_db
def test_a_database_made_from_the_template_is_migrated_already():
    settings_dict = connection.settings_dict
    if not databases.is_postgresql(settings_dict):
        pytest.skip("templates are PostgreSQL's: SQLite databases are migrated")
    assert databases.current_template(settings_dict), "the test database set-up saves it"
    applied = set(MigrationRecorder(connection).applied_migrations())
    name = f"{settings_dict['NAME']}_copy"
    import psycopg

    try:
        assert databases.create_database(settings_dict, name)
        with psycopg.connect(databases.server_url(settings_dict, name)) as copy:
            rows = copy.execute("SELECT app, name FROM django_migrations").fetchall()
        assert set(rows) == applied
    finally:
        with databases.server(settings_dict, locked=True) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
