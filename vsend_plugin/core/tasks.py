"""Tasks of the core app."""

import os

from celery import shared_task


@shared_task(name="vsend.core.worker_health")
def worker_health():
    """Answer with the worker's process id and a scored profile.

    Operators send it to check that workers are consuming and can import the
    scoring module; the test suite uses it as its broker-to-worker smoke test.
    """
    from vsend_plugin.scoring import INDICATORS, score

    need = dict.fromkeys(INDICATORS, 0)
    need["SEMH.wellbeing"] = 4
    profile = score(need)
    return {"pid": os.getpid(), "scheme": profile.as_dict()["scheme"], "band": profile.band}


@shared_task(name="vsend.core.send_pending_tasks")
def send_pending_tasks():
    """Run by Celery beat: send what an earlier broker outage held back."""
    from .outbox import send_pending

    return send_pending()


#: The same task under its name before the outbox moved to core, so that a
#: project's beat schedule naming it goes on working until it is updated.
send_pending_tasks_by_earlier_name = shared_task(name="vsend.assessments.send_pending_tasks")(
    send_pending_tasks.run
)
