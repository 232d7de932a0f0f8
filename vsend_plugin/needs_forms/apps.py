from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VsendNeedsFormsAppConfig(AppConfig):
    name = "vsend_plugin.needs_forms"
    label = "vsend_needs_forms"
    verbose_name = _("vsend: needs-mapping forms")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtailstreamforms.models import Form

        from . import signal_handlers
        from .admin_forms import StreamFormAdminForm

        # Wagtail builds the streamforms edit form from the model's
        # base_form_class: ours checks a published form's bindings on every edit.
        Form.base_form_class = StreamFormAdminForm
        signal_handlers.register_signal_handlers()
