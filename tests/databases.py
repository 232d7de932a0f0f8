"""On PostgreSQL, databases for the tests are copied from one migrated template, not migrated.

An empty database needs all 237 migrations of vsend, Wagtail and Django
applied: about 30 s of CPU. Every xdist worker's test database needs them,
and so does each second install the federation and import tests start. So
the first worker to migrate its test database saves a copy as a template,
and every later database is made from it with ``CREATE DATABASE ...
TEMPLATE`` (PostgreSQL copies the files); ``migrate`` then finds nothing to
do and only runs the post-migrate handlers.

The template's name is a digest of everything that decides what migrating
makes: every app's migration files and ``apps.py``, the modules of vsend's
own that the migrations import, the versions of the installed packages and
the settings module. A change to any of them names
another template, which is made afresh by migrating; the old one is dropped.
SQLite runs migrate as before.
"""

import ast
import hashlib
import importlib.metadata
import importlib.util
import os
import warnings
from contextlib import contextmanager
from pathlib import Path

TEMPLATE_PREFIX = "vsend_template_"
#: pg_advisory_lock keys: one database is made or dropped at a time, and a template is not
#: dropped while a test run's set-up may still copy it (held shared until the copy is made).
LOCK = 7_451_206_310
IN_USE = 7_451_206_311


def _server(settings_dict):
    user = settings_dict.get("USER") or ""
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    credentials = f"{user}{password}@" if user else ""
    host, port = settings_dict.get("HOST") or "127.0.0.1", settings_dict.get("PORT") or 5432
    return f"{credentials}{host}:{port}"


def is_postgresql(settings_dict):
    return settings_dict["ENGINE"].endswith("postgresql")


def server_url(settings_dict, name):
    """The URL of database ``name`` on the server of ``settings_dict``."""
    return f"postgres://{_server(settings_dict)}/{name}"


@contextmanager
def server(settings_dict, *, locked=False):
    """An autocommit connection to the server's ``postgres`` database.

    ``locked``: holding the advisory lock, so that no other test process
    makes or drops a database at the same time (released on closing).
    """
    import psycopg

    with psycopg.connect(server_url(settings_dict, "postgres"), autocommit=True) as connection:
        if locked:
            connection.execute("SELECT pg_advisory_lock(%s)", [LOCK])
        yield connection


def _templates(connection):
    rows = connection.execute(
        "SELECT datname FROM pg_database WHERE datname LIKE %s AND datistemplate",
        [TEMPLATE_PREFIX + "%"],
    ).fetchall()
    return {row[0] for row in rows}


REPOSITORY = Path(__file__).resolve().parents[1]
#: Packages whose modules a migration may import and whose changes a digest must see.
OWN_PACKAGES = ("vsend_plugin", "vsend_site")


def _imported_own_modules(path):
    """The files of vsend's own modules that the migration at ``path`` imports."""
    for node in ast.walk(ast.parse(path.read_bytes())):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        else:
            continue
        for name in names:
            if name.split(".", 1)[0] in OWN_PACKAGES:
                try:
                    spec = importlib.util.find_spec(name)
                except ModuleNotFoundError:  # a name imported from a module, not a module
                    continue
                if spec and spec.origin and spec.origin.endswith(".py"):
                    yield Path(spec.origin)


def _portable_name(path):
    """A file's name as it is in every checkout: within the repository or site-packages."""
    path = path.resolve()
    if "site-packages" in path.parts:
        return str(path).rsplit("site-packages/", 1)[-1]
    return str(path.relative_to(REPOSITORY)) if path.is_relative_to(REPOSITORY) else str(path)


def _migration_sources():
    """(name, bytes) of what decides what migrating makes, in a fixed order.

    Each app's ``apps.py`` (its post-migrate handlers) and migration files,
    and the modules of vsend's own that those migrations import (the
    database wall's SQL, for one).
    """
    from django.apps import apps
    from django.db.migrations.loader import MigrationLoader

    files = {}
    for app_config in apps.get_app_configs():
        found = [Path(app_config.path) / "apps.py"]
        module, _ = MigrationLoader.migrations_module(app_config.label)
        spec = importlib.util.find_spec(module) if module else None
        for location in (spec.submodule_search_locations or []) if spec else []:
            migrations = sorted(Path(location).glob("*.py"))
            found += migrations
            for migration in migrations:
                found += _imported_own_modules(migration)
        for path in found:
            if path.is_file():
                files[_portable_name(path)] = path
    for name in sorted(files):
        yield name, files[name].read_bytes()


def template_name():
    """The template's name: a digest of what decides the schema and rows migrating makes."""
    # From the environment: ``settings.SETTINGS_MODULE`` is None under override_settings.
    digest = hashlib.sha256(os.environ.get("DJANGO_SETTINGS_MODULE", "").encode())
    # A set: the same package can be found twice, as the path differs between processes.
    installed = {
        f"{found.metadata['Name']}=={found.version}" for found in importlib.metadata.distributions()
    }
    digest.update("\n".join(sorted(installed)).encode())
    for name, content in _migration_sources():
        digest.update(name.encode() + b"\0" + content)
    return TEMPLATE_PREFIX + digest.hexdigest()[:20]


def save_template(settings_dict, database):
    """Keep a copy of ``database``, just migrated, as the template; drop the stale ones.

    Nobody may be connected to ``database`` while it is copied: the caller
    has closed its connections. A failure only costs the next run its speed.
    """
    name = template_name()
    try:
        with server(settings_dict, locked=True) as connection:
            present = _templates(connection)
            if name not in present:
                connection.execute(
                    f'CREATE DATABASE "{name}" TEMPLATE "{database}" IS_TEMPLATE true'
                )
            for stale in present - {name}:
                _drop_template(connection, stale)
    except Exception as error:  # noqa: BLE001 - the tests go on; the next run migrates again
        warnings.warn(f"The migrated template was not saved: {error}", stacklevel=2)


def _drop_template(connection, name):
    """Drop a template of older migrations, unless another run may be copying it just now."""
    import psycopg

    if not connection.execute("SELECT pg_try_advisory_lock(%s)", [IN_USE]).fetchone()[0]:
        return  # dropped by a later run
    try:
        connection.execute(f'ALTER DATABASE "{name}" IS_TEMPLATE false')
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
    except psycopg.errors.ObjectInUse:  # someone is connected to it
        connection.execute(f'ALTER DATABASE "{name}" IS_TEMPLATE true')
    finally:
        connection.execute("SELECT pg_advisory_unlock(%s)", [IN_USE])


def use_template(settings_dict):
    """The current template's name, kept from being dropped until ``release_template()``.

    For the test database, which Django copies from it later in the set-up.
    None when the server has no current template.
    """
    import psycopg

    name = template_name()
    connection = psycopg.connect(server_url(settings_dict, "postgres"), autocommit=True)
    connection.execute("SELECT pg_advisory_lock_shared(%s)", [IN_USE])
    if name not in _templates(connection):
        connection.close()
        return None
    _in_use.append(connection)
    return name


def release_template():
    while _in_use:
        _in_use.pop().close()


_in_use = []


def current_template(settings_dict):
    """The current template's name if the server has it, else None."""
    name = template_name()
    with server(settings_dict) as connection:
        return name if name in _templates(connection) else None


def create_database(settings_dict, name):
    """Drop ``name`` and make it again: from the template when there is one, else empty.

    Returns whether it came from the template (and so is migrated already).
    """
    template = template_name()
    with server(settings_dict, locked=True) as connection:  # no template dropped meanwhile
        source = f' TEMPLATE "{template}"' if template in _templates(connection) else ""
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"{source}')
    return bool(source)
