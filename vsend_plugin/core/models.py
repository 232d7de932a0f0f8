"""Councils, the localities they divide into, and the settings children attend.

A council is the tenant: one Wagtail ``Site`` with its own page tree, its own
groups of staff, and everything a child's record hangs off. Keeping the
council on every object (rather than inferring it from a page tree) is what
lets one permission check answer "may this user see this?" for pages, forms,
children and aggregates alike.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import BaseLogEntry

from .log_entries import CouncilLogEntryManager
from .ownership import CouncilWall
from .role_choices import Role

ONS_LOCAL_AUTHORITY_CODE = RegexValidator(
    r"^E(06|07|08|09|10)\d{6}$",
    _(
        "Enter the nine-character ONS code of an English local authority, "
        "for example E06000047 (E06, E07, E08, E09 or E10 followed by six digits)."
    ),
)

UNIQUE_REFERENCE_NUMBER = RegexValidator(
    r"^(EY)?\d{6,7}$",
    _(
        "Enter the setting's unique reference number (URN): six or seven digits, "
        "or EY followed by digits for an early years provider registered with Ofsted."
    ),
)


class Council(models.Model):
    """An English local authority running vsend on its own Wagtail site."""

    site = models.OneToOneField(
        "wagtailcore.Site",
        on_delete=models.PROTECT,
        related_name="council",
        verbose_name=_("site"),
        help_text=_("The Wagtail site whose page tree belongs to this council."),
    )
    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=60,
        unique=True,
        help_text=_("Used in addresses and the API, e.g. 'northshire'."),
    )
    ons_code = models.CharField(
        _("ONS local authority code"),
        max_length=9,
        unique=True,
        validators=[ONS_LOCAL_AUTHORITY_CODE],
        help_text=_("The Office for National Statistics code, e.g. E06000047."),
    )
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text=_("The council's own collection of images and documents."),
    )
    erase_past_retention = models.BooleanField(
        _("erase records past their retention every night"),
        default=False,
        help_text=_(
            "Children's records are kept until the end of the school year in which they turn "
            "25 (VSEND_RETENTION_AGE). When this is ticked, a nightly task erases those past it."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("council")
        verbose_name_plural = _("councils")

    def __str__(self):
        return self.name

    @property
    def council(self):
        """A council belongs to itself, so permission checks need no special case."""
        return self

    def group_for(self, role):
        return self.role_groups.select_related("group").get(role=role).group


class CouncilGroup(models.Model):
    """The Django group that holds one role's members for one council."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="role_groups")
    role = models.CharField(max_length=20, choices=Role.choices)
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="vsend_council_role")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["council", "role"], name="vsend_one_group_per_role")
        ]
        verbose_name = _("council group")

    def __str__(self):
        return f"{self.council}: {self.get_role_display()}"


class Locality(CouncilWall, models.Model):
    """A part of a council's area used for planning and reporting (e.g. a district)."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="localities")
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=60)

    class Meta:
        ordering = ["council__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "slug"], name="vsend_locality_slug_per_council"
            ),
            models.UniqueConstraint(
                fields=["council", "name"], name="vsend_locality_name_per_council"
            ),
            # What the database-level wall's composite foreign keys refer to.
            models.UniqueConstraint(fields=["id", "council"], name="vsend_locality_of_council"),
        ]
        verbose_name = _("locality")
        verbose_name_plural = _("localities")

    def __str__(self):
        return self.name


class SettingKind(models.TextChoices):
    NURSERY = "nursery", _("Nursery or early years")
    PRIMARY = "primary", _("Primary school")
    SECONDARY = "secondary", _("Secondary school")
    SPECIAL = "special", _("Special school")
    ALTERNATIVE_PROVISION = "alternative_provision", _("Alternative provision")
    COLLEGE = "college", _("College")


class Setting(CouncilWall, models.Model):
    """An education setting a child attends: nursery, school, college."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="settings")
    locality = models.ForeignKey(
        Locality, on_delete=models.PROTECT, related_name="settings", verbose_name=_("locality")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=SettingKind.choices)
    urn = models.CharField(
        _("URN"),
        max_length=9,
        blank=True,
        validators=[UNIQUE_REFERENCE_NUMBER],
        help_text=_("Unique reference number from Get Information About Schools or Ofsted."),
    )

    class Meta:
        ordering = ["council__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["urn"],
                condition=~models.Q(urn=""),
                name="vsend_setting_urn_unique",
            ),
            models.UniqueConstraint(fields=["id", "council"], name="vsend_setting_of_council"),
        ]
        verbose_name = _("setting")
        verbose_name_plural = _("settings")

    def __str__(self):
        return self.name


class Practitioner(CouncilWall, models.Model):
    """A member of a council's practitioners group, and where they work.

    Group membership says what a practitioner may do; this says which
    council and setting they do it for, which later decides what children they
    can be assigned to.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="vsend_practitioner_roles"
    )
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="practitioners")
    setting = models.ForeignKey(
        Setting, on_delete=models.SET_NULL, null=True, blank=True, related_name="practitioners"
    )
    job_title = models.CharField(_("job title"), max_length=120, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "council"], name="vsend_practitioner_once")
        ]
        verbose_name = _("practitioner")

    def __str__(self):
        return f"{self.user.get_username()} ({self.council})"


class CouncilLogEntry(BaseLogEntry):
    """Wagtail's log of an action on a council's object (a child, a locality, a form...).

    Wagtail keeps actions on plain models in ``ModelLogEntry`` and lets anyone
    with a permission on the model read them all, in "Site history" and its
    filters, whichever council the object belongs to. vsend's objects are
    logged here instead, with their council, and only that council's staff
    (with a permission on the model) read them: see :mod:`.log_entries`.
    """

    object_id = models.CharField(max_length=255, db_index=True)
    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    objects = CouncilLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = _("council log entry")
        verbose_name_plural = _("council log entries")

    def __str__(self):
        return f"CouncilLogEntry {self.pk}: {self.action!r} on {self.object_verbose_name}"


class PendingTask(models.Model):
    """A task to send to the broker, written in the same transaction as the data it is about.

    If the broker is down when the transaction commits, the row stays unsent
    and is sent later (by the next commit that reaches the broker, or by
    ``manage.py vsend_send_pending_tasks``), so no task is ever lost. It lives in
    core because every app queues tasks through :mod:`vsend_plugin.core.outbox`.
    """

    name = models.CharField(max_length=200)
    arguments = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.name}{tuple(self.arguments)}"


# The accessibility, privacy and cookies page types live in their own module.
from .public_pages import (  # noqa: E402, F401
    AccessibilityStatementPage,
    CookiesPage,
    PrivacyNoticePage,
)
