from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VsendModerationAppConfig(AppConfig):
    name = "vsend_plugin.moderation"
    label = "vsend_moderation"
    verbose_name = _("vsend: moderation")
    default_auto_field = "django.db.models.BigAutoField"
