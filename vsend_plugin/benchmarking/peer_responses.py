"""What a peer's benchmarks API must answer, checked before anything of it is stored.

The answers are read with the serializers that describe this install's own
(:mod:`.serializers`), held to the quarter and dimension that were asked for.
Anything wrong is a :class:`ResponseError` naming where, which the pull
records on the peer for its officers to read; nothing is stored.
"""

from .models import Dimension
from .serializers import BenchmarkPeriodsSerializer, BenchmarksSerializer, errors_of


class ResponseError(ValueError):
    """A peer's answer that is not what the spec promises; the message says where."""


def validated(serializer):
    """The serializer's validated data, or a :class:`ResponseError` listing every problem."""
    if not serializer.is_valid():
        raise ResponseError("; ".join(errors_of(serializer.errors)))
    return serializer.validated_data


def periods_response(data) -> list[str]:
    """The quarters of a ``GET benchmarks/periods/`` answer."""
    return list(validated(BenchmarkPeriodsSerializer(data=data))["periods"])


def council_benchmarks_response(data, period) -> list[dict]:
    """The groups of a ``GET benchmarks/?by=council&period=...`` answer.

    Each as ``{"council_slug", "council_name", "figures"}``, where ``figures``
    is exactly what the peer's rollup stores: ``{"suppressed": True}`` or the
    published figures of :meth:`vsend_plugin.scoring.Aggregate.as_dict`.
    """
    answer = validated(
        BenchmarksSerializer(data=data, context={"period": period, "by": Dimension.COUNCIL})
    )
    return [
        {
            "council_slug": group["key"]["council"],
            "council_name": group.get("label", group["key"]["council"]).strip(),
            "figures": figures(group),
        }
        for group in answer["groups"]
    ]


def figures(group):
    if group["suppressed"]:
        return {"suppressed": True}
    return {
        "suppressed": False,
        "children": group["children"],
        "excluded": group["excluded"],
        "band_counts": group["band_counts"],
        "areas": {code: dict(figures) for code, figures in group["areas"].items()},
        "alignment": group["alignment"],
        "trend_counts": group["trend_counts"],
    }
