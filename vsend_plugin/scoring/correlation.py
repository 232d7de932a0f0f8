"""Spearman's rank correlation, computed exactly.

Benchmarks report how closely settings' provision follows children's needs
as Spearman's rho: the Pearson correlation of the two sides' ranks, with tied
values sharing the average of the ranks they span. Levels run 0 to 4, so ties
are the rule, not the exception, and the simple ``1 - 6 * sum(d**2) / ...``
formula (which assumes no ties) would be wrong.

Average ranks are always whole or half numbers, so doubling them gives whole
numbers and every sum below is exact; only the final square root needs care,
and :func:`~vsend_plugin.scoring.rounding.round_signed_square_root` rounds it
half-up without ever forming a float. Two councils running this on the same
pairs therefore publish the same two decimals.
"""

from decimal import Decimal
from fractions import Fraction

from .rounding import round_signed_square_root

MIN_PAIRS = 10


def doubled_average_ranks(values) -> list[int]:
    """Twice the average rank (1-based) of each value, in the input's order.

    A run of tied values from sorted position ``i`` to ``j`` shares the rank
    ``(i + j) / 2``; twice that, ``i + j``, is a whole number.
    """
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        shared = (start + 1) + (end + 1)
        for position in range(start, end + 1):
            ranks[order[position]] = shared
        start = end + 1
    return ranks


def spearman(pairs, *, min_pairs: int = MIN_PAIRS) -> Decimal | None:
    """Spearman's rho of ``(x, y)`` pairs, rounded half-up to two places.

    ``None`` with fewer than ``min_pairs`` pairs, or when either side has no
    variance (every value the same), where the correlation is undefined.
    """
    pairs = list(pairs)
    count = len(pairs)
    if count < min_pairs:
        return None
    x_ranks = doubled_average_ranks([x for x, _ in pairs])
    y_ranks = doubled_average_ranks([y for _, y in pairs])
    sum_x = sum(x_ranks)
    sum_y = sum(y_ranks)
    # n * sum(xy) - sum(x) * sum(y), and the same for x with x and y with y:
    # the covariance and variances scaled by n**2, which cancels in rho.
    covariance = count * sum(x * y for x, y in zip(x_ranks, y_ranks, strict=True)) - sum_x * sum_y
    x_variance = count * sum(x * x for x in x_ranks) - sum_x * sum_x
    y_variance = count * sum(y * y for y in y_ranks) - sum_y * sum_y
    if x_variance == 0 or y_variance == 0:
        return None
    square = Fraction(covariance * covariance, x_variance * y_variance)
    return round_signed_square_root(-1 if covariance < 0 else 1, square)
