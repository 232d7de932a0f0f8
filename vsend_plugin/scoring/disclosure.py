"""Disclosure control for published benchmark counts.

Benchmarks are shared between councils and with partners, and a count of one
to four children in a locality can identify a family. The rules:

- a group with fewer than ``min_group`` children is not shown at all (the
  threshold is never below :data:`MIN_GROUP_FLOOR`);
- inside a shown group, every count from 1 to 4 is hidden (``None``);
- within one distribution (the band counts, the trend counts), a single
  hidden count could be recovered by subtracting the others from a known
  total, so the next smallest count above zero is hidden too (primary and
  secondary suppression, as statistical offices do it);
- zeros are always shown: knowing that no child is in a band tells nobody
  anything about a particular child.
"""

from .errors import ScoringError, describe

DEFAULT_MIN_GROUP = 10
MIN_GROUP_FLOOR = 5

SMALLEST_SHOWN = 5


def check_min_group(min_group) -> int:
    """Return ``min_group``, or raise :class:`ScoringError` if it is too small."""
    if not isinstance(min_group, int) or isinstance(min_group, bool) or min_group < MIN_GROUP_FLOOR:
        raise ScoringError.single(
            "min_group",
            f"The minimum group size must be a whole number of at least {MIN_GROUP_FLOOR}; "
            f"got {describe(min_group)}.",
        )
    return min_group


def is_small(count: int) -> bool:
    """Whether a count is small enough to identify someone (1 to 4)."""
    return 0 < count < SMALLEST_SHOWN


def suppress_count(count: int) -> int | None:
    """A single count as published: hidden (``None``) when from 1 to 4."""
    return None if is_small(count) else count


def suppress_distribution(counts) -> dict:
    """A distribution (mapping of label to count) as published.

    Counts from 1 to 4 are hidden. If that hides exactly one count, the
    smallest remaining count above zero is hidden as well (the first in the
    distribution's order on a tie), so the hidden one cannot be worked out
    from the total. When every other count is zero there is nothing left to
    hide and the lone hidden count stays alone: its value is still only known
    to be from 1 to 4, and zeros are always shown.
    """
    shown = {label: suppress_count(count) for label, count in counts.items()}
    hidden = [label for label, count in shown.items() if count is None]
    if len(hidden) == 1:
        candidates = [label for label, count in shown.items() if count]
        if candidates:
            shown[min(candidates, key=shown.__getitem__)] = None
    return shown
