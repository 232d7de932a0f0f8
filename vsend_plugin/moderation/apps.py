from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VsendModerationAppConfig(AppConfig):
    name = "vsend_plugin.moderation"
    label = "vsend_moderation"
    verbose_name = _("vsend: moderation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
