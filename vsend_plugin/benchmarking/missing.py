"""Why a benchmark figure is not shown, in the words a table, a chart and a CSV all use.

A published figure can be missing for different reasons, and a reader must
never take any of them for a zero: a group too small to show anything, a
count hidden by disclosure control, a mean with no known value behind it, a
correlation with too little to go on. Naming each reason once keeps the page,
its charts and the CSV downloads saying the same thing.
"""

from enum import Enum


class Missing(Enum):
    """A figure that is not shown, and the words that say so."""

    #: The group has fewer children than the minimum: no figure of it is published.
    SUPPRESSED = "suppressed"
    #: A count from 1 to 4, or a second count hidden so that the first cannot be worked out.
    HIDDEN = "hidden"
    #: No child in the group has this value (a gap needs the provision to be known).
    NOT_KNOWN = "not known"
    #: Spearman's correlation needs 10 (need, provision) pairs with some variation.
    TOO_FEW_PAIRS = "too few pairs"

    def __str__(self):
        return self.value


#: The notes under a table, for the reasons that occur in it.
EXPLANATIONS = {
    Missing.SUPPRESSED: "Suppressed: fewer than the minimum number of children in the group, "
    "or hidden with another small group so that its figures cannot be worked out by subtraction. "
    "No figure of a suppressed group is published.",
    Missing.HIDDEN: "Hidden: a count of fewer than 5 children, or a second count hidden with it "
    "so that the first cannot be worked out by subtraction. It is not zero.",
    Missing.NOT_KNOWN: "Not known: no child in the group has this value recorded "
    "(a gap needs the setting's provision to be recorded).",
    Missing.TOO_FEW_PAIRS: "Too few pairs: alignment needs at least 10 areas where both the "
    "need and the provision are recorded, with some variation in each.",
}
