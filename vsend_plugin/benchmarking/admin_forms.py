"""The peer install's admin form: a safe address, and a token written but never shown."""

from urllib.parse import urlsplit

from django import forms
from django.utils.translation import gettext_lazy as _

from vsend_plugin.core.admin_forms import CouncilOwnedAdminForm

from .models import PARTNER_KEY_PREFIX
from .peer_addresses import UnsafeAddress, check_address


class PeerAdminForm(CouncilOwnedAdminForm):
    """The token is written, never shown again: left empty on edit, the one stored is kept."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["token"].required = False
            self.fields["token"].help_text = _(
                "Leave empty to keep the token you entered before; it is never shown again."
            )

    def clean_api_url(self):
        """HTTPS to a public address (:mod:`.peer_addresses`), so the token goes nowhere else."""
        address = self.cleaned_data["api_url"].strip()
        parts = urlsplit(address)
        try:
            check_address(address)
        except UnsafeAddress as error:
            raise forms.ValidationError(str(error)) from error
        if parts.query or parts.fragment:
            raise forms.ValidationError(_("Give the API's address without ? or # parts."))
        return address if address.endswith("/") else address + "/"

    def clean_token(self):
        token = self.cleaned_data.get("token", "").strip()
        if not token and self.instance.pk:
            return self.instance.token
        if not token.startswith(PARTNER_KEY_PREFIX):
            raise forms.ValidationError(
                _("A partner token starts with %(prefix)s.") % {"prefix": PARTNER_KEY_PREFIX}
            )
        return token
