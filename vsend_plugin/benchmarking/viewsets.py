"""Sharing figures, in the Wagtail admin: partner tokens, peer installs and the peers' figures.

A SEND officer issues partner tokens (the key is shown once, then only its
hash is kept) and revokes them; registers the peer installs their council
compares itself with, and asks for a pull now and then; and reads what was
pulled, with where and when it was read. Every view is scoped to the user's
councils by :class:`~vsend_plugin.core.viewsets.CouncilScopedViewSet`: another
council's token or peer answers 404, as if it did not exist.

Tokens are never edited or deleted here: a token is a record of who was given
access, and a revoked one stays listed.
"""

import json
from dataclasses import dataclass

import django_filters
from django import forms
from django.contrib.admin.utils import quote
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views.generic.base import BaseOperationView, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import Button
from wagtail.snippets.views.snippets import CreateView, IndexView, InspectView, SnippetViewSetGroup

from vsend_plugin.core import outbox
from vsend_plugin.core.permissions import CouncilPermissionPolicy, visible_to
from vsend_plugin.core.viewsets import (
    CouncilFilterSet,
    CouncilScopedObjectMixin,
    CouncilScopedQuerysetMixin,
    CouncilScopedViewSet,
)

from .admin_forms import PeerAdminForm
from .federation import PULL_PEER_TASK
from .models import PartnerToken, Peer, PeerAggregate


class LimitedCouncilPermissionPolicy(CouncilPermissionPolicy):
    """A council's objects, with only some actions possible for anyone, superusers included.

    Tokens are never deleted (they are the record of who had access) and
    peers' figures are only ever written by a pull.
    """

    def __init__(self, model, actions, **kwargs):
        super().__init__(model, **kwargs)
        self.actions = frozenset(actions)

    def user_has_permission(self, user, action):
        return action in self.actions and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a in self.actions])


# Operations: one action on one object besides the usual ones (revoke, pull now).


@dataclass(frozen=True)
class Operation:
    name: str
    label: str
    icon: str
    applies_to: object = None  # callable(instance) -> bool; every instance when None

    def offered(self, view, instance):
        return (self.applies_to is None or self.applies_to(instance)) and (
            view.permission_policy.user_has_permission_for_instance(
                view.request.user, "change", instance
            )
        )

    def url(self, view, instance):
        return reverse(view.operation_url_name, args=[quote(instance.pk)])


class OperationView(PermissionCheckedMixin, WagtailAdminTemplateMixin, BaseOperationView):
    """Asks to confirm on GET and does the operation on POST; another council's object is a 404."""

    template_name = "vsend/benchmarking/confirm_operation.html"
    permission_required = "change"
    index_url_name = None
    operation = None
    confirmation_message = ""
    submit_label = ""

    def get_object(self):
        instance = super().get_object()
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, self.permission_required, instance
        ):
            raise Http404
        return instance

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data())

    def get_page_title(self):
        return self.operation.label

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return []

    def get_success_url(self):
        return self.next_url or reverse(self.index_url_name)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            object=self.object,
            confirmation_message=self.get_confirmation_message(),
            submit_label=self.operation.label,
            cancel_url=self.get_success_url(),
            **kwargs,
        )

    def get_confirmation_message(self):
        return self.confirmation_message


class OperationIndexView(CouncilScopedQuerysetMixin, IndexView):
    operation = None
    operation_url_name = None

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.operation.offered(self, instance):
            buttons.append(
                MenuItem(
                    self.operation.label,
                    url=self.operation.url(self, instance),
                    icon_name=self.operation.icon,
                    priority=40,
                )
            )
        return buttons


class OperationInspectView(CouncilScopedObjectMixin, InspectView):
    operation = None
    operation_url_name = None

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.operation.offered(self, self.object):
            buttons.append(
                Button(
                    self.operation.label,
                    url=self.operation.url(self, self.object),
                    icon_name=self.operation.icon,
                    priority=30,
                )
            )
        return buttons


class OperationViewSet(CouncilScopedViewSet):
    """A council-scoped snippet viewset with one :class:`Operation`, offered in the listing too."""

    operation = None
    operation_view_class = OperationView
    index_view_class = OperationIndexView
    inspect_view_class = OperationInspectView

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            operation=self.operation,
            operation_url_name=self.get_url_name(self.operation.name),
            **kwargs,
        )

    def get_urlpatterns(self):
        view = self.construct_view(self.operation_view_class)
        return super().get_urlpatterns() + [
            path(
                f"{self.operation.name}/<{self.pk_path_converter}:pk>/",
                view,
                name=self.operation.name,
            ),
        ]


# Partner tokens


class RevokeView(OperationView):
    confirmation_message = _(
        "The organisation will no longer be able to read your council's figures with this "
        "token, from its very next request. A revoked token cannot be restored: to give access "
        "again, issue a new token."
    )

    def perform_operation(self):
        self.object.revoke(self.request.user)

    def get_success_message(self):
        return _("The token of %(organisation)s is revoked.") % {
            "organisation": self.object.organisation
        }


class IssuePartnerTokenView(CreateView):
    """Issues a token and shows its key in this response alone: only a hash of it is kept."""

    def save_instance(self):
        token = self.form.instance
        token.created_by = self.request.user
        self.key = token.set_new_key()
        return super().save_instance()

    def save_action(self):
        response = TemplateResponse(
            self.request,
            "vsend/benchmarking/partner_token_issued.html",
            {
                "header_title": _("Partner token issued"),
                "page_title": _("Partner token issued"),
                "page_subtitle": self.object.organisation,
                "header_icon": "key",
                "token": self.object,
                "key": self.key,
                "index_url": reverse(self.index_url_name),
            },
        )
        response["Cache-Control"] = "no-store"
        return response


class NotEditable:
    """Tokens are not edited: the listing and the inspect page link to nothing that would."""

    def get_edit_url(self, *args):
        return None


def inspect_instead_of_edit(viewset):
    """The edit URL (which Wagtail always has) shows the token instead, under the same checks."""

    @require_safe
    def view(request, pk):
        return redirect(viewset.get_url_name("inspect"), pk=pk)

    return view


def token_status(token):
    if token.revoked_at:
        return _("Revoked %(date)s") % {"date": date_format(localtime(token.revoked_at))}
    return _("Active")


class PartnerTokenViewSet(OperationViewSet):
    model = PartnerToken
    icon = "key"
    menu_label = _("Partner tokens")
    operation = Operation("revoke", _("Revoke"), "cross", applies_to=lambda token: token.active)
    operation_view_class = RevokeView
    add_view_class = IssuePartnerTokenView
    index_view_class = type("PartnerTokenIndexView", (NotEditable, OperationIndexView), {})
    inspect_view_class = type("PartnerTokenInspectView", (NotEditable, OperationInspectView), {})
    list_display = [
        "organisation",
        "council",
        Column("key_prefix", label=_("Key begins")),
        DateColumn("created_at", label=_("Issued"), sort_key="created_at"),
        DateColumn("last_used_at", label=_("Last used"), sort_key="last_used_at"),
        Column("status", label=_("Status"), accessor=token_status),
    ]
    filterset_class = type(
        "PartnerTokenFilterSet",
        (CouncilFilterSet,),
        {"Meta": type("Meta", (), {"model": PartnerToken, "fields": ["council"]})},
    )
    search_fields = ["organisation", "purpose", "key_prefix"]
    ordering = ["-created_at"]
    inspect_view_fields = [
        "organisation",
        "purpose",
        "council",
        "key_prefix",
        "created_by",
        "created_at",
        "last_used_at",
        "revoked_at",
        "revoked_by",
    ]
    panels = [FieldPanel("council"), FieldPanel("organisation"), FieldPanel("purpose")]

    @property
    def edit_view(self):
        return inspect_instead_of_edit(self)


# Peer installs


class PullNowView(OperationView):
    confirmation_message = _(
        "vsend will read this peer's council-level figures for every quarter it publishes, "
        "replacing the figures read before if all goes well. The outcome shows in the list of "
        "peers."
    )

    def perform_operation(self):
        with transaction.atomic():
            outbox.enqueue(PULL_PEER_TASK, self.object.pk)

    def get_success_message(self):
        return _("Reading the figures of %(peer)s. The list shows how it went.") % {
            "peer": self.object
        }


def peer_status(peer):
    if peer.consecutive_failures:
        error = peer.last_error
        return ngettext(
            "Failed %(count)s time in a row: %(error)s",
            "Failed %(count)s times in a row: %(error)s",
            peer.consecutive_failures,
        ) % {
            "count": peer.consecutive_failures,
            "error": error if len(error) <= 300 else error[:297] + "...",
        }
    if peer.last_success_at:
        return _("Figures read")
    return _("Not read yet")


class PeerViewSet(OperationViewSet):
    model = Peer
    icon = "globe"
    menu_label = _("Peer installs")
    base_form_class = PeerAdminForm
    operation = Operation("pull", _("Pull figures now"), "download")
    operation_view_class = PullNowView
    list_display = [
        "name",
        "council",
        BooleanColumn("active", label=_("Pulled nightly")),
        DateColumn("last_success_at", label=_("Last read"), sort_key="last_success_at"),
        Column("status", label=_("Status"), accessor=peer_status),
    ]
    filterset_class = type(
        "PeerFilterSet",
        (CouncilFilterSet,),
        {"Meta": type("Meta", (), {"model": Peer, "fields": ["council"]})},
    )
    search_fields = ["name", "api_url"]
    inspect_view_fields = [
        "name",
        "council",
        "api_url",
        "active",
        "created_at",
        "last_attempt_at",
        "last_success_at",
        "consecutive_failures",
        "last_error",
    ]
    panels = [
        FieldPanel("council"),
        FieldPanel("name"),
        FieldPanel("api_url"),
        FieldPanel("token", widget=forms.PasswordInput(render_value=False)),
        FieldPanel("active"),
    ]


# Peers' figures


def figures_children(aggregate):
    figures = aggregate.figures
    return _("suppressed") if figures.get("suppressed") else figures.get("children")


class PeerFiguresInspectView(CouncilScopedObjectMixin, InspectView):
    def get_figures_display_value(self):
        return format_html("<pre>{}</pre>", json.dumps(self.object.figures, indent=2))


def users_peers(request):
    return visible_to(request.user, Peer.objects.all()) if request else Peer.objects.none()


class PeerFiguresFilterSet(WagtailFilterSet):
    """Filter by peer, offering only the user's councils' peers."""

    peer = django_filters.ModelChoiceFilter(queryset=users_peers, label=_("Peer install"))

    class Meta:
        model = PeerAggregate
        fields = ["peer", "period"]


class PeerFiguresViewSet(CouncilScopedViewSet):
    """Read only: what pulls stored, each with the address it was read from and when."""

    model = PeerAggregate
    icon = "table"
    menu_label = _("Peers' figures")
    inspect_view_class = PeerFiguresInspectView
    list_display = [
        Column("council_name", label=_("Council")),
        Column("period", label=_("Quarter"), sort_key="period"),
        "peer",
        Column("children", label=_("Children"), accessor=figures_children),
        Column("alignment", label=_("Alignment"), accessor=lambda a: a.figures.get("alignment")),
        DateColumn("fetched_at", label=_("Read"), sort_key="fetched_at"),
        Column("source", label=_("Read from")),
    ]
    filterset_class = PeerFiguresFilterSet
    search_fields = ["council_name", "council_slug"]
    ordering = ["peer__name", "-period", "council_name"]
    inspect_view_fields = [
        "council_name",
        "council_slug",
        "period",
        "scheme",
        "peer",
        "figures",
        "source",
        "fetched_at",
    ]
    panels = []


class SharingViewSetGroup(SnippetViewSetGroup):
    items = (PartnerTokenViewSet, PeerViewSet, PeerFiguresViewSet)
    menu_icon = "globe"
    menu_label = _("Sharing figures")
    menu_name = "vsend-sharing-figures"
    menu_order = 290
