"""Admin for SEND officers: their council's children, and who has read children's records."""

from wagtail.admin.panels import FieldPanel

from vsend_plugin.core.viewsets import CouncilScopedViewSet

from .admin_forms import ChildAdminForm
from .audit import Action, record_access, record_listing
from .models import AccessEvent, Child


class AuditedChildMixin:
    """Showing one child's record (edit form, delete confirmation, history, usage) is a read of it.

    Logged whenever the page is rendered (a form shown again with its errors
    too), once the view has found the child and the user may see them, so a
    refused request logs nothing.
    """

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        record_access(self.request, Action.VIEW_CHILD, child=self.object)
        return context


class AuditedChildIndexView(CouncilScopedViewSet.index_view_class):
    """The children listed on a page of the admin listing are logged as read."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        record_listing(self.request, context["object_list"])
        return context


class AuditedChildChooserMixin:
    """The chooser lists a page of children (ten at a time): each one shown is logged."""

    def get_results_page(self, request):
        page = super().get_results_page(request)
        record_listing(request, page.object_list)
        return page


class AuditedChildChosenMixin:
    """Choosing a child sends their name back to the editing page: a read of each child chosen."""

    def get_chosen_response(self, item):
        record_access(self.request, Action.VIEW_CHILD, child=item)
        return super().get_chosen_response(item)

    def get_multiple_chosen_response(self, items):
        items = list(items)
        record_listing(self.request, items)
        return super().get_multiple_chosen_response(items)


def audited(view_class, mixin):
    return type(f"Audited{view_class.__name__}", (mixin, view_class), {})


class ChildChooserViewSet(CouncilScopedViewSet.chooser_viewset_class):
    choose_view_class = audited(
        CouncilScopedViewSet.chooser_viewset_class.choose_view_class, AuditedChildChooserMixin
    )
    choose_results_view_class = audited(
        CouncilScopedViewSet.chooser_viewset_class.choose_results_view_class,
        AuditedChildChooserMixin,
    )
    chosen_view_class = audited(
        CouncilScopedViewSet.chooser_viewset_class.chosen_view_class, AuditedChildChosenMixin
    )
    chosen_multiple_view_class = audited(
        CouncilScopedViewSet.chooser_viewset_class.chosen_multiple_view_class,
        AuditedChildChosenMixin,
    )


class ChildViewSet(CouncilScopedViewSet):
    """Officers add children and assign practitioners; the record is read in the front end."""

    model = Child
    base_form_class = ChildAdminForm
    index_view_class = AuditedChildIndexView
    edit_view_class = audited(CouncilScopedViewSet.edit_view_class, AuditedChildMixin)
    delete_view_class = audited(CouncilScopedViewSet.delete_view_class, AuditedChildMixin)
    history_view_class = audited(CouncilScopedViewSet.history_view_class, AuditedChildMixin)
    usage_view_class = audited(CouncilScopedViewSet.usage_view_class, AuditedChildMixin)
    chooser_viewset_class = ChildChooserViewSet
    icon = "user"
    menu_label = "Children"
    add_to_admin_menu = True
    menu_order = 270
    list_display = ["case_reference", "given_name", "year_group", "setting", "council"]
    search_fields = ["case_reference", "given_name"]
    inspect_view_enabled = False
    panels = [
        FieldPanel("council"),
        FieldPanel("case_reference"),
        FieldPanel("given_name"),
        FieldPanel("birth_month"),
        FieldPanel("birth_year"),
        FieldPanel("year_group"),
        FieldPanel("setting"),
        FieldPanel("locality"),
        FieldPanel("practitioners"),
    ]


class AccessLogViewSet(CouncilScopedViewSet):
    """Read-only: every view of a child's page, assessment, PDF or API record."""

    model = AccessEvent
    icon = "history"
    menu_label = "Access log"
    add_to_admin_menu = True
    menu_order = 280
    list_display = ["at", "username", "action", "child", "assessment", "path"]
    list_filter = ["action"]
    search_fields = ["username", "path"]
    ordering = ["-at"]
    panels = []
