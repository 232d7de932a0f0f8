"""One council's stored figures for one quarter: what every dashboard section reads.

Nothing is computed from children or assessments here. Every figure is read
from the :class:`~vsend_plugin.benchmarking.models.Rollup` rows (the same
disclosure-controlled figures the benchmarks API serves) and from the
:class:`~vsend_plugin.benchmarking.models.PeerAggregate` rows pulled from
federated peers, each read once however many sections use it.
"""

from functools import cached_property

from vsend_plugin.core.permissions import visible_to
from vsend_plugin.scoring import SCHEME

from ..missing import Missing
from ..models import Dimension, Peer, PeerAggregate, Rollup
from ..periods import period_sort_key
from ..serving import readable_rollups
from .readings import alignment, count, high_need_share
from .tables import cell_text

__all__ = ["TREND_QUARTERS", "Dashboard"]

#: Quarters shown in the trends, up to and including the chosen one.
TREND_QUARTERS = 8


class Dashboard:
    """One council's dashboard for one quarter, as ``user`` may see it, with its sections.

    ``sections`` are :class:`~.sections.DashboardSection` objects, in order
    (see :func:`~.registry.dashboard_sections`). The caller has checked that
    ``user`` is a SEND officer of ``council`` (or a superuser); the rollups
    are still read through :func:`~vsend_plugin.core.permissions.visible_to`,
    so a slip there shows nothing rather than another council's detail.
    """

    def __init__(self, user, council, period, sections=()):
        self.user, self.council, self.period = user, council, period
        self.section_kinds = list(sections)
        self._shared = {}

    def shared(self, key, compute):
        """What several sections read (an app's own figures), computed once for the page."""
        if key not in self._shared:
            self._shared[key] = compute()
        return self._shared[key]

    # Stored figures.

    @cached_property
    def own(self):
        """The council's rollups in the quarter, by dimension, in their order."""
        rollups = visible_to(
            self.user,
            Rollup.objects.filter(council=self.council, scheme=SCHEME, period=self.period),
        ).order_by("dimension", "position")
        found = {dimension: [] for dimension in Dimension.values}
        for rollup in rollups:
            found[rollup.dimension].append(rollup)
        return found

    @cached_property
    def whole(self):
        """The council's whole-council figures (``{"suppressed": True}`` if there are none)."""
        rollups = self.own[Dimension.COUNCIL]
        return rollups[0].figures if rollups else {"suppressed": True}

    @cached_property
    def quarters(self):
        """Council-level rollups of the quarters up to the chosen one, oldest first."""
        rollups = visible_to(
            self.user,
            Rollup.objects.filter(council=self.council, scheme=SCHEME, dimension=Dimension.COUNCIL),
        )
        chosen = period_sort_key(self.period)
        earlier = [rollup for rollup in rollups if period_sort_key(rollup.period) <= chosen]
        earlier.sort(key=lambda rollup: period_sort_key(rollup.period))
        return earlier[-TREND_QUARTERS:]

    @cached_property
    def other_councils(self):
        """Other councils on this install, at council level, as the benchmarks API serves them."""
        return list(
            readable_rollups([self.council.pk], Dimension.COUNCIL)
            .filter(period=self.period)
            .exclude(council=self.council)
            .select_related("council")
            .order_by("council__name")
        )

    @cached_property
    def peer_figures(self):
        """Federated peers' council-level figures for the quarter, as last fetched."""
        return list(
            visible_to(
                self.user,
                PeerAggregate.objects.filter(
                    peer__council=self.council, scheme=SCHEME, period=self.period
                ),
            )
            .select_related("peer")
            .order_by("council_name", "peer__name")
        )

    @cached_property
    def failing_peers(self):
        """Peers whose latest pull failed: their figures may be missing or out of date."""
        return list(
            visible_to(
                self.user, Peer.objects.filter(council=self.council, consecutive_failures__gt=0)
            ).order_by("name")
        )

    # Key figures above the sections.

    def summary(self):
        """The key figures above the sections: label, text, and why missing if it is."""
        figures = self.whole
        items = [
            ("Children counted", count(figures, "children"), "count"),
            ("Excluded (no complete mapping)", count(figures, "excluded"), "count"),
            ("In bands D and E", high_need_share(figures), "percent"),
            ("Need-provision alignment", alignment(figures), "correlation"),
        ]
        return [
            {
                "label": label,
                "text": cell_text(value, kind)
                + ("%" if kind == "percent" and not isinstance(value, Missing) else ""),
                "missing": value.name.lower() if isinstance(value, Missing) else "",
            }
            for label, value, kind in items
        ]

    # Sections.

    def section(self, slug):
        """One section, built; :class:`KeyError` if the dashboard has none of that slug."""
        for kind in self.section_kinds:
            if kind.slug == slug:
                return kind.build(self)
        raise KeyError(slug)

    def sections(self):
        """Every section, built, in order."""
        return [kind.build(self) for kind in self.section_kinds]
