"""A child's transfer from one council to another on the same install."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vsend_plugin.assessments.models import Child
from vsend_plugin.core.models import Council, Role
from vsend_plugin.core.ownership import CouncilWall


class TransferStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the receiving council")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ChildTransfer(CouncilWall, models.Model):
    """The sending council's offer of a child to another council, and how it ended.

    It is the sending council's: while it waits, ``child`` is theirs; once
    accepted, the child is the receiving council's and ``child`` is emptied, so
    that all the sender keeps is this entry (the case reference it knew the
    child by, who, when). The receiving council sees a waiting transfer's
    existence (:func:`.transfers.incoming`), never the record, until it accepts.
    """

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    child = models.ForeignKey(
        Child, on_delete=models.SET_NULL, null=True, blank=True, related_name="transfers"
    )
    case_reference = models.CharField(_("case reference at the sending council"), max_length=40)
    to_council = models.ForeignKey(
        Council,
        on_delete=models.CASCADE,
        related_name="incoming_transfers",
        verbose_name=_("receiving council"),
    )
    note = models.TextField(
        _("note for the receiving council"),
        blank=True,
        max_length=1000,
        help_text=_("Why and when, such as the family's moving date. Nothing of the record."),
    )
    status = models.CharField(
        max_length=20, choices=TransferStatus.choices, default=TransferStatus.PENDING
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("reason for declining"), blank=True, max_length=1000)

    vsend_council_wide_roles = frozenset({Role.OFFICER})

    class Meta:
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["child"],
                condition=models.Q(status="pending"),
                name="vsend_one_waiting_transfer_a_child",
            ),
        ]
        verbose_name = _("transfer of a child")
        verbose_name_plural = _("transfers of children")

    def __str__(self):
        return f"Transfer of child {self.case_reference} to {self.to_council} ({self.status})"

    def vsend_log_label(self):
        return f"Transfer of child {self.case_reference}"

    @property
    def is_pending(self):
        return self.status == TransferStatus.PENDING


class ImportedRecord(CouncilWall, models.Model):
    """The ``vsend-record/1`` document a child was imported from, kept as it came.

    It holds what has no place in this install's tables: the other install's
    people by username, the family's links, second ratings and access log.
    It goes when the child is erased.
    """

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="imported_records")
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    imported_at = models.DateTimeField(default=timezone.now)
    document = models.JSONField()

    vsend_council_wide_roles = frozenset({Role.OFFICER})

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = _("imported record")
        verbose_name_plural = _("imported records")

    def __str__(self):
        return f"Record of child {self.child.case_reference} imported {self.imported_at:%Y-%m-%d}"
