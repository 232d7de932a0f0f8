"""Admin: each council's organisations and service categories."""

from wagtail.admin.panels import FieldPanel
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from vsend_plugin.core.views import CouncilScopedViewSet

from .models import Organisation, ServiceCategory


class OrganisationViewSet(CouncilScopedViewSet):
    model = Organisation
    icon = "group"
    menu_label = "Organisations"
    list_display = ["name", "council", "website"]
    search_fields = ["name"]
    panels = [FieldPanel(name) for name in ("council", "name", "description", "website", "email")]


class ServiceCategoryViewSet(CouncilScopedViewSet):
    model = ServiceCategory
    icon = "tag"
    menu_label = "Service categories"
    list_display = ["name", "council", "slug"]
    search_fields = ["name"]
    panels = [FieldPanel(name) for name in ("council", "name", "slug", "description")]


class LocalOfferViewSetGroup(SnippetViewSetGroup):
    items = (OrganisationViewSet, ServiceCategoryViewSet)
    menu_icon = "list-ul"
    menu_label = "Local offer"
    menu_name = "vsend-local-offer"
    menu_order = 255
