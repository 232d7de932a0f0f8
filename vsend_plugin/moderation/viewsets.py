"""Admin: a council's moderation rounds, opened and followed by its SEND officers."""

from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column

from vsend_plugin.core.viewsets import CouncilFilterSet, CouncilScopedViewSet

from .admin_forms import ModerationRoundForm
from .models import ModerationRound


class ModerationRoundViewSet(CouncilScopedViewSet):
    """Officers open rounds here; second raters rate on the council's site, blind."""

    model = ModerationRound
    icon = "tasks"
    menu_label = "Moderation rounds"
    menu_name = "vsend-moderation-rounds"
    add_to_admin_menu = True
    menu_order = 257
    base_form_class = ModerationRoundForm
    list_display = [
        "name",
        Column("progress", label="Progress"),
        "created_at",
        "council",
    ]
    inspect_view_fields = ["name", "council", "chosen_by", "created_at", "progress", "raters"]
    filterset_class = type(
        "ModerationRoundFilterSet",
        (CouncilFilterSet,),
        {"Meta": type("Meta", (), {"model": ModerationRound, "fields": ["council"]})},
    )
    search_fields = ["name"]
    panels = [
        FieldPanel("council"),
        FieldPanel("name"),
        FieldPanel("setting"),
        FieldPanel("taken_from"),
        FieldPanel("taken_until"),
        FieldPanel("share"),
        FieldPanel("number"),
        FieldPanel("raters"),
    ]
