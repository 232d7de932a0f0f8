"""Admin: the records due for erasure, and erasing one with a confirmation naming what goes.

For SEND officers, of their own councils' children (superusers: all). A child
of another council answers 404, as if there were none.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from vsend_plugin.assessments.models import Child
from vsend_plugin.conf import vsend_settings
from vsend_plugin.core.models import Role
from vsend_plugin.core.permissions import councils_for

from .erasure import erase_child, what_goes
from .retention import due_for_erasure, kept_until


def officer_councils(user):
    councils = councils_for(user, {Role.OFFICER})
    if not councils.exists():
        raise PermissionDenied("Records are erased by a council's SEND officers.")
    return councils


class RecordsDueView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "vsend/records/due.html"
    page_title = "Records due for erasure"
    header_icon = "bin"

    def get_context_data(self, **kwargs):
        councils = officer_councils(self.request.user)
        return {
            **super().get_context_data(**kwargs),
            "due": due_for_erasure(list(councils)),
            "retention_age": vsend_settings.RETENTION_AGE,
            "automatic": [c for c in councils if c.erase_past_retention],
        }

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]


class EraseChildView(WagtailAdminTemplateMixin, TemplateView):
    """GET: what erasing the child removes; POST: erase it."""

    template_name = "vsend/records/erase.html"
    page_title = "Erase a child's record"
    header_icon = "bin"

    def setup_child(self, request, pk):
        councils = officer_councils(request.user)
        self.child = get_object_or_404(
            Child.objects.select_related("council"), pk=pk, council__in=councils
        )

    def get(self, request, pk):
        self.setup_child(request, pk)
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs):
        child = self.child
        return {
            **super().get_context_data(**kwargs),
            "child": child,
            "goes": what_goes(child).in_words(),
            "kept_until": kept_until(child.birth_year, child.birth_month),
        }

    def post(self, request, pk):
        self.setup_child(request, pk)
        reference = self.child.case_reference
        erase_child(self.child, by=request.user)
        messages.success(request, f"The record of child {reference} has been erased.")
        return redirect("vsend_records_due")

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("vsend_records_due"), "label": RecordsDueView.page_title},
            {"url": "", "label": self.page_title},
        ]


def officer_council_ids(user):
    """The councils ``user`` is an officer of, asked once per user object (once a request)."""
    cached = getattr(user, "_vsend_record_officer_councils", None)
    if cached is None:
        cached = set(councils_for(user, {Role.OFFICER}).values_list("pk", flat=True))
        user._vsend_record_officer_councils = cached
    return cached


class OfficersMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(officer_council_ids(request.user))


def officers_menu_item(view, url_name, *, icon_name, order, name):
    """A menu item named after ``view``'s page title, shown to SEND officers and superusers."""
    return OfficersMenuItem(
        view.page_title, reverse(url_name), icon_name=icon_name, order=order, name=name
    )


def menu_item():
    return officers_menu_item(
        RecordsDueView, "vsend_records_due", icon_name="bin", order=295, name="records-due"
    )


urlpatterns = [
    path("records/due/", RecordsDueView.as_view(), name="vsend_records_due"),
    path("records/erase/<int:pk>/", EraseChildView.as_view(), name="vsend_records_erase"),
]
