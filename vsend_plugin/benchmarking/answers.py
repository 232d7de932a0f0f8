"""Answers of ``GET benchmarks/`` kept, so that a repeated question costs no rollup query.

Officers open the same few pages again and again (their councils' latest
quarter, by locality, setting, ...), and the figures change only when a
rollup is stored. So the serialized answer is kept, in this process, under
everything it depends on:

- the councils the caller may read in full (asked afresh on every request,
  so a lost role or a revoked token takes effect at once), the dimension and
  the quarter asked for, and the minimum group size;
- :func:`state`: the newest rollup time and the number of rollups, and every
  council's id, slug and name (which the answer shows). Storing, replacing or
  removing any rollup, adding, renaming or removing a council changes it, so
  an answer is never served after what it was made from has changed.

The state is read before the answer is made: an answer made while a rollup
commits is kept under the older state, which no later request asks for.
Permission checks, the throttle and disclosure control are untouched: only
what :func:`~vsend_plugin.benchmarking.serving.benchmarks` would have
returned, serialized, is kept.
"""

import threading
from collections import OrderedDict

from django.db.models import Count, Max

from vsend_plugin.core.models import Council
from vsend_plugin.scoring import SCHEME

from .models import Rollup

#: How many answers one process keeps, the least recently used going first.
KEPT = 512


def state():
    """What every answer depends on besides the question: changes whenever an answer could."""
    rollups = Rollup.objects.filter(scheme=SCHEME).aggregate(
        newest=Max("computed_at"), count=Count("pk")
    )
    councils = tuple(Council.objects.order_by("pk").values_list("pk", "slug", "name"))
    return rollups["newest"], rollups["count"], councils


class Answers:
    """A bounded, thread-safe store of answers by key."""

    def __init__(self, size=KEPT):
        self.size = size
        self._answers = OrderedDict()
        self._lock = threading.Lock()

    def get_or_make(self, key, make):
        with self._lock:
            if key in self._answers:
                self._answers.move_to_end(key)
                return self._answers[key]
        answer = make()
        with self._lock:
            self._answers[key] = answer
            while len(self._answers) > self.size:
                self._answers.popitem(last=False)
        return answer

    def clear(self):
        with self._lock:
            self._answers.clear()


ANSWERS = Answers()
