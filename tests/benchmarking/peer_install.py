"""A second install of the site, in subprocesses, with a database of its own: a federation peer.

It is set up the way an operator sets one up (``migrate``, the demo data,
``vsend_rollup``) and served by ``manage.py runserver`` on a free port of
127.0.0.1. Its database is a PostgreSQL database next to the test database
when the tests run on PostgreSQL, or an SQLite file otherwise, so the peer's
figures come from data the test process never sees.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests import databases

REPOSITORY = Path(__file__).resolve().parents[2]
MANAGE = REPOSITORY / "site" / "manage.py"

#: Children per demo council: enough for some quarters to be shown and some suppressed.
CHILDREN_PER_COUNCIL = 24


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PeerInstall:
    def __init__(self, database_url, log_path):
        self.database_url = database_url
        self.log_path = log_path
        self.port = free_port()
        self.server = None

    @property
    def api_url(self):
        return f"http://127.0.0.1:{self.port}/api/vsend/v1/"

    @property
    def environment(self):
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "vsend_site.settings.test",
            "DATABASE_URL": self.database_url,
            "PYTHONPATH": os.pathsep.join([str(REPOSITORY / "site"), str(REPOSITORY)]),
        }
        environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        return environment

    def manage(self, *arguments, timeout=300):
        done = subprocess.run(
            [sys.executable, str(MANAGE), *arguments],
            env=self.environment,
            cwd=REPOSITORY,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if done.returncode:
            pytest.fail(
                f"manage.py {' '.join(arguments)} failed on the peer:\n{done.stderr[-3000:]}"
            )
        return done.stdout

    def run(self, code):
        """Run Python in the peer's Django; returns what it printed last, read as JSON."""
        output = self.manage("shell", "--verbosity", "0", "--command", code)
        return json.loads(output.strip().splitlines()[-1])

    def set_up(self):
        self.manage("migrate", "--noinput")
        self.manage("vsend_load_demo", "--children", str(CHILDREN_PER_COUNCIL), "--population", "0")
        self.manage("vsend_rollup")
        return self

    def issue_token(self, council="westmoor"):
        return self.run(
            "import json\n"
            "from vsend_plugin.benchmarking.models import PartnerToken\n"
            "from vsend_plugin.core.models import Council\n"
            f"token = PartnerToken(council=Council.objects.get(slug={council!r}), "
            "organisation='Federation test')\n"
            "key = token.set_new_key()\n"
            "token.save()\n"
            "print(json.dumps(key))\n"
        )

    def revoke_token(self, key):
        return self.run(
            "import json\n"
            "from vsend_plugin.benchmarking.models import PartnerToken\n"
            f"PartnerToken.objects.for_key({key!r}).revoke()\n"
            f"print(json.dumps(PartnerToken.objects.for_key({key!r}) is None))\n"
        )

    def council_rollups(self):
        """The peer's own council-level rollups: ``{(period, slug): (label, figures)}``."""
        rows = self.run(
            "import json\n"
            "from vsend_plugin.benchmarking.models import Rollup\n"
            "print(json.dumps([[r.period, r.council.slug, r.label, r.figures] for r in "
            "Rollup.objects.filter(dimension='council').select_related('council')]))\n"
        )
        return {(period, slug): (label, figures) for period, slug, label, figures in rows}

    def start(self):
        log = open(self.log_path, "ab")  # noqa: SIM115 - kept open for the server's life
        self.server = subprocess.Popen(
            [sys.executable, str(MANAGE), "runserver", "--noreload", f"127.0.0.1:{self.port}"],
            env=self.environment,
            cwd=REPOSITORY,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                pytest.fail(f"The peer's server exited:\n{Path(self.log_path).read_text()[-3000:]}")
            try:
                urllib.request.urlopen(self.api_url + "benchmarks/periods/", timeout=2)
            except urllib.error.HTTPError:
                return self  # it answers (401 without a token): it is up
            except OSError:
                time.sleep(0.3)
        pytest.fail("The peer's server did not answer within 60 s.")

    def stop(self):
        if self.server and self.server.poll() is None:
            self.server.terminate()
            try:
                self.server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.server.kill()
                self.server.wait()


def peer_database(tmp_path):
    """A URL of a database for the peer, and a function that drops it afterwards.

    On PostgreSQL it is made from the migrated template when there is one
    (tests/databases.py), so the peer's ``migrate`` has nothing to do.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if not databases.is_postgresql(database):
        path = tmp_path / "peer.sqlite3"
        return f"sqlite:///{path}", lambda: None

    name = f"{database['NAME']}_peer"

    def drop():
        with databases.server(database, locked=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    databases.create_database(database, name)
    return databases.server_url(database, name), drop
