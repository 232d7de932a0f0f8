"""The levels of involvement the decision aid recommends, and how it chooses one.

Kept free of Django and Wagtail so that the rule (highest total wins; a tie
goes to the more involving level) can be read and tested on its own.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# Least to most involving. The order settles ties, in favour of families.
LEVELS = ("inform", "consult", "involve", "coproduce")

LEVEL_NAMES = {
    "inform": "Inform",
    "consult": "Consult",
    "involve": "Involve",
    "coproduce": "Co-produce",
}

LEVEL_DESCRIPTIONS = {
    "inform": "Tell parent carers what is happening and why, clearly and in good time.",
    "consult": (
        "Ask parent carers for their views on options you have drawn up, and say what changed."
    ),
    "involve": "Work with parent carers throughout, so that their concerns shape the options.",
    "coproduce": (
        "Plan, design and review the work together with parent carers as equal partners, "
        "sharing decisions from the start."
    ),
}


@dataclass(frozen=True)
class Recommendation:
    """The recommended level, every level's total, and the reasons behind the answers."""

    level: str
    totals: Mapping[str, int]
    reasons: tuple[str, ...]

    @property
    def name(self):
        return LEVEL_NAMES[self.level]

    @property
    def description(self):
        return LEVEL_DESCRIPTIONS[self.level]


def recommend(options: Iterable[Mapping]) -> Recommendation:
    """Add up the chosen options' points per level and pick the highest.

    Each option is a mapping with an integer per level (a missing level counts
    as 0) and an optional ``reason``. On a tie the more involving level wins:
    when the answers cannot tell two levels apart, families should be more
    involved rather than less.
    """
    totals = dict.fromkeys(LEVELS, 0)
    reasons = []
    for option in options:
        for level in LEVELS:
            totals[level] += int(option.get(level) or 0)
        reason = (option.get("reason") or "").strip()
        if reason:
            reasons.append(reason)
    level = max(LEVELS, key=lambda name: (totals[name], LEVELS.index(name)))
    return Recommendation(level=level, totals=totals, reasons=tuple(reasons))
