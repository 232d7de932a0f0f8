"""The SEND officers' benchmarking dashboard in the Wagtail admin, one module per section.

- :mod:`.views`: the page and its CSV downloads, and who may open them;
- :mod:`.figures`: :class:`Dashboard`, one council's stored figures for a quarter;
- :mod:`.sections`: :class:`DashboardSection`, what a section is;
- :mod:`.registry`: which sections are shown, through the
  ``construct_vsend_dashboard_sections`` hook;
- :mod:`.readings` and :mod:`.tables`: a figure or why it is missing, and the
  table each section is;
- :mod:`.charts`: the dashboard's charts;
- one module per vsend section: :mod:`.bands`, :mod:`.areas`, :mod:`.unmet`,
  :mod:`.alignment`, :mod:`.trends_need`, :mod:`.trends_movement`,
  :mod:`.comparison`.

A council's own section subclasses :class:`DashboardSection` and is added
with the hook; see "Adding a section to the dashboard" in the benchmarking
documentation.
"""

from .figures import Dashboard
from .readings import (
    alignment,
    count,
    high_need_share,
    is_suppressed,
    mean,
    numbers,
    percentage,
    quarter_name,
)
from .registry import HOOK_NAME, dashboard_sections, vsend_sections
from .sections import DashboardSection, Section
from .tables import Column, Table, cell_text

__all__ = [
    "HOOK_NAME",
    "Column",
    "Dashboard",
    "DashboardSection",
    "Section",
    "Table",
    "alignment",
    "cell_text",
    "count",
    "dashboard_sections",
    "high_need_share",
    "is_suppressed",
    "mean",
    "numbers",
    "percentage",
    "quarter_name",
    "vsend_sections",
]
