from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VsendRecordsAppConfig(AppConfig):
    name = "vsend_plugin.records"
    label = "vsend_records"
    verbose_name = _("vsend: children's records")
    default_auto_field = "django.db.models.BigAutoField"
