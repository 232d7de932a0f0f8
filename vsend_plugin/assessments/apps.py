from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VsendAssessmentsAppConfig(AppConfig):
    name = "vsend_plugin.assessments"
    label = "vsend_assessments"
    verbose_name = _("vsend: children and assessments")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, signal_handlers, tasks  # noqa: F401 - registers checks and tasks

        signal_handlers.register_signal_handlers()
