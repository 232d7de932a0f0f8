from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VsendPlanningAppConfig(AppConfig):
    name = "vsend_plugin.planning"
    label = "vsend_planning"
    verbose_name = _("vsend: support plans")
    default_auto_field = "django.db.models.BigAutoField"
