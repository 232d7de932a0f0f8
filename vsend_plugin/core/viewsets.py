"""Admin viewsets for councils, localities and settings, scoped to the user's councils.

Wagtail's generic views check model permissions; these mixins add the
object check of :mod:`vsend_plugin.core.permissions`, so listings, choosers and
every per-object view (edit, delete, inspect, copy, history, usage) refuse
another council's objects with a 404 rather than showing that they exist.
"""

import django_filters
from django.core.exceptions import ValidationError
from django.http import Http404
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views import chooser
from wagtail.snippets.views.snippets import (
    CopyView,
    DeleteView,
    EditView,
    HistoryView,
    IndexView,
    InspectView,
    SnippetViewSet,
    SnippetViewSetGroup,
    UsageView,
)

from .admin_forms import CouncilOwnedAdminForm
from .models import Council, Locality, Setting
from .permissions import councils_for, visible_to


def users_councils(request):
    return councils_for(request.user) if request else Council.objects.none()


class CouncilFilterSet(WagtailFilterSet):
    """Filter by council, offering only the councils the user belongs to."""

    council = django_filters.ModelChoiceFilter(queryset=users_councils, label="Council")


class CouncilScopedQuerysetMixin:
    """Lists only objects the user may see."""

    council_field = "council"

    def get_base_queryset(self):
        return visible_to(self.request.user, super().get_base_queryset(), self.council_field)


class CouncilScopedObjectMixin:
    """Answers 404 for an object of a council the user does not belong to."""

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not self.permission_policy.user_has_any_permission_for_instance(
            self.request.user, ["add", "change", "delete", "view"], obj
        ):
            raise Http404
        return obj


class CouncilScopedChooserMixin:
    council_field = "council"

    def get_object_list(self):
        return visible_to(self.request.user, super().get_object_list(), self.council_field)


class CouncilScopedChosenMixin:
    """The chooser's "chosen" responses (which carry the object's title) for visible objects only.

    Another council's object, like an id that does not exist or is not an id,
    answers 404 (one object) or is left out (several).
    """

    council_field = "council"

    def _visible(self):
        return visible_to(
            self.request.user, self.model_class._default_manager.all(), self.council_field
        )

    def _valid_pks(self, pks):
        field = self.model_class._meta.pk
        valid = []
        for pk in pks:
            try:
                valid.append(field.to_python(pk))
            except ValidationError:
                continue
        return valid

    def get_object(self, pk):
        valid = self._valid_pks([pk])
        if not valid:
            raise Http404
        return self._visible().get(pk=valid[0])

    def get_objects(self, pks):
        return self._visible().filter(pk__in=self._valid_pks(pks))


def scoped(view_class, mixin=CouncilScopedObjectMixin):
    return type(f"CouncilScoped{view_class.__name__}", (mixin, view_class), {})


class CouncilScopedChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = scoped(chooser.ChooseView, CouncilScopedChooserMixin)
    choose_results_view_class = scoped(chooser.ChooseResultsView, CouncilScopedChooserMixin)
    chosen_view_class = scoped(chooser.SnippetChosenView, CouncilScopedChosenMixin)
    chosen_multiple_view_class = scoped(chooser.SnippetChosenMultipleView, CouncilScopedChosenMixin)


def _by_pk(view_class):
    return type(
        view_class.__name__.replace("CouncilScoped", "Council"),
        (view_class,),
        {"council_field": "pk"},
    )


class CouncilChooserViewSet(CouncilScopedChooserViewSet):
    """Choosing a council: a council is its own council."""

    choose_view_class = _by_pk(CouncilScopedChooserViewSet.choose_view_class)
    choose_results_view_class = _by_pk(CouncilScopedChooserViewSet.choose_results_view_class)
    chosen_view_class = _by_pk(CouncilScopedChooserViewSet.chosen_view_class)
    chosen_multiple_view_class = _by_pk(CouncilScopedChooserViewSet.chosen_multiple_view_class)


class CouncilScopedViewSet(SnippetViewSet):
    """A snippet viewset whose every view is limited to the user's councils."""

    index_view_class = scoped(IndexView, CouncilScopedQuerysetMixin)
    edit_view_class = scoped(EditView)
    delete_view_class = scoped(DeleteView)
    inspect_view_class = scoped(InspectView)
    copy_view_class = scoped(CopyView)
    history_view_class = scoped(HistoryView)
    usage_view_class = scoped(UsageView)
    chooser_viewset_class = CouncilScopedChooserViewSet
    inspect_view_enabled = True
    copy_view_enabled = False
    base_form_class = CouncilOwnedAdminForm

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=self.base_form_class).bind_to_model(
            self.model
        )


class CouncilViewSet(CouncilScopedViewSet):
    model = Council
    icon = "site"
    menu_label = "Councils"
    list_display = ["name", "slug", "ons_code", Column("site", label="Site")]
    search_fields = ["name", "slug", "ons_code"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("ons_code"),
        FieldPanel("site"),
        FieldPanel("erase_past_retention"),
    ]

    index_view_class = type(
        "CouncilIndexView", (CouncilScopedQuerysetMixin, IndexView), {"council_field": "pk"}
    )
    chooser_viewset_class = CouncilChooserViewSet


class LocalityViewSet(CouncilScopedViewSet):
    model = Locality
    icon = "globe"
    menu_label = "Localities"
    list_display = ["name", "council", "slug"]
    filterset_class = type(
        "LocalityFilterSet",
        (CouncilFilterSet,),
        {"Meta": type("Meta", (), {"model": Locality, "fields": ["council"]})},
    )
    search_fields = ["name"]
    panels = [FieldPanel("council"), FieldPanel("name"), FieldPanel("slug")]


class SettingViewSet(CouncilScopedViewSet):
    model = Setting
    icon = "home"
    menu_label = "Settings (schools, nurseries, colleges)"
    list_display = ["name", "kind", "locality", "council", "urn"]
    filterset_class = type(
        "SettingFilterSet",
        (CouncilFilterSet,),
        {"Meta": type("Meta", (), {"model": Setting, "fields": ["council", "kind"]})},
    )
    search_fields = ["name", "urn"]
    panels = [
        FieldPanel("council"),
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("locality"),
        FieldPanel("urn"),
    ]


class CouncilViewSetGroup(SnippetViewSetGroup):
    items = (CouncilViewSet, LocalityViewSet, SettingViewSet)
    menu_icon = "site"
    menu_label = "Councils"
    menu_name = "vsend-councils"
    menu_order = 250
