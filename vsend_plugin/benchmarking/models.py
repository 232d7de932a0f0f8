"""What benchmarking stores: rollups, partner tokens, and peers' published figures.

Only disclosure-controlled figures are stored (the ``as_dict()`` of an
:class:`~vsend_plugin.scoring.Aggregate`, after suppression), never a child,
so a rollup can be served to another council or a partner as it is.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vsend_plugin.core.models import Council, Role
from vsend_plugin.scoring import SCHEME


class Dimension(models.TextChoices):
    """How a council's children are split into groups for one set of figures."""

    COUNCIL = "council", _("Whole council")
    LOCALITY = "locality", _("Locality")
    SETTING = "setting", _("Setting")
    PRIMARY_AREA = "primary_area", _("Primary area of need")
    BAND = "band", _("Band")


class Rollup(models.Model):
    """The published figures of one group of one council's children in one quarter."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="rollups")
    scheme = models.CharField(max_length=40, default=SCHEME)
    period = models.CharField(max_length=7, help_text=_("A quarter, e.g. 2026-Q3."))
    dimension = models.CharField(max_length=20, choices=Dimension.choices)
    group = models.CharField(
        max_length=60,
        blank=True,
        help_text=_(
            "The group's key: a locality's slug, a setting's key, an area code, a band; "
            "empty for the whole council."
        ),
    )
    label = models.CharField(max_length=200, help_text=_("The group's name, for people."))
    position = models.PositiveIntegerField(default=0, help_text=_("Order within the dimension."))
    figures = models.JSONField(help_text=_("Disclosure-controlled figures, as published."))
    computed_at = models.DateTimeField(default=timezone.now)

    vsend_council_wide_roles = frozenset({Role.OFFICER})

    class Meta:
        ordering = ["council__name", "period", "dimension", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "scheme", "period", "dimension", "group"],
                name="vsend_rollup_once",
            )
        ]
        indexes = [
            models.Index(fields=["scheme", "period", "dimension"]),
            # The state kept answers of the API are checked against (answers.py).
            models.Index(fields=["scheme", "dimension", "computed_at"], name="vsend_rollup_state"),
        ]
        verbose_name = _("rollup")

    def __str__(self):
        return f"{self.council} {self.period} {self.get_dimension_display()}: {self.label}"

    @property
    def suppressed(self):
        return bool(self.figures.get("suppressed"))


PARTNER_KEY_PREFIX = "vsp_"


def _hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class PartnerTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)

    def for_key(self, key):
        """The active token with this key, or ``None``. Keys are stored hashed."""
        if not isinstance(key, str) or not key.startswith(PARTNER_KEY_PREFIX):
            return None
        return self.active().select_related("council").filter(key_hash=_hash_key(key)).first()


class PartnerToken(models.Model):
    """A read-only key a SEND officer gives another organisation, for aggregates only.

    The key is shown once, when issued, and only its hash is kept. Revoking
    takes effect on the next request: every request looks the token up.
    """

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="partner_tokens")
    organisation = models.CharField(
        _("organisation"),
        max_length=200,
        help_text=_("Who the token is for, e.g. 'Westmoor Council' or 'Regional SEND network'."),
    )
    purpose = models.CharField(_("purpose"), max_length=300, blank=True)
    key_prefix = models.CharField(max_length=16, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = PartnerTokenQuerySet.as_manager()

    vsend_council_wide_roles = frozenset({Role.OFFICER})

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("partner token")
        verbose_name_plural = _("partner tokens")

    def __str__(self):
        return f"{self.organisation} ({self.key_prefix}…)"

    @property
    def active(self):
        return self.revoked_at is None

    def set_new_key(self) -> str:
        """Give the token a new random key; returns the key, which is not stored."""
        key = PARTNER_KEY_PREFIX + secrets.token_urlsafe(32)
        self.key_prefix = key[: len(PARTNER_KEY_PREFIX) + 6]
        self.key_hash = _hash_key(key)
        return key

    def revoke(self, user=None):
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.revoked_by = user
            self.save(update_fields=["revoked_at", "revoked_by"])


class Peer(models.Model):
    """Another vsend install whose council-level figures this council compares itself with."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="peers")
    name = models.CharField(_("name"), max_length=200, help_text=_("e.g. 'Fenland Council'."))
    api_url = models.URLField(
        _("API address"),
        help_text=_("The peer's vsend API, e.g. https://send.example.gov.uk/api/vsend/v1/"),
    )
    token = models.CharField(
        _("partner token"),
        max_length=200,
        help_text=_("The read-only partner token the peer's SEND officer issued to you."),
    )
    active = models.BooleanField(_("pull its figures"), default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_attempt_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_success_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.TextField(blank=True, editable=False)
    consecutive_failures = models.PositiveIntegerField(default=0, editable=False)

    vsend_council_wide_roles = frozenset({Role.OFFICER})

    class Meta:
        ordering = ["council__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["council", "api_url"], name="vsend_peer_once")
        ]
        verbose_name = _("peer install")
        verbose_name_plural = _("peer installs")

    def __str__(self):
        return self.name


class PeerAggregate(models.Model):
    """A peer's published council-level figures for one quarter, marked with source and time."""

    peer = models.ForeignKey(Peer, on_delete=models.CASCADE, related_name="aggregates")
    scheme = models.CharField(max_length=40, default=SCHEME)
    period = models.CharField(max_length=7)
    council_slug = models.CharField(max_length=60)
    council_name = models.CharField(max_length=200)
    figures = models.JSONField()
    source = models.URLField(max_length=500, help_text=_("The address the figures were read from."))
    fetched_at = models.DateTimeField(default=timezone.now)

    vsend_permission_parent = "peer"

    class Meta:
        ordering = ["peer", "period", "council_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["peer", "scheme", "period", "council_slug"],
                name="vsend_peer_aggregate_once",
            )
        ]
        verbose_name = _("peer's figures")
        verbose_name_plural = _("peers' figures")

    def __str__(self):
        return f"{self.council_name} {self.period} (from {self.peer})"
