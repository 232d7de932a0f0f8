"""The family's part: invitations, their accounts, and their own view of the child's needs.

An invitation is made, emailed, accepted (with an account created if need be);
the family's view is recorded through the council's family form.
"""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from vsend_plugin.core.sign_in import redirect_to_sign_in
from vsend_plugin.core.sites import council_for_request
from vsend_plugin.needs_forms.answers import answers_from
from vsend_plugin.needs_forms.forms import form_class_for, published_form
from vsend_plugin.needs_forms.models import FormKind
from vsend_plugin.scoring import ScoringError

from ..access import can_assess, child_for
from ..audit import Action, record_access
from ..family import (
    NOT_VALID,
    InvitationError,
    StaffRefused,
    accept_invitation,
    email_invitation,
    invitation_expires,
    invite_family,
    is_family_of,
    read_invitation,
)
from ..family_accounts import ACCOUNT_EXISTS, FamilyAccountForm
from ..recording import add_family_contribution
from .base import CouncilSiteMixin


class InvitationEmailForm(forms.Form):
    email = forms.EmailField(
        label="Parent carer's email address",
        max_length=254,
        error_messages={
            "required": "Enter the parent carer's email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )


class CouncilFormView(CouncilSiteMixin, View):
    """Shows one of the council's published forms for a child and stores the answers.

    Subclasses say who may use it (``allowed``), which form (``form_kind``),
    and what a valid submission stores (``store``); a ScoringError from
    storing is shown as form errors, with nothing stored.
    """

    template_name = "vsend/assessments/council_form.html"
    form_kind = FormKind.NEEDS_MAPPING
    heading = ""

    def allowed(self, user, child):
        raise NotImplementedError

    def read_assessment(self):
        """The assessment the page shows, if any, for the access log."""
        return None

    def store(self, request, cleaned_data):
        raise NotImplementedError

    def setup_form(self, request, pk):
        self.child = child_for(request, pk, self.council)
        if not self.allowed(request.user, self.child):
            raise Http404
        self.council_form = published_form(self.council, self.form_kind)
        if self.council_form is None:
            raise Http404("This council has not published that form yet.")
        return form_class_for(self.council_form)

    def render_form(self, request, form, status=200):
        # The form page names the child (and a family's form shows the assessment): a read.
        record_access(
            request, Action.VIEW_CHILD, child=self.child, assessment=self.read_assessment()
        )
        context = {
            "child": self.child,
            "form": form,
            "council_form": self.council_form,
            "heading": self.heading or self.council_form.form.title,
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk):
        form_class = self.setup_form(request, pk)
        return self.render_form(request, form_class(council_form=self.council_form))

    def post(self, request, pk):
        form_class = self.setup_form(request, pk)
        form = form_class(request.POST, council_form=self.council_form)
        if not form.is_valid():
            return self.render_form(request, form, status=400)
        try:
            message = self.store(request, form.cleaned_data)
        except ScoringError as error:  # a form edited under our feet; nothing was stored
            for problem in error.errors:
                form.add_error(None, f"{problem['field']}: {problem['message']}")
            return self.render_form(request, form, status=400)
        messages.success(request, message)
        return redirect(reverse("vsend_child", args=[self.child.pk]))


class InviteFamilyView(CouncilSiteMixin, View):
    """A practitioner makes a link for the child's family, to copy or to send by email."""

    def post(self, request, pk):
        child = child_for(request, pk, self.council)
        if not can_assess(request.user, child):
            raise Http404
        invitation, token = invite_family(child, request.user)
        return render_invitation(request, child, invitation, token, InvitationEmailForm())


def render_invitation(request, child, invitation, token, email_form, status=200):
    record_access(request, Action.VIEW_CHILD, child=child)  # the page names the child
    context = {
        "child": child,
        "token": token,
        "link": request.build_absolute_uri(reverse("vsend_family_invitation", args=[token])),
        "expires": invitation_expires(invitation),
        "email_form": email_form,
    }
    return render(request, "vsend/assessments/invitation.html", context, status=status)


class EmailInvitationView(CouncilSiteMixin, View):
    """Sends a practitioner's invitation link to the parent carer's email address."""

    def post(self, request, pk):
        child = child_for(request, pk, self.council)
        if not can_assess(request.user, child):
            raise Http404
        token = request.POST.get("token", "")
        try:
            invitation = read_invitation(token)
        except InvitationError:
            raise Http404 from None
        if invitation.child_id != child.pk:
            raise Http404
        form = InvitationEmailForm(request.POST)
        if not form.is_valid():
            return render_invitation(request, child, invitation, token, form, status=400)
        link = request.build_absolute_uri(reverse("vsend_family_invitation", args=[token]))
        email_invitation(invitation, link, form.cleaned_data["email"], request.user)
        messages.success(request, f"Invitation sent to {form.cleaned_data['email']}.")
        return redirect(reverse("vsend_child", args=[child.pk]))


class InvitationMixin:
    """Finds the invitation of the link, on its child's own council site."""

    def invitation(self, request, token):
        user = request.user if request.user.is_authenticated else None
        invitation = read_invitation(token, user)
        if invitation.child.council_id != getattr(council_for_request(request), "pk", None):
            raise InvitationError(NOT_VALID)
        return invitation

    def refused(self, request, error):
        status = 403 if isinstance(error, StaffRefused) else 400
        context = {"message": str(error)}
        return render(request, "vsend/assessments/invitation_error.html", context, status=status)


class AcceptInvitationView(InvitationMixin, View):
    """Opening the link names the invitation; a parent carer accepts it with a POST.

    Signed out, the page offers to sign in or to create an account; signed
    in, it asks to confirm. Nothing is granted by opening the link.
    """

    def get(self, request, token):
        try:
            invitation = self.invitation(request, token)
        except InvitationError as error:
            return self.refused(request, error)
        record_access(request, Action.VIEW_CHILD, child=invitation.child)  # names the child
        here = request.get_full_path()
        context = {
            "child": invitation.child,
            "invitation": invitation,
            "sign_in_url": f"{reverse('vsend_sign_in')}?{urlencode({'next': here})}",
            "create_account_url": reverse("vsend_family_create_account", args=[token]),
        }
        step = "confirm" if request.user.is_authenticated else "start"
        return render(request, f"vsend/assessments/invitation_{step}.html", context)

    def post(self, request, token):
        if not request.user.is_authenticated:
            return redirect_to_sign_in(request)
        try:
            self.invitation(request, token)
            child = accept_invitation(token, request.user)
        except InvitationError as error:
            return self.refused(request, error)
        messages.success(
            request, f"You can now see {child.given_name}'s summary and add your view."
        )
        return redirect(reverse("vsend_child", args=[child.pk]))


class CreateFamilyAccountView(InvitationMixin, View):
    """A parent carer with no account makes one from the invitation, then confirms it."""

    template_name = "vsend/assessments/invitation_create_account.html"

    def dispatch(self, request, token):
        if request.user.is_authenticated:
            return redirect(reverse("vsend_family_invitation", args=[token]))
        try:
            self.found = self.invitation(request, token)
        except InvitationError as error:
            return self.refused(request, error)
        return super().dispatch(request, token)

    def render_form(self, request, token, form, status=200):
        record_access(request, Action.VIEW_CHILD, child=self.found.child)  # names the child
        context = {
            "form": form,
            "child": self.found.child,
            "sign_in_url": f"{reverse('vsend_sign_in')}?"
            + urlencode({"next": reverse("vsend_family_invitation", args=[token])}),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, token):
        return self.render_form(request, token, FamilyAccountForm())

    def post(self, request, token):
        form = FamilyAccountForm(request.POST)
        if form.is_valid():
            try:
                with transaction.atomic():
                    user = form.save()
            except IntegrityError:  # the same address, made a moment ago
                form.add_error("email", ACCOUNT_EXISTS)
            else:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                return redirect(reverse("vsend_family_invitation", args=[token]))
        return self.render_form(request, token, form, status=400)


class FamilyContributionView(CouncilFormView):
    """The family adds views, aspirations and confidence: a new, re-scored version."""

    form_kind = FormKind.FAMILY_CONTRIBUTION

    def allowed(self, user, child):
        self.assessment = child.latest_assessment()
        return is_family_of(user, child) and self.assessment is not None

    def read_assessment(self):
        return self.assessment

    def store(self, request, cleaned_data):
        _, _, confidence, texts, _ = answers_from(self.council_form, cleaned_data)
        add_family_contribution(
            self.assessment,
            request.user,
            family_confidence=confidence,
            family_views=texts["views"],
            family_aspirations=texts["aspirations"],
            council_form=self.council_form,
        )
        return "Thank you. Your view has been added to the summary."
