"""Answers of ``GET benchmarks/`` kept, so that a repeated question costs no rollup query.

Officers open the same few pages again and again (their councils' latest
quarter, by locality, setting, ...), and the figures change only when a
rollup is stored. So the serialized answer is kept, in this process, under
everything it depends on:

- the councils the caller may read in full (asked afresh on every request,
  so a lost role or a revoked token takes effect at once), the dimension and
  the quarter asked for, and the minimum group size;
- :func:`state`: the number of quarters rolled up and the sum of their
  rollups' ids, and every council's id, slug and name (which the answer
  shows and is ordered by). Storing, replacing or removing any quarter's
  rollups, adding, renaming or removing a council changes it, so an answer
  is never served after what it was made from has changed.

The state is read before the answer is made: an answer made while a rollup
commits is kept under the older state, which no later request asks for.
Permission checks, the throttle and disclosure control are untouched: only
what :func:`~vsend_plugin.benchmarking.serving.benchmarks` would have
returned, serialized, is kept.
"""

import threading
from collections import OrderedDict

from django.db.models import Count, Max, Sum

from vsend_plugin.core.models import Council
from vsend_plugin.scoring import SCHEME

from .models import Dimension, Rollup

#: How many answers one process keeps, the least recently used going first.
KEPT = 256


def state():
    """What every answer depends on besides the question: changes whenever an answer could.

    Only the council-level rollups are read, a few per council and quarter
    however many children there are: rollups are only ever stored by
    :mod:`.rollups`, a quarter's whole at a time under its council's lock,
    its council-level figures with the rest. Their number and the sum of
    their ids change with every commit that stores or removes any: a quarter
    removed lowers the number, and a quarter stored anew replaces its rows by
    rows with larger ids (given out after the old ones, under the same lock),
    which raises the sum even when commits come in another order than their
    rows were made (a time alone, or the largest id, would not).
    """
    rollups = Rollup.objects.filter(scheme=SCHEME, dimension=Dimension.COUNCIL).aggregate(
        count=Count("pk"), ids=Sum("pk"), newest=Max("computed_at")
    )
    councils = tuple(Council.objects.order_by("pk").values_list("pk", "slug", "name"))
    return rollups["count"], rollups["ids"], rollups["newest"], councils


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
