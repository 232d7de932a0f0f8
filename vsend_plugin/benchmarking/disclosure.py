"""Disclosure control across the groups of one split of a council.

:func:`vsend_plugin.scoring.aggregate` hides small groups and small counts
inside a group. The groups of one dimension (a council's localities, say)
also add up to the council, whose figures are published too, so nothing
hidden may come back by subtracting the shown groups from the council:

- a whole group: if exactly one group with children in it is hidden, the
  council minus the shown groups gives its figures back, so the smallest
  shown group is hidden with it;
- a single count: if a count (children in band B, say) is hidden in exactly
  one group, or hidden in the council but shown in every group, the
  council's count and the groups' shown ones give it back. So the smallest
  count above zero of that column in another group is hidden too, and, as
  inside any distribution, a count hidden this way never stays the only one
  hidden in its own group. A group with no count to spare is hidden whole.

The rules are applied until none finds anything more to hide, as
statistical offices do with the cells of a table and its totals. Zeros are
always shown.
"""

from vsend_plugin.scoring import BANDS
from vsend_plugin.scoring.comparison import TRENDS

SUPPRESSED = {"suppressed": True}

DISTRIBUTIONS = {"band_counts": tuple(band.code for band in BANDS), "trend_counts": TRENDS}
#: Every count of a group's figures, as ``(field, label)``; the label is None for a single count.
COUNTS = (("excluded", None),) + tuple(
    (field, label) for field, labels in DISTRIBUTIONS.items() for label in labels
)


def _size(aggregate):
    """Every child the group's records mention, counted or excluded."""
    return aggregate.children + aggregate.raw_excluded


def _count(figures, field, label):
    return figures[field] if label is None else figures[field][label]


def publish_partition(aggregates, within=(), whole=None):
    """The published figures of groups that partition one council's children, in order.

    ``whole`` is the council's own aggregate, whose published counts the
    groups' add up to; without it, only whole groups are protected.

    ``within`` lists positions of groups that together make up a group of
    another dimension (the settings of one locality); each list is protected
    in the same way. The smallest lists go first, so that a group hidden for a
    locality's sake usually already protects the whole; passes repeat until
    nothing more needs hiding, since hiding for one list can leave another
    with a lone hidden group.
    """
    figures = [aggregate.as_dict() for aggregate in aggregates]
    totals = whole.as_dict() if whole is not None and not whole.suppressed else None
    passes = [*within, range(len(aggregates))]
    while any([_hide_with_another(aggregates, figures, list(members)) for members in passes]) or (
        totals is not None and _protect_a_count(aggregates, figures, totals)
    ):
        pass
    return figures


def _hide_with_another(aggregates, figures, members):
    """Where one group with children is hidden among ``members``, hide the smallest shown one too.

    Returns whether it hid anything.
    """
    hidden = [
        index for index in members if figures[index]["suppressed"] and _size(aggregates[index]) > 0
    ]
    shown = [index for index in members if not figures[index]["suppressed"]]
    if len(hidden) != 1 or not shown:
        return False
    smallest = min(shown, key=lambda index: (_size(aggregates[index]), index))
    figures[smallest] = dict(SUPPRESSED)
    return True


def _protect_a_count(aggregates, figures, totals):
    """Hide one more count (or group) where a column has exactly one unknown; False if none."""
    for field, label in COUNTS:
        unknown = _unknowns(aggregates, figures, totals, field, label)
        if len(unknown) == 1 and _hide_another(
            aggregates, figures, totals, field, label, unknown[0]
        ):
            return True
    return False


def _unknowns(aggregates, figures, totals, field, label):
    """Who in a column cannot be read: None for the council, else groups' positions."""
    unknown = [None] if _count(totals, field, label) is None else []
    for index, (aggregate, group) in enumerate(zip(aggregates, figures, strict=True)):
        if group["suppressed"]:
            if _size(aggregate) > 0:
                unknown.append(index)
        elif _count(group, field, label) is None:
            unknown.append(index)
    return unknown


def _hide_another(aggregates, figures, totals, field, label, alone):
    """Hide a second count of the column of ``alone`` (a group's position, None for the council).

    Returns False when there is nothing to hide: the column's one unknown is
    then the council's count and every group shows nought, so the groups do
    not add up to the council in this column (band and area groups do not
    split the excluded children) and nothing can be worked out.
    """
    shown = [
        index
        for index, group in enumerate(figures)
        if not group["suppressed"] and _count(group, field, label)
    ]
    spare = [index for index in shown if _can_hide(figures[index], field, label)]
    if spare:
        chosen = min(spare, key=lambda index: (_count(figures[index], field, label), index))
        _hide(aggregates, figures, totals, chosen, field, label)
    elif shown:
        chosen = min(shown, key=lambda index: (_size(aggregates[index]), index))
        figures[chosen] = dict(SUPPRESSED)
    elif alone is not None and not figures[alone]["suppressed"]:
        figures[alone] = dict(SUPPRESSED)
    else:
        return False
    return True


def _can_hide(group, field, label):
    """Whether hiding the count leaves its distribution with a second hidden count possible."""
    if label is None:
        return True
    counts = group[field]
    hidden = sum(1 for count in counts.values() if count is None)
    return hidden > 0 or any(count for other, count in counts.items() if other != label)


def _hide(aggregates, figures, totals, index, field, label):
    """Hide one count of a group and, if it is then alone in its distribution, another.

    The other is the smallest whose column already has an unknown besides,
    where there is one, so that hiding it does not leave its column with a
    lone unknown in turn.
    """
    group = figures[index]
    if label is None:
        group[field] = None
        return
    counts = group[field]
    counts[label] = None
    if sum(1 for count in counts.values() if count is None) == 1:
        candidates = [other for other, count in counts.items() if count]

        def lone_after(other):
            return _unknowns(aggregates, figures, totals, field, other) == []

        counts[min(candidates, key=lambda other: (lone_after(other), counts[other]))] = None
