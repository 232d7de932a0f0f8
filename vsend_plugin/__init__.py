"""vsend: the Valuing SEND way of working, as a Wagtail plugin.

The package is a set of Django apps (``vsend_plugin.core``,
``vsend_plugin.needs_forms`` and so on) plus ``vsend_plugin.scoring``, the
shared scoring scheme, which imports nothing outside the standard library so
that anyone can reproduce a council's figures without running the site.
"""

__version__ = "0.1.0"
