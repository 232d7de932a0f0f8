from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VsendCoreAppConfig(AppConfig):
    name = "vsend_plugin.core"
    label = "vsend_core"
    verbose_name = _("vsend: councils")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, signal_handlers  # noqa: F401

        signal_handlers.register_signal_handlers()
