"""What a dashboard section is: a table of stored figures, its charts, and a CSV of the table.

A section is a subclass of :class:`DashboardSection` that says what it is
called and builds its :class:`~.tables.Table` from the
:class:`~.figures.Dashboard`'s stored figures; its charts, if any, are drawn
from that table, so that the page, the chart's text alternative and the CSV
say the same numbers. The page gives every section a heading, its
introduction, its charts, its table and a *Download this table as CSV* link,
the same for vsend's sections and a council's own.

Sections are added to the dashboard through the
``construct_vsend_dashboard_sections`` hook (see :mod:`.registry`), and shown
in :attr:`~DashboardSection.order`.
"""

from dataclasses import dataclass, field

from .tables import Table

__all__ = ["DashboardSection", "Section"]


@dataclass
class Section:
    """One section as the page and the CSV show it, for one council and quarter."""

    slug: str
    title: str
    intro: list[str]
    table: Table
    charts: list[str] = field(default_factory=list)
    extra: dict = field(default_factory=dict)
    template_name: str = "vsend/benchmarking/dashboard_section.html"
    #: Set by the page: where this section's CSV is downloaded.
    csv_url: str = ""


class DashboardSection:
    """One kind of section on the SEND officers' dashboard. Override the ``get_`` methods.

    The section only ever reads figures through the
    :class:`~.figures.Dashboard` it is given, which has already checked who
    may see what; it must not read children or assessments itself.
    """

    #: In the page's address (``#slug``) and the CSV's (``slug.csv``): lower case and hyphens.
    slug: str = ""
    #: The section's heading and its CSV link's name.
    title: str = ""
    #: Paragraphs under the heading that say what the figures are.
    intro: tuple[str, ...] = ()
    #: Sections are shown lowest first; vsend's own are numbered 100 to 800.
    order: int = 1000
    #: The template that draws the section, given ``section`` (a :class:`Section`).
    template_name: str = "vsend/benchmarking/dashboard_section.html"

    def get_table(self, dashboard) -> Table:
        """The section's figures for ``dashboard``'s council and quarter."""
        raise NotImplementedError(f"{type(self).__name__} must say what its table is.")

    def get_charts(self, dashboard, table) -> list[str]:
        """SVG charts of ``table`` (see :mod:`.charts`); only called when it has rows."""
        return []

    def get_intro(self, dashboard) -> list[str]:
        return list(self.intro)

    def get_extra(self, dashboard, table) -> dict:
        """Anything else the section's template shows, by name."""
        return {}

    def build(self, dashboard) -> Section:
        """The section as shown for ``dashboard``'s council and quarter."""
        table = self.get_table(dashboard)
        return Section(
            slug=self.slug,
            title=self.title,
            intro=self.get_intro(dashboard),
            table=table,
            charts=self.get_charts(dashboard, table) if table.rows else [],
            extra=self.get_extra(dashboard, table),
            template_name=self.template_name,
        )

    def __repr__(self):
        return f"<{type(self).__name__} {self.slug!r} order={self.order}>"
