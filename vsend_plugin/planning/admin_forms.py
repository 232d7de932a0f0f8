"""The provision catalogue's admin form: areas as checkboxes, services of the council only.

The model keeps a service's areas as a JSON list of area codes, which
Wagtail would otherwise offer as a JSON text box; an editor should tick the
areas the service serves instead, and get back a list of codes in the
scheme's order whatever order they were ticked in. The local offer services
it links to are limited to the council's own by
:class:`~vsend_plugin.core.admin_forms.CouncilOwnedAdminForm`, like every
council-owned choice in the admin.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from vsend_plugin.core.admin_forms import CouncilOwnedAdminForm

from . import scheme
from .models import AREA_CHOICES


class AreasField(forms.MultipleChoiceField):
    """The five areas of need as checkboxes, cleaned to a list of codes in the scheme's order."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", AREA_CHOICES)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return [code for code in (value or []) if code in scheme.AREAS]

    def clean(self, value):
        chosen = set(super().clean(value))
        return [code for code in scheme.AREAS if code in chosen]


class ProvisionServiceForm(CouncilOwnedAdminForm):
    areas = AreasField(
        label=_("Areas of need it serves"),
        help_text=_("The areas of need this service or intervention is for."),
    )
