"""The benchmarks a caller may read, shaped as ``GET /api/vsend/v1/benchmarks/`` returns them.

Who sees what:

* a council's own SEND officers (and the partners it issues tokens to) see
  every dimension of that council: localities, settings, primary areas,
  bands, each still disclosure-controlled;
* everyone allowed to read benchmarks at all sees every council on the
  install at council level (``by=council``), and nothing finer of a council
  that is not theirs.

Figures are served as the rollups stored them; nothing is computed here, so
the API, the dashboard and a federated peer all see the same numbers.
"""

from vsend_plugin.conf import vsend_settings
from vsend_plugin.scoring import SCHEME

from .models import Dimension, Rollup
from .periods import period_sort_key
from .rollups import NO_PRIMARY_AREA


def min_group():
    return vsend_settings.MIN_GROUP


def readable_rollups(own_councils, by):
    """Rollups of dimension ``by`` the caller may read (``own_councils``: a queryset or ids)."""
    rollups = Rollup.objects.filter(scheme=SCHEME, dimension=by)
    if by != Dimension.COUNCIL:
        rollups = rollups.filter(council__in=own_councils)
    return rollups


def periods(own_councils):
    """Quarters with any figures the caller may read, oldest first."""
    found = (
        readable_rollups(own_councils, Dimension.COUNCIL)
        .order_by()
        .values_list("period", flat=True)
        .distinct()
    )
    return sorted(set(found), key=period_sort_key)


def group_key(rollup, by):
    key = {"council": rollup.council.slug}
    if by != Dimension.COUNCIL:
        key[by] = (
            None
            if (by == Dimension.PRIMARY_AREA and rollup.group == NO_PRIMARY_AREA)
            else rollup.group
        )
    return key


def benchmarks(own_councils, *, by=Dimension.COUNCIL, period=None):
    """The response body for one dimension and quarter (the latest quarter when none is given)."""
    if period is None:
        available = periods(own_councils)
        period = available[-1] if available else None
    rollups = (
        readable_rollups(own_councils, by)
        .filter(period=period)
        .select_related("council")
        .order_by("council__name", "position")
    )
    return {
        "scheme": SCHEME,
        "period": period,
        "by": str(by),
        "min_group": min_group(),
        "groups": [
            {"key": group_key(rollup, by), "label": rollup.label, **rollup.figures}
            for rollup in rollups
        ],
    }
