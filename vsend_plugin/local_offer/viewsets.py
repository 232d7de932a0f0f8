"""Admin: each council's organisations and service categories."""

from wagtail.admin.panels import FieldPanel
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from vsend_plugin.core.viewsets import CouncilScopedViewSet

from .models import OrdinarilyAvailableProvision, Organisation, SearchSynonym, ServiceCategory


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


class OrdinarilyAvailableViewSet(CouncilScopedViewSet):
    model = OrdinarilyAvailableProvision
    icon = "clipboard-list"
    menu_label = "Ordinarily available provision"
    list_display = ["area", "level", "council"]
    panels = [FieldPanel(name) for name in ("council", "area", "level", "what_you_can_expect")]


class SearchSynonymViewSet(CouncilScopedViewSet):
    """Words the council's families use for the same thing, added to vsend's own list."""

    model = SearchSynonym
    icon = "search"
    menu_label = "Search synonyms"
    list_display = ["terms", "council"]
    search_fields = ["terms"]
    panels = [FieldPanel("council"), FieldPanel("terms")]


class LocalOfferViewSetGroup(SnippetViewSetGroup):
    items = (
        OrganisationViewSet,
        ServiceCategoryViewSet,
        OrdinarilyAvailableViewSet,
        SearchSynonymViewSet,
    )
    menu_icon = "list-ul"
    menu_label = "Local offer"
    menu_name = "vsend-local-offer"
    menu_order = 255
