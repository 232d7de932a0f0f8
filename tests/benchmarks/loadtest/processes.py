"""The processes a load run starts, and the faults it does to them.

gunicorn serves the site with several workers, a Celery worker takes the
tasks, and both reach Redis through :class:`BrokerProxy`, a TCP proxy on
127.0.0.1 that can be cut for a while: the broker becomes unreachable
without touching the machine's Redis. Locust runs headless in a process of
its own. Everything listens on and talks to 127.0.0.1 only.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import redis

REPOSITORY = Path(__file__).resolve().parents[3]
LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"
SETTINGS = "vsend_site.settings.loadtest"
#: How much lower the Celery worker's CPU priority is than the site's (``nice``).
WORKER_NICENESS = 10


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def say(message):
    print(f"[loadtest {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


class BrokerProxy:
    """Forwards 127.0.0.1:port to Redis; :meth:`cut` closes every connection and refuses more."""

    def __init__(self, target_port=6379):
        self.target = ("127.0.0.1", target_port)
        self.port = free_port()
        self.cut_until = 0.0
        self.connections = set()
        self.lock = threading.Lock()
        self.listener = socket.create_server(("127.0.0.1", self.port))
        self.running = True
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while self.running:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if time.monotonic() < self.cut_until:
                client.close()  # the broker cannot be reached
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self.lock:
                self.connections |= {client, upstream}
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self.pump, args=(source, sink), daemon=True).start()

    def pump(self, source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                self.close(end)

    def close(self, end):
        with self.lock:
            self.connections.discard(end)
        try:
            end.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        end.close()

    def cut(self, seconds):
        """Unreachable for ``seconds``: open connections are dropped, new ones closed at once."""
        self.cut_until = time.monotonic() + seconds
        with self.lock:
            ends = list(self.connections)
        for end in ends:
            self.close(end)

    def url(self, database):
        return f"redis://127.0.0.1:{self.port}/{database}"

    def stop(self):
        self.running = False
        self.listener.close()
        self.cut(0)


class Stack:
    """gunicorn, a Celery worker and the broker proxy for one load run, on one database."""

    def __init__(
        self, database_url, folder, *, web_workers=4, threads=4, broker_db=10, cache_db=11
    ):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.proxy = BrokerProxy()
        self.broker_db, self.cache_db = broker_db, cache_db
        self.queue = f"vsend-loadtest-{os.getpid()}-{self.port}"
        self.web_workers, self.threads = web_workers, threads
        self.private_root = self.folder / "private"
        self.environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            "DATABASE_URL": database_url,
            "VSEND_LOADTEST_BROKER_URL": self.proxy.url(broker_db),
            "VSEND_LOADTEST_CACHE_URL": f"redis://127.0.0.1:6379/{cache_db}",
            "VSEND_LOADTEST_QUEUE": self.queue,
            "VSEND_PRIVATE_ROOT": str(self.private_root),
            "MEDIA_ROOT": str(self.folder / "media"),
            "PYTHONPATH": os.pathsep.join([str(REPOSITORY / "site"), str(REPOSITORY)]),
            "C_FORCE_ROOT": "1",
        }
        self.environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        self.web = self.worker = None
        self.worker_starts = 0

    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        # The load test's own Redis databases: nothing of an earlier run (cached site
        # addresses, a killed worker's unacknowledged tasks) carries over.
        for database in (self.broker_db, self.cache_db):
            redis.Redis(port=6379, db=database).flushdb()
        self.start_web()
        self.start_worker()
        self.wait_for_web()
        return self

    def log(self, name):
        return open(self.folder / f"{name}.log", "ab")  # noqa: SIM115 - the process's whole life

    def start_web(self):
        self.web = subprocess.Popen(
            [
                *(sys.executable, "-m", "gunicorn", "tests.benchmarks.loadtest.wsgi:application"),
                "--preload",
                *("--bind", f"127.0.0.1:{self.port}", "--workers", str(self.web_workers)),
                *("--threads", str(self.threads), "--worker-class", "gthread"),
                *("--timeout", "60", "--graceful-timeout", "5", "--log-level", "warning"),
                # longer than a person's pause: gunicorn's 2 s would close kept-alive
                # connections just as the next request is sent on them (a reset, an error)
                *("--keep-alive", "10"),
            ],
            cwd=REPOSITORY / "site",
            env=self.environment,
            stdout=self.log("gunicorn"),
            stderr=subprocess.STDOUT,
        )

    def wait_for_web(self, timeout=90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.web.poll() is not None:
                raise SystemExit(f"gunicorn exited: see {self.folder / 'gunicorn.log'}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.3)
        raise SystemExit(f"gunicorn did not listen within {timeout} s")

    def start_worker(self):
        self.worker_starts += 1
        self.worker = subprocess.Popen(
            [
                # Background work yields the processor to people's requests, as it
                # should where the worker shares a machine with the site.
                *("nice", "-n", str(WORKER_NICENESS)),
                *(sys.executable, "-m", "celery", "-A", "vsend_site", "worker"),
                *("--pool=prefork", "--concurrency=2", "--queues", self.queue),
                *("--without-gossip", "--without-mingle", "--without-heartbeat"),
                *("--loglevel=WARNING", "--hostname", f"{self.queue}-{self.worker_starts}@%h"),
            ],
            cwd=REPOSITORY / "site",
            env=self.environment,
            stdout=self.log("celery"),
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its pool processes are killed with it, as in a crash
        )

    def kill_worker(self):
        """SIGKILL to the worker and its pool: nothing acknowledged, nothing requeued."""
        os.killpg(self.worker.pid, signal.SIGKILL)
        self.worker.wait(timeout=10)

    def web_worker_pids(self):
        children = Path(f"/proc/{self.web.pid}/task/{self.web.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def kill_web_worker(self):
        """SIGKILL to one gunicorn worker; the arbiter starts another."""
        pids = self.web_worker_pids()
        if pids:
            os.kill(pids[0], signal.SIGKILL)
        return pids[:1]

    def cpu_seconds(self):
        """CPU time used so far by the site's processes and the worker's (children included)."""
        used = {}
        for part, process in (("web", self.web), ("worker", self.worker)):
            try:
                root = psutil.Process(process.pid)
                tree = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                tree = []
            used[part] = 0.0
            for member in tree:
                try:
                    times = member.cpu_times()
                except psutil.NoSuchProcess:
                    continue
                used[part] += times.user + times.system
        return used

    def manage(self, *arguments, timeout=300):
        return subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=REPOSITORY / "site",
            env=self.environment,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=True,
        )

    def queue_is_empty(self):
        """No task waiting on the run's queue, and none taken but unacknowledged."""
        broker = redis.Redis(port=6379, db=self.broker_db)
        return broker.llen(self.queue) == 0 and broker.hlen("unacked") == 0

    def stop(self):
        for process in (self.web, self.worker):
            if process and process.poll() is None:
                process.terminate()
        for process in (self.web, self.worker):
            if process:
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
        if self.worker:
            try:
                os.killpg(self.worker.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.proxy.stop()
        redis.Redis(port=6379, db=self.broker_db).delete(self.queue)


def spawn_rate(users, ramp):
    """Users started a second: all of them over ``ramp`` seconds, or in a fifth of a second each."""
    return round(users / ramp, 3) if ramp else max(1, users // 5)


def run_locust(
    stack,
    plan_file,
    acknowledged,
    prefix,
    *,
    users,
    seconds,
    counts,
    user_classes,
    iterations=5,
    timeout=30,
    think="2-5",
    ramp=0,
    deadline=None,
):
    """Locust headless against ``stack``; returns its figures per journey and in all.

    The users start evenly over ``ramp`` seconds (as people arrive, not all in
    one instant), then all of them run for ``seconds`` more.
    """
    environment = {
        **os.environ,
        "VSEND_LOADTEST_PLAN": str(plan_file),
        "VSEND_LOADTEST_ACKNOWLEDGED": str(acknowledged),
        "VSEND_LOADTEST_COUNTS": ",".join(f"{kind}={n}" for kind, n in counts.items()),
        "VSEND_LOADTEST_ITERATIONS": str(iterations),
        "VSEND_LOADTEST_TIMEOUT": str(timeout),
        "VSEND_LOADTEST_STATS": f"{prefix}.json",
        "VSEND_LOADTEST_THINK": think,
    }
    command = [
        *(sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless"),
        *("--host", stack.base_url(), "-u", str(users), "-r", str(spawn_rate(users, ramp))),
        *("--csv", str(prefix), "--only-summary", "--stop-timeout", "5", "--loglevel", "WARNING"),
        *("--exit-code-on-error", "0"),
    ]
    if seconds:
        command += ["-t", f"{seconds + ramp:g}s"]
    command += user_classes
    with open(f"{prefix}.log", "wb") as log:
        subprocess.run(
            command,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            check=True,
            timeout=deadline or (seconds + ramp if seconds else 600) + 120,
        )
    return json.loads(Path(f"{prefix}.json").read_text())
