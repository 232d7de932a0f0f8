from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VsendBenchmarkingAppConfig(AppConfig):
    name = "vsend_plugin.benchmarking"
    label = "vsend_benchmarking"
    verbose_name = _("vsend: benchmarking")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from vsend_plugin.assessments.recording import AFTER_ASSESSMENT_HOOKS

        from . import tasks  # noqa: F401 - registers the Celery tasks
        from .rollups import queue_rollup_after

        if queue_rollup_after not in AFTER_ASSESSMENT_HOOKS:
            AFTER_ASSESSMENT_HOOKS.append(queue_rollup_after)
