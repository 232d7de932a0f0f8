"""The body of ``GET benchmarks/support/``: whose figures a caller reads, and in which quarter."""

from django.db.models import Max

from vsend_plugin.assessments.models import Assessment
from vsend_plugin.benchmarking.periods import period_of
from vsend_plugin.conf import vsend_settings
from vsend_plugin.core.models import Council

from . import scheme
from .evaluation import evaluate, publish

#: Said wherever the figures are shown.
NOTE = "Association, not proof of effect."


def latest_period(councils):
    latest = Assessment.objects.filter(council__in=councils).aggregate(at=Max("taken_at"))["at"]
    return period_of(latest) if latest else None


def support_benchmarks(own_councils, *, by="council", period=None):
    """Own councils in every dimension; every council of the install at council level."""
    readable = (
        Council.objects.all()
        if by == "council"
        else Council.objects.filter(pk__in=own_councils.values("pk"))
    )
    readable = readable.order_by("name")
    if period is None:
        period = latest_period(readable)
    groups = []
    if period is not None:
        for council in readable:
            groups.extend(publish(evaluate(council, period, by)))
    return {
        "scheme": scheme.SCHEME,
        "period": period,
        "by": by,
        "min_group": vsend_settings.MIN_GROUP,
        "note": NOTE,
        "groups": groups,
    }
