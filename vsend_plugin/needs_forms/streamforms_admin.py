"""wagtailstreamforms' own admin views (copy, submissions, their export and deletion), walled.

streamforms finds the form of these views by the id in the address, and its
deletion view then finds submissions by their ids alone, from any form. These
subclasses look the form up only among the forms the user manages (another
council's form is "not found", exactly like a form that does not exist), and
look submissions up only within that form, so that an id of another form's
submission is treated like an id that does not exist: same page, same words.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtailstreamforms import views as streamforms_views
from wagtailstreamforms.models import Form

from .access import forms_visible_to
from .copying import copy_form


class ManagedFormMixin:
    """The form in the address, found only among the forms the user manages."""

    def get_object(self, queryset=None):
        pk = self.kwargs.get("pk")
        form = forms_visible_to(self.request.user, Form.objects.all()).filter(pk=pk).first()
        if form is None:
            raise Http404(_("No form found matching the query"))
        return form


class CopyForm(streamforms_views.copy.CopyForm):
    """streamforms' copy form, with the lengths the form model allows (a clear error, not a 500)."""

    title = forms.CharField(label=_("New title"), max_length=255)
    slug = forms.SlugField(label=_("New slug"), max_length=255)


class CopyFormView(ManagedFormMixin, streamforms_views.CopyFormView):
    """Copies a form and its vsend record together, as a draft of the same council."""

    def copy(self, request, *args, **kwargs):
        form = CopyForm(request.POST)
        if form.is_valid():
            copied = copy_form(
                self.object, title=form.cleaned_data["title"], slug=form.cleaned_data["slug"]
            )
            self.create_success_message(copied)
            return HttpResponseRedirect(self.get_success_url())
        context = self.get_context_data(object=self.object)
        context["form"] = form
        return self.render_to_response(context, status=400)

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(object=self.object)
        context["form"] = CopyForm(initial={"title": self.object.title, "slug": self.object.slug})
        return self.render_to_response(context)


class SubmissionListView(ManagedFormMixin, streamforms_views.SubmissionListView):
    """The submissions of one of the user's forms, on screen and as CSV."""


class SubmissionDeleteView(ManagedFormMixin, streamforms_views.SubmissionDeleteView):
    """Deletes chosen submissions of this form only.

    Ids that are not numbers, that do not exist, or that belong to another
    form are all simply not among this form's submissions; when none of the
    chosen ids is, the user is sent back to the list with the same message
    whichever the reason.
    """

    def get_submissions(self):
        ids = [i for i in self.request.GET.getlist("selected-submissions") if i.isdigit()]
        submission_class = self.object.get_submission_class()
        return submission_class._default_manager.filter(form=self.object, pk__in=ids)

    def nothing_chosen(self):
        messages.warning(
            self.request, _("Choose at least one of this form's submissions to delete.")
        )
        return redirect(self.get_success_url())

    def get(self, request, *args, **kwargs):
        if not self.get_submissions().exists():
            return self.nothing_chosen()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not self.get_submissions().exists():
            return self.nothing_chosen()
        return super().post(request, *args, **kwargs)


def advanced_settings_view():
    """streamforms' advanced settings view, walled the same way, when a settings model is set."""
    if streamforms_views.advanced_settings.SettingsModel is None:
        return None

    class AdvancedSettingsView(streamforms_views.AdvancedSettingsView):
        def dispatch(self, request, *args, **kwargs):
            if not request.user.has_perm("wagtailstreamforms.change_form"):
                raise PermissionDenied
            return super().dispatch(request, *args, **kwargs)

        def get_object(self, queryset=None):
            ManagedFormMixin.get_object(self)
            return super().get_object(queryset)

    return AdvancedSettingsView
