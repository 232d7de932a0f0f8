"""A council's provision catalogue, and each child's support plan with every version kept.

The plan's current state lives in rows (support items, outcomes) so that the
evaluation can ask "which children had this kind of support on that date"
in the database; every change also writes a :class:`SupportPlanVersion`
holding the whole plan as the API carries it, so nothing is ever lost and
a plan can be read as it stood at any time.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel

from vsend_plugin.assessments.models import Assessment, Child
from vsend_plugin.core.models import Council, Role
from vsend_plugin.core.ownership import CouncilWall
from vsend_plugin.scoring import AREAS

from . import scheme

SUPPORT_TYPE_CHOICES = [(t.code, t.meaning) for t in scheme.SUPPORT_TYPES]
AREA_CHOICES = [(area.code, area.name) for area in AREAS]
HORIZON_CHOICES = list(scheme.HORIZON_LABELS.items())
ADULTHOOD_CHOICES = list(scheme.ADULTHOOD_LABELS.items())
STATUS_CHOICES = list(scheme.STATUS_LABELS.items())


class ProvisionService(CouncilWall, ClusterableModel):
    """One of a council's named services or interventions, bound to a support type.

    The binding is what makes a council's own names comparable: Northshire's
    "Talk Boost" and Westmoor's "Chatterbox" are both ``group`` support for
    communication, and are evaluated together.
    """

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=120)
    support_type = models.CharField(
        _("support type"),
        max_length=30,
        choices=SUPPORT_TYPE_CHOICES,
        help_text=_("The kind of support it is, so it is evaluated with its like elsewhere."),
    )
    areas = models.JSONField(
        _("areas of need it serves"),
        default=list,
        help_text=_("Codes of the areas of need: CI, CL, SEMH, SP, IND."),
    )
    typical_hours = models.DecimalField(
        _("typical hours a week"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(40)],
    )
    description = models.TextField(_("description"), blank=True)
    services = ParentalManyToManyField(
        "vsend_local_offer.ServicePage",
        blank=True,
        related_name="+",
        verbose_name=_("local offer services"),
        help_text=_("Where families can read about it in the local offer."),
    )

    class Meta:
        ordering = ["council", "name"]
        constraints = [
            models.UniqueConstraint(fields=["council", "name"], name="vsend_provision_name_once"),
            models.UniqueConstraint(fields=["id", "council"], name="vsend_provision_of_council"),
        ]
        verbose_name = _("provision in the catalogue")
        verbose_name_plural = _("provision catalogue")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        unknown = [code for code in self.areas or [] if code not in scheme.AREAS]
        if not isinstance(self.areas, list) or unknown:
            raise ValidationError({"areas": _("Choose areas from CI, CL, SEMH, SP and IND.")})


class SupportPlan(CouncilWall, models.Model):
    """A child's support plan as it stands now; its history is in its versions."""

    child = models.OneToOneField(Child, on_delete=models.CASCADE, related_name="support_plan")
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)
    trajectory = models.JSONField(default=scheme.empty_trajectory)
    family_aspirations = models.TextField(
        _("the family's aspirations"),
        blank=True,
        help_text=_("What the child and family hope for, in their words."),
    )

    vsend_permission_parent = "child"
    vsend_council_wide_roles = frozenset({Role.OFFICER})

    class Meta:
        verbose_name = _("support plan")
        verbose_name_plural = _("support plans")
        constraints = [
            models.UniqueConstraint(fields=["id", "council"], name="vsend_plan_of_council"),
        ]

    def __str__(self):
        return f"Support plan of {self.child}"

    def vsend_log_label(self):
        return f"Support plan of child {self.child.case_reference}"


class SupportItem(CouncilWall, models.Model):
    """One piece of support in a plan: what, for which area, how much, for how long."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="support")
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    support_type = models.CharField(max_length=30, choices=SUPPORT_TYPE_CHOICES)
    area = models.CharField(max_length=8, choices=AREA_CHOICES)
    name = models.CharField(max_length=120)
    hours_per_week = models.DecimalField(max_digits=3, decimal_places=1, null=True, blank=True)
    provider = models.CharField(max_length=200, blank=True)
    starts = models.DateField()
    ends = models.DateField(null=True, blank=True)
    planned_until_age = models.PositiveSmallIntegerField(null=True, blank=True)
    catalogue_entry = models.ForeignKey(
        ProvisionService, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    vsend_permission_parent = "plan"

    class Meta:
        ordering = ["plan", "area", "starts", "pk"]
        indexes = [models.Index(fields=["council", "support_type"])]
        verbose_name = _("support item")
        verbose_name_plural = _("support items")

    def __str__(self):
        return f"{self.name} ({self.support_type}, {self.area})"

    @property
    def intrusive(self) -> bool:
        return scheme.is_intrusive(self.support_type, self.hours_per_week, self.planned_until_age)

    def active_on(self, day) -> bool:
        """Active on a date: started on or before it, and not ended by it."""
        return self.starts <= day and (self.ends is None or self.ends > day)


class Outcome(CouncilWall, models.Model):
    """What the child will be able to do, by when; reviewed when they are next assessed."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="outcomes")
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    area = models.CharField(max_length=8, choices=AREA_CHOICES)
    text = models.TextField()
    horizon = models.CharField(max_length=20, choices=HORIZON_CHOICES)
    adulthood = models.CharField(max_length=30, choices=ADULTHOOD_CHOICES, blank=True)
    status = models.CharField(max_length=20, choices=STATUS_CHOICES, default=scheme.OPEN)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)
    reviewed_with = models.ForeignKey(
        Assessment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The assessment whose recording the outcome was reviewed at."),
    )

    vsend_permission_parent = "plan"

    class Meta:
        ordering = ["plan", "area", "pk"]
        indexes = [models.Index(fields=["council", "reviewed_at"])]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self):
        return self.text[:60]


class VersionSource(models.TextChoices):
    PRACTITIONER = "practitioner", _("Practitioner")
    FAMILY = "family", _("Family")
    REVIEW = "review", _("Outcome review")


class SupportPlanVersion(models.Model):
    """The whole plan as it stood after one change, as the API carries it. Never changed."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    source = models.CharField(max_length=20, choices=VersionSource.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    document = models.JSONField()

    vsend_council_parent = "plan"

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="vsend_plan_version_once")
        ]

    def __str__(self):
        return f"{self.plan}, version {self.number}"
