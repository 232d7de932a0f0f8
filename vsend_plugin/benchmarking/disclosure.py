"""Disclosure control across the groups of one split of a council.

:func:`vsend_plugin.scoring.aggregate` hides small groups and small counts
inside a group. The groups of one dimension (a council's localities, say)
also add up to the council, whose figures are published too: if exactly one
group with children in it is hidden, subtracting the shown groups from the
council would give its figures back. So the smallest shown group is hidden
with it, as secondary suppression does inside a distribution.
"""

SUPPRESSED = {"suppressed": True}


def _size(aggregate):
    """Every child the group's records mention, counted or excluded."""
    return aggregate.children + aggregate.raw_excluded


def publish_partition(aggregates):
    """The published figures of groups that partition one council's children, in order."""
    figures = [aggregate.as_dict() for aggregate in aggregates]
    hidden = [index for index, aggregate in enumerate(aggregates)
              if aggregate.suppressed and _size(aggregate) > 0]
    shown = [index for index, aggregate in enumerate(aggregates) if not aggregate.suppressed]
    if len(hidden) == 1 and shown:
        smallest = min(shown, key=lambda index: (_size(aggregates[index]), index))
        figures[smallest] = dict(SUPPRESSED)
    return figures
