"""Exact half-up rounding to two decimal places.

The scheme asks for decimal arithmetic, not binary floats, because a council
recomputing a figure by hand must get the same answer: a mean of exactly
0.125 is 0.13, never 0.12 because the float nearest 0.125 happens to sit below
it. Every figure here is a ratio of whole numbers (or, for the rank
correlation, the square root of one), so the rounding is done on whole numbers
and only the rounded result becomes a :class:`~decimal.Decimal`. Ties round
away from zero, as :data:`decimal.ROUND_HALF_UP` does.
"""

from decimal import (
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    Inexact,
    InvalidOperation,
    Overflow,
)
from fractions import Fraction
from math import isqrt

# Sums of two-decimal values fit easily in 60 digits; the traps make any
# inexact step fail loudly instead of rounding silently.
EXACT = Context(prec=60, traps=[Inexact, InvalidOperation, DivisionByZero, Overflow])

HUNDREDTHS = 100

# For the one place a value arrives already as a decimal: stored profiles.
_HALF_UP = Context(prec=60, rounding=ROUND_HALF_UP, traps=[InvalidOperation])
_TWO_PLACES = Decimal("0.01")


def hundredths(count: int) -> Decimal:
    """A whole number of hundredths as a two-place Decimal (167 -> 1.67)."""
    return Decimal(count).scaleb(-2, EXACT)


def round_ratio(numerator: int, denominator: int) -> Decimal:
    """``numerator / denominator`` rounded half-up to two places."""
    if denominator <= 0:
        raise ValueError("The denominator must be a positive whole number.")
    magnitude = (2 * HUNDREDTHS * abs(numerator) + denominator) // (2 * denominator)
    return hundredths(-magnitude if numerator < 0 else magnitude)


def round_fraction(value: Fraction | Decimal | int) -> Decimal:
    """Any exact number rounded half-up to two places."""
    value = Fraction(value)
    return round_ratio(value.numerator, value.denominator)


def round_signed_square_root(sign: int, square: Fraction) -> Decimal:
    """``sign * sqrt(square)`` rounded half-up to two places, exactly.

    The rounded magnitude is the largest ``k`` with ``k - 1/2 <= 100 * sqrt(square)``,
    that is ``(2k - 1)**2 <= 40000 * square``; comparing whole numbers
    decides ties exactly where a floating point square root could not.
    """
    if square < 0:
        raise ValueError("Cannot take the square root of a negative number.")
    square = Fraction(square)
    scaled = (4 * HUNDREDTHS * HUNDREDTHS * square.numerator) // square.denominator
    magnitude = (isqrt(scaled) + 1) // 2
    return hundredths(-magnitude if sign < 0 else magnitude)


def quantize(value: Decimal) -> Decimal:
    """A Decimal rounded half-up to two places."""
    return value.quantize(_TWO_PLACES, context=_HALF_UP)


def as_float(value: Decimal | None) -> float | None:
    """A rounded Decimal as the float that JSON output carries, or None."""
    return None if value is None else float(value)
