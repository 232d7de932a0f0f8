"""Moderation rounds, the blind second ratings they ask for, and ratings of calibration cases.

A second rating is stored beside the assessment it rates, never in it: it
changes no profile, band or rollup. It holds the rater's 18 indicator levels
and the band they make, and the quarter it was submitted in, which is the
period its pairs belong to (spec/moderation.md).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vsend_plugin.assessments.models import Assessment
from vsend_plugin.core.models import Council, Role
from vsend_plugin.core.ownership import CouncilWall


class ModerationRound(CouncilWall, models.Model):
    """An officer's sample of recent assessments, each given to a second rater."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=120)
    chosen_by = models.TextField(
        _("how the assessments were chosen"),
        blank=True,
        help_text=_("For example: a random 20% of Hill Top Primary's, October to December."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    vsend_council_wide_roles = frozenset({Role.OFFICER})

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["id", "council"], name="vsend_round_of_council"),
        ]
        verbose_name = _("moderation round")
        verbose_name_plural = _("moderation rounds")

    def __str__(self):
        return self.name

    @property
    def progress(self):
        """How far the round has gone, as the officers' list says it: "3 of 10 rated"."""
        ratings = self.second_ratings.all()
        return f"{ratings.exclude(rated_at=None).count()} of {ratings.count()} rated"

    @property
    def raters(self):
        names = self.second_ratings.values_list("rater__username", flat=True).distinct()
        return ", ".join(sorted(names))


class SecondRatingQuerySet(models.QuerySet):
    def open(self):
        return self.filter(rated_at__isnull=True)

    def rated(self):
        return self.filter(rated_at__isnull=False)


class SecondRating(CouncilWall, models.Model):
    """An assessment given to a second rater in a round; once rated, their levels beside it.

    Until ``rated_at`` is set this is an open assignment, and the rater must
    not see the assessment it is about (:mod:`.blindness`).
    """

    round = models.ForeignKey(
        ModerationRound, on_delete=models.CASCADE, related_name="second_ratings"
    )
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="second_ratings"
    )
    rater = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="vsend_second_ratings"
    )
    assigned_at = models.DateTimeField(default=timezone.now, editable=False)
    need = models.JSONField(null=True, blank=True, editable=False)
    band = models.CharField(max_length=1, blank=True, editable=False)
    rated_at = models.DateTimeField(null=True, blank=True, editable=False)
    period = models.CharField(max_length=7, blank=True, editable=False, db_index=True)

    objects = SecondRatingQuerySet.as_manager()

    #: Officers see every second rating of their council; a rater sees their own
    #: (:func:`.rounds.assignments_of`); the first rater sees none.
    vsend_council_wide_roles = frozenset({Role.OFFICER})

    class Meta:
        ordering = ["round", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "assessment"], name="vsend_second_rating_once_a_round"
            ),
        ]
        indexes = [models.Index(fields=["council", "period"])]
        verbose_name = _("second rating")
        verbose_name_plural = _("second ratings")

    def __str__(self):
        state = "rated" if self.rated_at else "open"
        return f"Second rating of {self.assessment_id} by {self.rater} ({state})"

    def vsend_log_label(self):
        return f"Second rating of child {self.assessment.child.case_reference}"

    @property
    def is_open(self):
        return self.rated_at is None


class CalibrationRating(models.Model):
    """A practitioner's rating of a calibration case, compared only with its reference."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    rater = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="vsend_calibration_ratings"
    )
    case = models.SlugField(_("calibration case"), max_length=80)
    need = models.JSONField()
    band = models.CharField(max_length=1, blank=True)
    rated_at = models.DateTimeField(default=timezone.now)
    period = models.CharField(max_length=7, db_index=True)

    vsend_council_wide_roles = frozenset({Role.OFFICER})

    class Meta:
        ordering = ["-rated_at", "-pk"]
        indexes = [models.Index(fields=["council", "period"])]
        verbose_name = _("calibration rating")
        verbose_name_plural = _("calibration ratings")

    def __str__(self):
        return f"{self.rater} rated {self.case} on {self.rated_at:%d %B %Y}"
