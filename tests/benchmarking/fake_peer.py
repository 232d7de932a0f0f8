"""A stand-in for another install that answers whatever a test tells it to.

The end-to-end federation test runs a real second site; this one is for what
a real vsend never sends (a wrong shape, a leaked small count, a redirect, a
server error), to show each is a recorded failure rather than a crash or a
stored figure.
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

API_PATH = "/api/vsend/v1/"


def shown_group(slug="fenland", name="Fenland Council", children=40):
    """A council-level group as a vsend peer publishes it."""
    return {
        "key": {"council": slug},
        "label": name,
        "suppressed": False,
        "children": children,
        "excluded": 0,
        "band_counts": {"A": 12, "B": 11, "C": 9, "D": 8, "E": 0},
        "areas": {
            code: {"level": 1.5, "intensity": 0.9, "gap": 0.4, "family_confidence": 2.25}
            for code in ("CI", "CL", "SEMH", "SP", "IND")
        },
        "alignment": 0.31,
        "trend_counts": {"escalating": 5, "stable": 20, "improving": 0},
    }


def benchmarks(quarter, groups, **changes):
    """A ``GET benchmarks/?by=council`` answer; ``changes`` replace its fields."""
    return {
        "scheme": "vsend-core/1",
        "period": quarter,
        "by": "council",
        "min_group": 10,
        "groups": groups,
        **changes,
    }


class FakePeer:
    """An HTTP server on a free port of 127.0.0.1; ``answers`` maps a path (with query) to
    ``(status, body, headers)``; ``requests`` lists ``(path, Authorization header)``."""

    def __init__(self):
        self.answers = {}
        self.requests = []
        peer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the name http.server calls
                peer.requests.append((self.path, self.headers.get("Authorization")))
                status, body, headers = peer.answers.get(
                    self.path, (404, {"errors": [{"field": "", "message": "Not found."}]}, {})
                )
                content = body if isinstance(body, bytes) else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(content)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(content)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def api_url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}{API_PATH}"

    def answer(self, path, body, status=200, headers=None):
        self.answers[API_PATH + path] = (status, body, headers or {})

    def publish(self, periods_and_groups, **changes):
        """Answer as a well-behaved peer publishing ``{period: [group, ...]}``."""
        periods = list(periods_and_groups)
        self.answer("benchmarks/periods/", {"scheme": "vsend-core/1", "periods": periods})
        for period, groups in periods_and_groups.items():
            self.answer(
                f"benchmarks/?by=council&period={period}", benchmarks(period, groups, **changes)
            )

    def paths(self):
        return [urlsplit(path).path for path, _ in self.requests]

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc_info):
        self.server.shutdown()
        self.server.server_close()
