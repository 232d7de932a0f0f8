from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VsendCoreAppConfig(AppConfig):
    default = True
    name = "vsend_plugin.core"
    label = "vsend_core"
    verbose_name = _("vsend: councils")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, signal_handlers  # noqa: F401

        signal_handlers.register_signal_handlers()


class WagtailStreamFormsAppConfig(AppConfig):
    """wagtailstreamforms, with the primary key type its own migrations were made with.

    wagtailstreamforms sets no ``default_auto_field`` and its migrations use
    ``AutoField``; in a project whose ``DEFAULT_AUTO_FIELD`` is ``BigAutoField``
    (Django 6's default) ``makemigrations`` would try to write a migration into
    site-packages. List ``"vsend_plugin.core.apps.WagtailStreamFormsAppConfig"``
    in ``INSTALLED_APPS`` instead of ``"wagtailstreamforms"``.
    """

    name = "wagtailstreamforms"
    label = "wagtailstreamforms"
    verbose_name = "Streamforms"
    default_auto_field = "django.db.models.AutoField"
