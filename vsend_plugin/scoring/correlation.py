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

from collections import Counter
from decimal import Decimal
from fractions import Fraction

from .rounding import round_signed_square_root

MIN_PAIRS = 10


def spearman(pairs, *, min_pairs: int = MIN_PAIRS) -> Decimal | None:
    """Spearman's rho of ``(x, y)`` pairs, rounded half-up to two places.

    ``None`` with fewer than ``min_pairs`` pairs, or when either side has no
    variance (every value the same), where the correlation is undefined.
    """
    return spearman_of_counts(Counter(pairs), min_pairs=min_pairs)


def spearman_of_counts(counts, *, min_pairs: int = MIN_PAIRS) -> Decimal | None:
    """:func:`spearman` of pairs given as ``{(x, y): how many times}``.

    Ranks depend only on how many values are smaller or equal, so a table of
    counts is all the correlation needs: aggregates sum such tables over
    groups (levels and provision run 0 to 4, so a table has at most 25 cells)
    instead of keeping every pair. Cells with a count of 0 are ignored.
    """
    counts = {pair: count for pair, count in counts.items() if count}
    count = sum(counts.values())
    if count < min_pairs:
        return None
    x_ranks = _doubled_average_ranks_of_counts(counts, 0)
    y_ranks = _doubled_average_ranks_of_counts(counts, 1)
    sum_x = sum_y = sum_xx = sum_yy = sum_xy = 0
    for (x, y), times in counts.items():
        x_rank, y_rank = x_ranks[x], y_ranks[y]
        sum_x += times * x_rank
        sum_y += times * y_rank
        sum_xx += times * x_rank * x_rank
        sum_yy += times * y_rank * y_rank
        sum_xy += times * x_rank * y_rank
    # n * sum(xy) - sum(x) * sum(y), and the same for x with x and y with y:
    # the covariance and variances scaled by n**2, which cancels in rho.
    covariance = count * sum_xy - sum_x * sum_y
    x_variance = count * sum_xx - sum_x * sum_x
    y_variance = count * sum_yy - sum_y * sum_y
    if x_variance == 0 or y_variance == 0:
        return None
    square = Fraction(covariance * covariance, x_variance * y_variance)
    return round_signed_square_root(-1 if covariance < 0 else 1, square)


def _doubled_average_ranks_of_counts(counts, side) -> dict:
    """``{value: twice its average rank}`` for one side (0 for x, 1 for y) of a count table.

    The ``times`` values equal to a value, after ``below`` smaller ones, span
    the 1-based ranks ``below + 1`` to ``below + times``; twice their average,
    ``(below + 1) + (below + times)``, is a whole number.
    """
    totals = Counter()
    for pair, times in counts.items():
        totals[pair[side]] += times
    ranks = {}
    below = 0
    for value in sorted(totals):
        times = totals[value]
        ranks[value] = (below + 1) + (below + times)
        below += times
    return ranks
