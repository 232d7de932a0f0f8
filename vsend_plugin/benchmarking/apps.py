from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VsendBenchmarkingAppConfig(AppConfig):
    name = "vsend_plugin.benchmarking"
    label = "vsend_benchmarking"
    verbose_name = _("vsend: benchmarking")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import tasks  # noqa: F401 - registers the Celery tasks
