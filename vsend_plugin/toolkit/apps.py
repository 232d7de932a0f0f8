from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VsendToolkitAppConfig(AppConfig):
    name = "vsend_plugin.toolkit"
    label = "vsend_toolkit"
    verbose_name = _("vsend: co-production toolkit")
    default_auto_field = "django.db.models.BigAutoField"
