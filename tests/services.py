"""Real services a test starts and stops itself, to make an outage: a private Redis server."""

import socket
import subprocess
import time

import pytest
import redis


def free_port():
    """A port nothing listens on (a moment ago): connections to it are refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PrivateRedis:
    """A Redis server of the test's own, on a free port, with nothing saved to disk."""

    def __init__(self, directory):
        self.port = free_port()
        self.directory = directory
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.exceptions.ConnectionError:
                time.sleep(0.05)
        pytest.fail("the test's Redis server did not start")

    def client(self):
        return redis.Redis.from_url(self.url)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
