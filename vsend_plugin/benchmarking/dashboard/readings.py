"""Reading one figure out of a stored rollup: a value, or why it is missing.

Benchmark figures are disclosure-controlled JSON (see
:mod:`vsend_plugin.benchmarking.rollups`): a group may be suppressed whole, a
count hidden, a mean not known. These helpers turn a path into that JSON into
either a number or a :class:`~vsend_plugin.benchmarking.missing.Missing`
reason, so that no section ever shows a missing figure as 0. The only
arithmetic is a share of children made from two published counts, and a
share is hidden whenever either count is.
"""

from decimal import ROUND_HALF_UP, Decimal

from ..missing import Missing
from ..periods import parse_period

__all__ = [
    "HIGH_NEED_BANDS",
    "alignment",
    "count",
    "high_need_share",
    "is_suppressed",
    "mean",
    "numbers",
    "percentage",
    "quarter_name",
]

HIGH_NEED_BANDS = ("D", "E")


def is_suppressed(figures):
    """Whether a group's figures are withheld whole (a peer's may lack the flag: no counts then)."""
    return not figures or figures.get("suppressed") is True or "children" not in figures


def _figure(figures, *path, missing=Missing.NOT_KNOWN):
    """One published value, or why it is missing (``missing`` when it is published as null)."""
    if is_suppressed(figures):
        return Missing.SUPPRESSED
    value = figures
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return missing if value is None else value


def count(figures, *path):
    """A count of children: hidden when it is published as null."""
    return _figure(figures, *path, missing=Missing.HIDDEN)


def mean(figures, *path):
    """A mean: not known when it is published as null."""
    return _figure(figures, *path)


def alignment(figures):
    """The need-provision alignment: too few pairs when it is published as null."""
    return _figure(figures, "alignment", missing=Missing.TOO_FEW_PAIRS)


def percentage(part, whole):
    """``part`` of ``whole`` children as a percentage to one place, or why it cannot be given."""
    for value in (part, whole):
        if isinstance(value, Missing):
            return value
    if not whole:
        return Missing.NOT_KNOWN
    return (Decimal(100 * part) / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def high_need_share(figures):
    """The share of counted children in bands D and E: hidden when either count is."""
    counts = [count(figures, "band_counts", band) for band in HIGH_NEED_BANDS]
    missing = [value for value in counts if isinstance(value, Missing)]
    return percentage(missing[0] if missing else sum(counts), count(figures, "children"))


def numbers(values):
    """The values that are figures, leaving out missing ones: what a chart's scale must cover."""
    return [value for value in values if not isinstance(value, Missing) and value is not None]


def quarter_name(period):
    """``2026-Q3`` as people say it: "July to September 2026"."""
    year, quarter = parse_period(period)
    months = ("January to March", "April to June", "July to September", "October to December")
    return f"{months[quarter - 1]} {year}"
