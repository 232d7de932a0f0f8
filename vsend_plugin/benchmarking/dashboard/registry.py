"""Which sections the dashboard shows: what the ``construct_vsend_dashboard_sections`` hooks say.

As with Wagtail's own ``construct_homepage_panels``, each function
registered for the hook is called with the request and the list of sections
so far, and may add to it, remove from it or replace what is in it; the page
then shows the sections in their ``order``. vsend's own sections are added by
the same hook (in :mod:`vsend_plugin.benchmarking.wagtail_hooks`), registered
to run first, so that a council's function sees them whichever app comes
first in ``INSTALLED_APPS``.
"""

from django.core.exceptions import ImproperlyConfigured
from wagtail import hooks

from .alignment import AlignmentSection
from .areas import AreasSection
from .bands import BandsSection
from .comparison import ComparisonSection
from .trends_movement import TrendsMovementSection
from .trends_need import TrendsNeedSection
from .unmet import UnmetByLocalitySection, UnmetBySettingSection

__all__ = ["HOOK_NAME", "dashboard_sections", "vsend_sections"]

HOOK_NAME = "construct_vsend_dashboard_sections"


def vsend_sections():
    """vsend's own sections, in their order."""
    return [
        BandsSection(),
        AreasSection(),
        UnmetBySettingSection(),
        UnmetByLocalitySection(),
        AlignmentSection(),
        TrendsNeedSection(),
        TrendsMovementSection(),
        ComparisonSection(),
    ]


def dashboard_sections(request):
    """The sections the dashboard shows for ``request``, in order.

    Two sections with one slug would share an id on the page and a CSV
    address, so that is refused, naming the slug.
    """
    sections = []
    for construct in hooks.get_hooks(HOOK_NAME):
        construct(request, sections)
    seen = set()
    for section in sections:
        if section.slug in seen:
            raise ImproperlyConfigured(
                f"Two dashboard sections are called {section.slug!r}: give each its own slug."
            )
        seen.add(section.slug)
    return sorted(sections, key=lambda section: section.order)
