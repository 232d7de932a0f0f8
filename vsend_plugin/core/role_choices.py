"""The roles of a council's staff, on their own so that permissions need no model.

:mod:`.permissions` decides by role and :mod:`.models` stores them; both
import this. ``vsend_plugin.core.models.Role`` is the same class.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a member of a council's staff does, and so what they may touch."""

    EDITOR = "editor", _("Content editor")
    OFFICER = "officer", _("SEND officer")
    PRACTITIONER = "practitioner", _("Practitioner")
