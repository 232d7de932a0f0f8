"""Admin: each council's provision catalogue, its named services bound to support types."""

from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column

from vsend_plugin.core.viewsets import CouncilFilterSet, CouncilScopedViewSet

from .admin_forms import ProvisionServiceForm
from .models import ProvisionService


def _areas(service):
    return ", ".join(service.areas or []) or "None"


class ProvisionServiceViewSet(CouncilScopedViewSet):
    """Editors and SEND officers keep the catalogue; practitioners choose from it in plans."""

    model = ProvisionService
    icon = "list-ul"
    menu_label = "Provision catalogue"
    menu_name = "vsend-provision-catalogue"
    add_to_admin_menu = True
    menu_order = 256
    base_form_class = ProvisionServiceForm
    list_display = [
        "name",
        Column("support_type", label="Support type", accessor="get_support_type_display"),
        Column("areas", label="Areas", accessor=_areas),
        "typical_hours",
        "council",
    ]
    filterset_class = type(
        "ProvisionServiceFilterSet",
        (CouncilFilterSet,),
        {
            "Meta": type(
                "Meta", (), {"model": ProvisionService, "fields": ["council", "support_type"]}
            )
        },
    )
    search_fields = ["name", "description"]
    panels = [
        FieldPanel("council"),
        FieldPanel("name"),
        FieldPanel("support_type"),
        FieldPanel("areas"),
        FieldPanel("typical_hours"),
        FieldPanel("description"),
        FieldPanel("services"),
    ]
