"""Admin: a council's forms, their kind and whether they are published."""

from wagtail.admin.panels import FieldPanel

from vsend_plugin.core.viewsets import CouncilScopedViewSet

from .admin_forms import CouncilFormAdminForm
from .models import CouncilForm


class CouncilFormViewSet(CouncilScopedViewSet):
    model = CouncilForm
    base_form_class = CouncilFormAdminForm
    icon = "form"
    menu_label = "Council forms"
    add_to_admin_menu = True
    menu_order = 260
    list_display = ["form", "kind", "status", "version", "council"]
    search_fields = ["library_slug"]
    panels = [
        FieldPanel("council"),
        FieldPanel("form"),
        FieldPanel("kind"),
        FieldPanel("library_slug"),
        FieldPanel("description"),
        FieldPanel("status"),
    ]
