"""How far two raters agree: exact, within one level, and Cohen's kappa with quadratic weights.

Plain Python, as the scoring module is, so a council can check the figures
with nothing but the definitions in spec/moderation.md. Pairs are counted
into a 5x5 :class:`AgreementTable` (first rater's level by second rater's),
so that the database side adds pairs as it reads them and tables of groups
can be added together; every figure is then worked out exactly, in whole
numbers and fractions, and only the result is rounded (half-up, two places).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from vsend_plugin.scoring.rounding import as_float, round_fraction, round_ratio

#: Groups with fewer pairs than this have no figures: too few, never zero.
MIN_PAIRS = 10
LEVELS = range(5)
BAND_LEVELS = {band: level for level, band in enumerate("ABCDE")}

#: ``(i - j)**2 / 16``, the quadratic weights over the five levels, as whole sixteenths.
_SQUARED = [[(i - j) ** 2 for j in LEVELS] for i in LEVELS]


def band_level(band):
    """Bands A to E as levels 0 to 4, for band agreement."""
    return BAND_LEVELS[band]


def _check(level):
    if level is None:
        return None
    if isinstance(level, bool) or not isinstance(level, int) or level not in LEVELS:
        raise ValueError(f"A level is a whole number from 0 to 4; got {level!r}.")
    return level


@dataclass(frozen=True)
class Agreement:
    """The figures of one group of pairs; all but ``pairs`` are ``None`` with too few."""

    pairs: int
    exact: Decimal | None = None
    within_one: Decimal | None = None
    kappa: Decimal | None = None

    def as_dict(self):
        return {
            "pairs": self.pairs,
            "exact": as_float(self.exact),
            "within_one": as_float(self.within_one),
            "kappa": as_float(self.kappa),
        }


class AgreementTable:
    """Counts of pairs of levels: ``counts[first][second]``."""

    def __init__(self):
        self.counts = [[0] * 5 for _ in LEVELS]

    @classmethod
    def from_pairs(cls, pairs: Iterable):
        table = cls()
        for first, second in pairs:
            table.add(first, second)
        return table

    def add(self, first, second, count=1):
        """Count a pair; a pair with a level missing on either side is left out."""
        first, second = _check(first), _check(second)
        if first is not None and second is not None:
            self.counts[first][second] += count

    def __add__(self, other):
        total = AgreementTable()
        for i in LEVELS:
            for j in LEVELS:
                total.counts[i][j] = self.counts[i][j] + other.counts[i][j]
        return total

    @property
    def pairs(self):
        return sum(map(sum, self.counts))

    def kappa(self):
        """Quadratic-weighted kappa as an exact :class:`Fraction`, or ``None`` when undefined.

        With ``n`` pairs, ``Σ w·O = Σ counts·w / n`` and ``Σ w·E = Σ rows·columns·w / n²``,
        so ``kappa = 1 - n·Σ counts·w / Σ rows·columns·w``; the sixteenths cancel.
        """
        n = self.pairs
        rows = [sum(self.counts[i]) for i in LEVELS]
        columns = [sum(self.counts[i][j] for i in LEVELS) for j in LEVELS]
        observed = sum(self.counts[i][j] * _SQUARED[i][j] for i in LEVELS for j in LEVELS)
        expected = sum(rows[i] * columns[j] * _SQUARED[i][j] for i in LEVELS for j in LEVELS)
        if n == 0 or expected == 0:
            return None
        return 1 - Fraction(n * observed, expected)

    def agreement(self, min_pairs=MIN_PAIRS) -> Agreement:
        n = self.pairs
        if n < max(min_pairs, 1):
            return Agreement(n)
        exact = sum(self.counts[i][i] for i in LEVELS)
        within = sum(self.counts[i][j] for i in LEVELS for j in LEVELS if abs(i - j) <= 1)
        kappa = self.kappa()
        return Agreement(
            n,
            round_ratio(exact, n),
            round_ratio(within, n),
            None if kappa is None else round_fraction(kappa),
        )


def agreement(pairs: Iterable, min_pairs=MIN_PAIRS) -> Agreement:
    """The figures of ``(first, second)`` pairs of levels 0 to 4 (``None`` for not rated)."""
    return AgreementTable.from_pairs(pairs).agreement(min_pairs)


def confusions(table: AgreementTable, limit=3):
    """The pairs of different levels most often given to the same thing: ``[((1, 2), 61), ...]``.

    Either way round counts (1 then 2, or 2 then 1); most frequent first, ties
    by the lower levels first. Pairs never confused are left out.
    """
    found = [
        ((i, j), table.counts[i][j] + table.counts[j][i])
        for i in LEVELS
        for j in LEVELS
        if i < j and table.counts[i][j] + table.counts[j][i]
    ]
    return sorted(found, key=lambda item: (-item[1], item[0]))[:limit]


def lowest_agreement(by_indicator: Mapping, limit=3, min_pairs=MIN_PAIRS):
    """The indicators whose raters agree least: ``[(code, Agreement), ...]``, lowest kappa first.

    Only indicators with figures count (enough pairs, a kappa); ties go to
    the lower exact agreement, then to the order ``by_indicator`` gives.
    """
    order = {code: index for index, code in enumerate(by_indicator)}
    known = [
        (code, figures)
        for code, figures in by_indicator.items()
        if figures.pairs >= min_pairs and figures.kappa is not None
    ]
    known.sort(key=lambda item: (item[1].kappa, item[1].exact, order[item[0]]))
    return known[:limit]
