from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VsendLocalOfferAppConfig(AppConfig):
    name = "vsend_plugin.local_offer"
    label = "vsend_local_offer"
    verbose_name = _("vsend: local offer")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
