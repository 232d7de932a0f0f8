from django.http import HttpResponseBadRequest
from django.urls import path
from generic_chooser.views import ModelChooserMixin
from wagtail import hooks
from wagtail.models import Site
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail_modeladmin.views import HistoryView
from wagtailstreamforms.models import Form
from wagtailstreamforms.wagtail_hooks import (
    FormModelAdmin,
    InstanceSpecificViewHookMixin,
    WagtailStreamFormsChooserViewSet,
)

from vsend_plugin.core.models import Role
from vsend_plugin.core.permissions import CouncilPermissionPolicy

from . import streamforms_admin
from .access import check_form_access, forms_visible_to
from .models import CouncilForm, FormKind
from .viewsets import CouncilFormViewSet


@hooks.register("register_vsend_role_permissions")
def form_permissions():
    """Editors build forms; SEND officers read them and their submissions."""
    return {
        Role.EDITOR: [
            "wagtailstreamforms.add_form",
            "wagtailstreamforms.change_form",
            "wagtailstreamforms.delete_form",
            "wagtailstreamforms.view_form",
            "vsend_needs_forms.add_councilform",
            "vsend_needs_forms.change_councilform",
            "vsend_needs_forms.view_councilform",
        ],
        Role.OFFICER: ["wagtailstreamforms.view_form", "vsend_needs_forms.view_councilform"],
    }


class CouncilFormChooserMixin(ModelChooserMixin):
    """The form chooser offers an editor only their own council's forms to embed."""

    def get_unfiltered_object_list(self):
        return forms_visible_to(self.request.user, super().get_unfiltered_object_list())

    def get_object(self, pk):
        form = super().get_object(pk)
        check_form_access(self.request.user, form)
        return form


# wagtailstreamforms builds its form chooser from this viewset class when the
# admin URLs load; giving it our mixin scopes the chooser to the editor's council
# without registering a second chooser at the same addresses.
WagtailStreamFormsChooserViewSet.chooser_mixin_class = CouncilFormChooserMixin


class FormHistoryView(InstanceSpecificViewHookMixin, HistoryView):
    """A form's history, behind the same council check as its edit, delete and inspect views."""


# streamforms gives its edit, delete and inspect views the check of
# ``before_inspect_form_instance_dispatch`` (wagtailstreamforms_hooks.py) but
# not its history view; the modeladmin builds that view from this attribute.
FormModelAdmin.history_view_class = FormHistoryView


@hooks.register("register_admin_urls", order=-1)
def guard_streamforms_admin_urls():
    """Serve streamforms' copy, submissions and settings views, walled to the user's council.

    Registered before wagtailstreamforms' own URLs, at the same addresses, so
    these are the ones that answer; see :mod:`.streamforms_admin`.
    """
    urls = [
        path("wagtailstreamforms/<int:pk>/copy/", streamforms_admin.CopyFormView.as_view()),
        path(
            "wagtailstreamforms/<int:pk>/submissions/",
            streamforms_admin.SubmissionListView.as_view(),
        ),
        path(
            "wagtailstreamforms/<int:pk>/submissions/delete/",
            streamforms_admin.SubmissionDeleteView.as_view(),
        ),
    ]
    advanced = streamforms_admin.advanced_settings_view()
    if advanced is not None:
        urls.append(path("wagtailstreamforms/<int:pk>/advanced/", advanced.as_view()))
    return urls


@hooks.register("before_serve_page", order=-1)
def refuse_misdirected_form_posts(page, request, *args, **kwargs):
    """Turn away form posts that streamforms would otherwise accept on any page.

    streamforms processes a POST for whatever ``form_id`` it carries; a
    council's page must only take its own council's forms, and scored vsend
    forms are only ever submitted through vsend's own signed-in views, which
    know the child.
    """
    if request.method != "POST" or "form_id" not in request.POST:
        return None
    form_id = request.POST.get("form_id", "")
    form = Form.objects.filter(pk=form_id).first() if form_id.isdigit() else None
    if form is None:
        return HttpResponseBadRequest("Unknown form.")
    site = Site.find_for_request(request)
    if form.site_id is not None and site is not None and form.site_id != site.pk:
        return HttpResponseBadRequest("This form belongs to another site.")
    kind = CouncilForm.objects.filter(form=form).values_list("kind", flat=True).first()
    if kind in (FormKind.NEEDS_MAPPING, FormKind.FAMILY_CONTRIBUTION):
        return HttpResponseBadRequest("This form is filled in from a child's record.")
    return None


@hooks.register("register_vsend_council_log_models")
def forms_are_logged_by_council():
    """A form's history is its council's: the council of the site it belongs to."""

    def council_of(form):
        council = getattr(form.site, "council", None) if form.site_id else None
        return council.pk if council is not None else None

    return {Form: council_of}


register_permission_policy(CouncilForm, CouncilPermissionPolicy(CouncilForm))
register_snippet(CouncilFormViewSet)
