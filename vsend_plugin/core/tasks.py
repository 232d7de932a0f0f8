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
