"""``make loadtest``: the site under load on this machine, then a check that nothing was lost.

A fresh PostgreSQL database is made, migrated and given the demo; the site
then runs under gunicorn (several workers, the ``loadtest`` settings: DEBUG
off, Redis broker and cache) with a real Celery worker, and Locust drives it
headless from 127.0.0.1, bounded in users and time:

- families search the local offer and read a service;
- practitioners sign in and record needs mappings, through the question
  pages and through ``POST assessments/`` (each queues a PDF and a rollup);
- parent carers add their view;
- SEND officers read the benchmarking dashboard;
- partners call the benchmarks API (with a partner token) and Open Referral UK.

First one user walks every journey a few times alone (the single-user
medians); then ``LOADTEST_USERS`` users for ``LOADTEST_SECONDS``. Once the
queue has drained, every acknowledged submission must be stored with its
profile, every PDF made and the rollups equal to a rebuild (``checks.py``).
With ``--faults`` the same run kills the Celery worker (and starts another),
cuts the broker for 10 s and kills a gunicorn worker, mid-run.

    python tests/benchmarks/loadtest/run.py [--users 50] [--seconds 60] [--faults]

Writes ``tests/benchmarks/loadtest.json`` (``loadtest-faults.json`` with
``--faults``). Environment: ``LOADTEST_USERS``, ``LOADTEST_SECONDS``,
``LOADTEST_FAULTS``, ``LOADTEST_THINK`` (``2-5``: seconds on a page between
requests), ``LOADTEST_DATABASE_URL`` (default
postgres://postgres@127.0.0.1:5432/vsend_loadtest, dropped and made again).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import psutil

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path[:0] = [str(Path(__file__).resolve().parents[3] / "site")]
    sys.path[:0] = [str(Path(__file__).resolve().parents[3])]

from tests.benchmarks.loadtest.processes import REPOSITORY, Stack, run_locust, say  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/vsend_loadtest"
OUTPUT = REPOSITORY / "tests" / "benchmarks"
#: Each kind of user's share of the users (at least one of each).
SHARES = {"family": 0.3, "practitioner": 0.3, "parent": 0.2, "officer": 0.1, "partner": 0.1}
USER_CLASSES = ["FamilyUser", "PractitionerUser", "ParentUser", "OfficerUser", "PartnerUser"]
GOAL_RATIO = 5
BROKER_CUT_SECONDS = 10


def counts_for(users):
    if users < len(SHARES):
        raise SystemExit(f"At least {len(SHARES)} users: one of each kind.")
    counts = {kind: max(1, int(users * share)) for kind, share in SHARES.items()}
    counts["family"] += users - sum(counts.values())
    return counts


class Faults(threading.Thread):
    """Mid-run: the worker killed and restarted, the broker cut for 10 s, a web worker killed."""

    def __init__(self, stack, seconds):
        super().__init__(daemon=True)
        self.stack, self.seconds, self.events = stack, seconds, []
        self.started = time.monotonic()

    def at(self, fraction):
        time.sleep(max(0.0, self.started + fraction * self.seconds - time.monotonic()))

    def note(self, what):
        self.events.append({"at_s": round(time.monotonic() - self.started, 1), "fault": what})
        say(f"fault: {what}")

    def run(self):
        self.at(0.2)
        self.stack.kill_worker()
        self.note("Celery worker killed (SIGKILL)")
        time.sleep(2)
        self.stack.start_worker()
        self.note("Celery worker started again")
        self.at(0.4)
        self.stack.proxy.cut(BROKER_CUT_SECONDS)
        self.note(f"broker unreachable for {BROKER_CUT_SECONDS} s")
        self.at(0.75)
        self.note(f"gunicorn worker {self.stack.kill_web_worker()} killed (SIGKILL)")


def drain(stack, acknowledged, timeout):
    """Wait for the outbox to be sent and the queue done; sends what the outbox kept."""
    from tests.benchmarks.loadtest.checks import read_acknowledged, waiting_work

    deadline, settled, last = time.monotonic() + timeout, 0, None
    while time.monotonic() < deadline:
        unsent, without_pdf = waiting_work(read_acknowledged(acknowledged), stack.private_root)
        if unsent:
            stack.manage("vsend_send_pending_tasks")
        empty = stack.queue_is_empty()
        settled = settled + 1 if (not unsent and not without_pdf and empty) else 0
        if settled >= 3:
            return True
        if (unsent, without_pdf, empty) != last:
            say(f"draining: {unsent} unsent, {without_pdf} PDFs to make, queue empty: {empty}")
            last = (unsent, without_pdf, empty)
        time.sleep(1)
    say(f"the queue did not drain within {timeout} s")
    return False


def journeys_of(load, baseline):
    """Each journey's load figures beside its single-user median."""
    return {
        name: {
            "p50_ms": figures["p50_ms"],
            "p95_ms": figures["p95_ms"],
            "single_user_median_ms": baseline["journeys"].get(name, {}).get("p50_ms"),
            "requests": figures["requests"],
            "errors": figures["errors"],
        }
        for name, figures in load["journeys"].items()
    }


def load_run(
    database_url,
    folder,
    *,
    users,
    seconds,
    faults=False,
    baseline=True,
    iterations=5,
    web_workers=4,
    drain_timeout=300,
    think="2-5",
    ramp=0,
):
    """One whole run against a database holding the demo, which Django must be set up on.

    Returns the figures ``loadtest.json`` holds, with the nothing-lost checks'.
    ``baseline=False`` leaves out the single-user medians.
    """
    stack = Stack(database_url, folder, web_workers=web_workers)
    return run_on(
        stack,
        users=users,
        seconds=seconds,
        faults=faults,
        baseline=baseline,
        iterations=iterations,
        drain_timeout=drain_timeout,
        think=think,
        ramp=ramp,
    )


def run_on(stack, *, users, seconds, faults, baseline, iterations, drain_timeout, think, ramp=0):
    """The run on a stack not started yet: cast, start, single user, load, drain, check, stop."""
    from tests.benchmarks.loadtest import checks, scene

    folder = stack.folder
    counts = counts_for(users)
    plan = scene.cast(counts, stack.port)
    plan_file = folder / "plan.json"
    plan_file.write_text(json.dumps(plan))
    acknowledged = folder / "acknowledged.jsonl"
    acknowledged.write_text("")
    try:
        say(
            f"starting gunicorn ({stack.web_workers} workers) and a Celery worker, "
            f"port {stack.port}"
        )
        stack.start()
        single = {"journeys": {}, "total": {"errors": 0}, "failures": []}
        if baseline:
            say(f"single user: every journey {iterations} times")
            single = run_locust(
                stack,
                plan_file,
                acknowledged,
                folder / "baseline",
                users=1,
                seconds=None,
                counts={},
                user_classes=["BaselineUser"],
                iterations=iterations,
            )
        say(
            f"load: {users} users ({counts}) starting over {ramp} s, then {seconds} s"
            + (" with faults" if faults else "")
        )
        injector = Faults(stack, ramp + seconds) if faults else None
        if injector:
            injector.start()
        started, cpu_before = time.monotonic(), stack.cpu_seconds()
        machine_before = psutil.cpu_times()
        load = run_locust(
            stack,
            plan_file,
            acknowledged,
            folder / "load",
            users=users,
            seconds=seconds,
            counts=counts,
            user_classes=USER_CLASSES,
            think=think,
            ramp=ramp,
        )
        elapsed = time.monotonic() - started
        cpu = cpu_used(cpu_before, stack.cpu_seconds(), machine_before, elapsed)
        if faults:  # a killed process takes its CPU time with it
            cpu["web_cores"] = cpu["worker_cores"] = None
        if injector:
            injector.join(timeout=BROKER_CUT_SECONDS + 30)
        say("load over; waiting for the queue to drain")
        drained = drain(stack, acknowledged, drain_timeout)
        result = checks.nothing_lost(checks.read_acknowledged(acknowledged), stack.private_root)
    finally:
        stack.stop()
    return {
        "users": users,
        "seconds": seconds,
        "ramp_s": ramp,
        "requests": load["total"]["requests"],
        "errors": load["total"]["errors"],
        "lost": result["lost"],
        "rps": round(load["total"]["requests"] / (seconds + ramp), 1),
        "journeys": journeys_of(load, single),
        "single_user_errors": single["total"]["errors"],
        "failures": load["failures"]
        + [
            {**failure, "name": f"single user: {failure['name']}"} for failure in single["failures"]
        ],
        "drained": drained,
        "checks": result,
        "faults": injector.events if injector else [],
        "counts": counts,
        "think_s": think,
        "load_elapsed_s": round(elapsed, 1),
        "cpu": cpu,
    }


def cpu_used(before, after, machine_before, elapsed):
    """Cores busy on average during the load: the site's, the worker's and the whole machine's.

    The worker's figure covers the processes alive at the end only; a killed
    worker's time is lost with it. The machine's includes Locust and anything
    else running there.
    """
    machine = psutil.cpu_times()
    busy = sum(
        getattr(machine, name) - getattr(machine_before, name)
        for name in ("user", "system", "nice", "irq", "softirq", "steal")
    )
    return {
        "web_cores": round(max(0.0, after["web"] - before["web"]) / elapsed, 2),
        "worker_cores": round(max(0.0, after["worker"] - before["worker"]) / elapsed, 2),
        "machine_cores": round(busy / elapsed, 2),
        "machine_has_cores": psutil.cpu_count(),
        "load_average_1min": round(os.getloadavg()[0], 2),
    }


def goal_met(figures):
    """Zero errors, nothing lost, and every journey's p95 under 5x its single-user median."""
    slow = [
        name
        for name, journey in figures["journeys"].items()
        if journey["single_user_median_ms"] is None
        or journey["p95_ms"] is None
        or journey["p95_ms"] >= GOAL_RATIO * journey["single_user_median_ms"]
    ]
    return figures["errors"] == 0 and figures["lost"] == 0 and not slow, slow


def table(figures):
    lines = [
        f"{'journey':<30} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'1-user ms':>9} {'5x limit':>9}  goal"
    ]
    for name, journey in figures["journeys"].items():
        single, p95 = journey["single_user_median_ms"], journey["p95_ms"]
        limit = GOAL_RATIO * single if single is not None else None
        passed = limit is not None and p95 is not None and p95 < limit
        lines.append(
            f"{name:<30} {journey['requests']:>8} {journey['errors']:>6} "
            f"{_ms(journey['p50_ms'])} {_ms(p95)} {_ms(single, 9)} {_ms(limit, 9)}  "
            f"{'pass' if passed else 'FAIL'}"
        )
    checked = figures["checks"]
    lines += [
        "",
        f"{figures['users']} users for {figures['seconds']} s: {figures['requests']} requests, "
        f"{figures['rps'] or 0:.1f} requests/s, {figures['errors']} errors",
        f"acknowledged {checked['acknowledged']} ({checked['acknowledged_by_kind']}), "
        f"stored {checked['stored']}, lost {checked['lost']}; PDFs made {checked['pdfs_made']}, "
        f"missing {checked['pdfs_missing']}; rollups {checked['rollup_groups']} groups, "
        f"{checked['rollup_differences']} differ from a rebuild",
    ]
    cpu = figures["cpu"]
    lines.append(
        f"cores busy on average: site {cpu['web_cores']}, Celery worker {cpu['worker_cores']}, "
        f"whole machine {cpu['machine_cores']} of {cpu['machine_has_cores']} "
        f"(load average {cpu['load_average_1min']})"
    )
    for event in figures["faults"]:
        lines.append(f"fault at {event['at_s']:>5} s: {event['fault']}")
    for failure in figures["failures"][:8]:
        lines.append(f"error x{failure['count']}: {failure['name']}: {failure['error'][:120]}")
    met, slow = goal_met(figures)
    lines.append(
        "GOAL MET: zero errors, nothing lost, every p95 under 5x its single-user median"
        if met
        else f"goal not met: {figures['errors']} errors, {figures['lost']} lost, "
        f"p95 over 5x for {slow or 'none'}"
    )
    return "\n".join(lines)


def _ms(value, width=8):
    return f"{value:>{width}.0f}" if value is not None else f"{'-':>{width}}"


def fresh_database(url):
    """Drop and make the database again; only one whose name says it is the load test's."""
    name = urlsplit(url).path.lstrip("/")
    if not name.startswith("vsend_load"):
        raise SystemExit(f"Not dropping {name!r}: the load test's database names start vsend_load")
    import psycopg

    parts = urlsplit(url)
    with psycopg.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password,
        dbname="postgres",
        autocommit=True,
    ) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def set_up_database(url, port):
    """Migrate and load the demo (development settings: the demo refuses DEBUG off)."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "vsend_site.settings.dev",
        "DATABASE_URL": url,
    }
    for command in (["migrate", "--noinput"], ["vsend_load_demo", "--port", str(port)]):
        say(f"manage.py {' '.join(command)}")
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=REPOSITORY / "site",
            env=environment,
            check=True,
            stdout=subprocess.DEVNULL,
        )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=int(os.environ.get("LOADTEST_USERS", 50)))
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("LOADTEST_SECONDS", 60)))
    parser.add_argument(
        "--faults",
        action="store_true",
        default=os.environ.get("LOADTEST_FAULTS", "") not in ("", "0"),
    )
    parser.add_argument("--iterations", type=int, default=5, help="single-user rounds a journey")
    parser.add_argument(
        "--think",
        default=os.environ.get("LOADTEST_THINK", "2-5"),
        help="seconds a user spends on a page, drawn between the two (default 2-5)",
    )
    parser.add_argument(
        "--ramp",
        type=float,
        default=float(os.environ.get("LOADTEST_RAMP", 20)),
        help="seconds over which the users start, before the --seconds at full load (default 20)",
    )
    parser.add_argument("--web-workers", type=int, default=4)
    parser.add_argument(
        "--database-url", default=os.environ.get("LOADTEST_DATABASE_URL", DEFAULT_DATABASE_URL)
    )
    parser.add_argument("--output", type=Path)
    parser.add_argument(
        "--reuse-database",
        action="store_true",
        help="keep the database of an earlier run (demo loaded) rather than making it again",
    )
    options = parser.parse_args(argv)
    output = options.output or OUTPUT / (
        "loadtest-faults.json" if options.faults else "loadtest.json"
    )

    folder = Path(tempfile.mkdtemp(prefix="vsend-loadtest-"))
    stack = Stack(options.database_url, folder, web_workers=options.web_workers)
    say(f"database {options.database_url}; logs in {folder}")
    if not options.reuse_database:
        fresh_database(options.database_url)
        set_up_database(options.database_url, stack.port)

    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "vsend_site.settings.loadtest",
            "DATABASE_URL": options.database_url,
            "VSEND_PRIVATE_ROOT": str(stack.private_root),
        }
    )
    import django

    django.setup()
    figures = run_on(
        stack,
        users=options.users,
        seconds=options.seconds,
        faults=options.faults,
        baseline=True,
        iterations=options.iterations,
        drain_timeout=300,
        think=options.think,
        ramp=options.ramp,
    )
    output.write_text(json.dumps(figures, indent=2) + "\n")
    print(table(figures))
    print(f"written to {output}")
    if figures["lost"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
