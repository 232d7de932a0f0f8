"""Admin: SEND officers start, withdraw, accept and decline transfers of children.

A transfer is seen by the officers of the two councils it is between (and
superusers); anyone else is answered 404, as if there were none. The
receiving council's page shows that a transfer waits, from whom and why,
never the record.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from vsend_plugin.assessments.models import Child
from vsend_plugin.core.models import Council, Locality, Setting

from .admin_views import officer_council_ids, officer_councils, officers_menu_item
from .models import ChildTransfer
from .transfers import (
    accept_transfer,
    decline_transfer,
    incoming,
    outgoing,
    start_transfer,
    withdraw_transfer,
)


def add_errors(form, error):
    for field, messages_ in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages_)


class StartTransferForm(forms.Form):
    case_reference = forms.CharField(
        label="Case reference of the child", max_length=40, help_text="As your council knows them."
    )
    to_council = forms.ModelChoiceField(
        label="Receiving council", queryset=Council.objects.none(), empty_label="Choose a council"
    )
    note = forms.CharField(
        label="Note for the receiving council",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=1000,
        help_text="Why and when, such as the family's moving date. The receiving council sees "
        "this and the case reference, nothing of the record, until it accepts.",
    )

    def __init__(self, *args, councils, **kwargs):
        super().__init__(*args, **kwargs)
        self.councils = councils
        receiving = Council.objects.order_by("name")
        if len(councils) == 1:  # an officer of several may move a child between them
            receiving = receiving.exclude(pk__in=councils)
        self.fields["to_council"].queryset = receiving

    def clean_case_reference(self):
        reference = self.cleaned_data["case_reference"].strip()
        self.child = Child.objects.filter(council__in=self.councils, case_reference=reference)
        self.child = self.child.first()
        if self.child is None:
            raise ValidationError(
                f"None of your council's children has case reference {reference}."
            )
        return reference


class AcceptTransferForm(forms.Form):
    setting = forms.ModelChoiceField(
        queryset=Setting.objects.none(), empty_label="Choose a setting"
    )
    locality = forms.ModelChoiceField(
        queryset=Locality.objects.none(), empty_label="Choose a locality"
    )
    case_reference = forms.CharField(
        label="Case reference in your council",
        max_length=40,
        help_text="The sending council's is given; change it if yours differ or it is taken.",
    )

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["setting"].queryset = Setting.objects.filter(council=council).order_by("name")
        self.fields["locality"].queryset = Locality.objects.filter(council=council).order_by("name")


class DeclineTransferForm(forms.Form):
    reason = forms.CharField(
        label="Why you decline",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text="The sending council reads this.",
    )


class TransferAdminMixin(WagtailAdminTemplateMixin):
    header_icon = "arrow-right-full"

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items]
        if self.page_title != TransfersView.page_title:
            items.append({"url": reverse("vsend_transfers"), "label": TransfersView.page_title})
        return [*items, {"url": "", "label": self.page_title}]


class TransfersView(TransferAdminMixin, TemplateView):
    template_name = "vsend/records/transfers.html"
    page_title = "Transfers of children"

    def get_context_data(self, **kwargs):
        councils = officer_councils(self.request.user)
        return {
            **super().get_context_data(**kwargs),
            "incoming": incoming(councils),
            "outgoing": outgoing(councils)[:50],
        }


class StartTransferView(TransferAdminMixin, TemplateView):
    template_name = "vsend/records/transfer_start.html"
    page_title = "Transfer a child to another council"

    def form(self, data=None):
        councils = officer_councils(self.request.user)
        initial = {}
        child = Child.objects.filter(
            council__in=councils, pk=self.request.GET.get("child") or None
        ).first()
        if child is not None:
            initial["case_reference"] = child.case_reference
        return StartTransferForm(data, councils=councils, initial=initial)

    def get(self, request):
        return self.render_to_response(self.get_context_data(form=self.form()))

    def post(self, request):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                transfer = start_transfer(
                    form.child,
                    form.cleaned_data["to_council"],
                    by=request.user,
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request,
                    f"Child {transfer.case_reference} is offered to {transfer.to_council}. "
                    "Their record stays yours until they accept.",
                )
                return redirect("vsend_transfers")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class TransferView(TransferAdminMixin, TemplateView):
    """The receiving council accepts (placing the child) or declines; the sender withdraws."""

    template_name = "vsend/records/transfer.html"
    page_title = "A transfer of a child"

    def setup_transfer(self, request, pk):
        councils = officer_councils(request.user)
        self.transfer = get_object_or_404(
            ChildTransfer.objects.select_related("council", "to_council", "started_by"),
            Q(council__in=councils) | Q(to_council__in=councils),
            pk=pk,
        )
        self.receiving = self.transfer.to_council in councils
        self.sending = self.transfer.council in councils

    def get(self, request, pk):
        self.setup_transfer(request, pk)
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs):
        transfer = self.transfer
        if self.receiving and transfer.is_pending:
            kwargs.setdefault(
                "accept_form",
                AcceptTransferForm(
                    council=transfer.to_council, initial={"case_reference": transfer.case_reference}
                ),
            )
            kwargs.setdefault("decline_form", DeclineTransferForm())
        return {
            **super().get_context_data(**kwargs),
            "transfer": transfer,
            "receiving": self.receiving,
            "sending": self.sending,
        }

    def post(self, request, pk):
        self.setup_transfer(request, pk)
        transfer, action = self.transfer, request.POST.get("action")
        try:
            if action == "withdraw" and self.sending:
                withdraw_transfer(transfer, by=request.user)
                messages.success(
                    request, f"The transfer of {transfer.case_reference} is withdrawn."
                )
                return redirect("vsend_transfers")
            if action == "decline" and self.receiving:
                form = DeclineTransferForm(request.POST)
                if not form.is_valid():
                    return self.invalid(decline_form=form)
                decline_transfer(transfer, by=request.user, reason=form.cleaned_data["reason"])
                messages.success(
                    request, f"You declined the transfer of {transfer.case_reference}."
                )
                return redirect("vsend_transfers")
            if action == "accept" and self.receiving:
                form = AcceptTransferForm(request.POST, council=transfer.to_council)
                if not form.is_valid():
                    return self.invalid(accept_form=form)
                try:
                    child = accept_transfer(transfer, by=request.user, **form.cleaned_data)
                except ValidationError as error:
                    add_errors(form, error)
                    return self.invalid(accept_form=form)
                messages.success(
                    request, f"Child {child.case_reference} and their whole record are now yours."
                )
                return redirect(
                    reverse("wagtailsnippets_vsend_assessments_child:edit", args=[child.pk])
                )
        except ValidationError as error:
            messages.error(request, " ".join(m for ms in error.message_dict.values() for m in ms))
            return redirect("vsend_transfer", pk=transfer.pk)
        return self.invalid(status=400)

    def invalid(self, status=400, **forms_):
        return self.render_to_response(self.get_context_data(**forms_), status=status)


def menu_item():
    return officers_menu_item(
        TransfersView, "vsend_transfers", icon_name="arrow-right-full", order=296, name="transfers"
    )


urlpatterns = [
    path("records/transfers/", TransfersView.as_view(), name="vsend_transfers"),
    path("records/transfers/new/", StartTransferView.as_view(), name="vsend_transfer_start"),
    path("records/transfers/<int:pk>/", TransferView.as_view(), name="vsend_transfer"),
]


def listing_buttons(child, user):
    """The children listing's *Transfer to another council*, for the child's officers."""
    from wagtail.admin.widgets import Button

    if not isinstance(child, Child) or child.council_id not in officer_council_ids(user):
        return []
    return [
        Button(
            "Transfer to another council",
            reverse("vsend_transfer_start") + f"?child={child.pk}",
            icon_name="arrow-right-full",
            priority=60,
        )
    ]
