"""Synthetic data at scale: councils, their children and assessment histories.

Benchmarks have to be exercised, and shown to stay fast, on data the size of
real councils, which nobody may copy. This package makes it quickly: ratings
from :mod:`..synthetic` (the published national shapes), scored with
:func:`vsend_plugin.scoring.score`, written in batches (``COPY`` on
PostgreSQL), one transaction per council, with no tasks queued and no PDFs
made. Drawing and scoring, the slow part, runs in worker processes when
there is a lot of it.

It belongs to the assessments app because it writes exactly what
:func:`..recording.record_assessment` writes (:mod:`.storing`): whatever
reads assessments (rollups, the API, a child's page) reads generated ones the
same way, and whoever changes how assessments are stored finds this next to
it. Making a council's site is left to the caller (the reference site's
``vsend_generate``), because which page is a council's home page is the
site's choice; :func:`.councils.council_data` describes a council in the
shape the demo loader reads.

Modules: :mod:`.plan` (what to make), :mod:`.councils` (councils, their
settings and staff), :mod:`.children` (drawing children and ratings, no
database), :mod:`.storing` (writing them).
"""

import multiprocessing
import os
from collections import deque
from contextlib import contextmanager

from django.db import transaction

from .children import Placement, draw_children
from .councils import council_data, council_number, council_staff, next_council_numbers
from .plan import GenerationError, Plan
from .storing import store

__all__ = ["GenerationError", "Plan", "council_data", "generate", "generate_children"]

#: Children drawn and written together: few round trips, bounded memory.
BATCH_CHILDREN = 1000
#: Below this many assessments, starting worker processes costs more than it saves.
PARALLEL_FROM = 50_000


def default_workers(plan):
    return min(os.cpu_count() or 1, 4) if plan.assessments >= PARALLEL_FROM else 1


def generate(plan, *, set_up_council, progress=None, workers=None):
    """Make ``plan.councils`` new synthetic councils with their children; returns the councils.

    ``set_up_council(data)`` makes a council (its site, home page,
    localities and settings) from :func:`council_data`'s description. Each
    council is made in one transaction, so an interrupted run leaves only
    whole councils. ``progress(assessments_written, council)`` follows the
    work; ``workers`` processes draw the data (by default one per core for
    big plans).
    """
    councils, done = [], 0
    with _drawing(workers or default_workers(plan)) as draw:
        for number in next_council_numbers(plan.councils):
            with transaction.atomic():
                data = council_data(number, children=plan.children, seed=plan.seed)
                council = set_up_council(data)
                practitioner, _ = council_staff(council)
                report = progress and (
                    lambda count, before=done, c=council: progress(before + count, c)
                )
                done += generate_children(council, practitioner, plan, progress=report, draw=draw)
            councils.append(council)
    return councils


def generate_children(council, author, plan, *, progress=None, draw=None):
    """Give ``council`` ``plan.children`` new children with their histories, by ``author``.

    Writes in one transaction; ``progress(assessments_written)`` after each
    batch. Returns the number of assessments written.
    """
    number = council_number(council)
    placement = Placement.of(council, number, plan.seed)
    if not placement.settings:
        raise GenerationError(f"{council} has no settings to place children in.")
    existing = council.children.count()
    jobs = [
        (plan, placement, batch, existing + first + 1, min(BATCH_CHILDREN, plan.children - first))
        for batch, first in enumerate(range(0, plan.children, BATCH_CHILDREN))
    ]
    written = 0
    with transaction.atomic():
        for drawn in (draw or _in_process)(jobs):
            written += store(council.pk, author.pk, drawn)
            if progress:
                progress(written)
    return written


def _draw(job):
    return draw_children(*job)


def _in_process(jobs):
    return map(_draw, jobs)


@contextmanager
def _drawing(workers):
    """A function mapping batches to drawn children, in ``workers`` processes, in order.

    At most two batches per worker wait to be written, so memory stays
    bounded however large the plan. Workers are forked: they inherit the
    loaded project and never touch the database.
    """
    if workers <= 1:
        yield _in_process
        return
    with multiprocessing.get_context("fork").Pool(workers) as pool:

        def draw(jobs):
            pending, jobs = deque(), iter(jobs)
            for job in jobs:
                pending.append(pool.apply_async(_draw, (job,)))
                if len(pending) >= 2 * workers:
                    yield pending.popleft().get()
            while pending:
                yield pending.popleft().get()

        yield draw
