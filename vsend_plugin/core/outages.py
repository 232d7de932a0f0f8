"""A process's short memory that a service (the broker, the cache) failed a moment ago.

When a service is down, every request that tries it waits for its timeout
first. Remembering the failure for ``VSEND_OUTAGE_PAUSE`` seconds lets the
requests of an outage skip the service at once (the broker's tasks stay in
the outbox, the cache is a miss), and the first request after the pause tries
it again. Per process and without locks: at worst two threads both try.
"""

import time

from vsend_plugin.conf import vsend_settings


class Outage:
    """Whether ``service`` failed less than ``VSEND_OUTAGE_PAUSE`` seconds ago, in this process."""

    def __init__(self, service):
        self.service = service
        self.until = 0.0

    def began(self):
        self.until = time.monotonic() + vsend_settings.OUTAGE_PAUSE

    def ended(self):
        self.until = 0.0

    def is_current(self):
        return time.monotonic() < self.until

    def __repr__(self):
        return f"<Outage of the {self.service}{' now' if self.is_current() else ''}>"
