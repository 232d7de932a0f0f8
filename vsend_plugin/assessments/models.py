"""Children, their assessments (with every version kept), and who looked at them.

Only what the work needs is stored about a child: a case reference, a given
name, month and year of birth, year group, setting and locality. Each
assessment keeps the raw ratings, the form and form version they were made
with, the scheme and the profile it produced; a family's contribution makes a
new version rather than changing the old one, so the history is never lost.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vsend_plugin.core.models import Council, Locality, Role, Setting
from vsend_plugin.core.ownership import CouncilWall
from vsend_plugin.scoring import SCHEME, Profile

from .private_files import private_storage


class YearGroup(models.TextChoices):
    EARLY_YEARS = "early_years", _("Early years")
    RECEPTION = "reception", _("Reception")
    YEAR_1 = "year_1", _("Year 1")
    YEAR_2 = "year_2", _("Year 2")
    YEAR_3 = "year_3", _("Year 3")
    YEAR_4 = "year_4", _("Year 4")
    YEAR_5 = "year_5", _("Year 5")
    YEAR_6 = "year_6", _("Year 6")
    YEAR_7 = "year_7", _("Year 7")
    YEAR_8 = "year_8", _("Year 8")
    YEAR_9 = "year_9", _("Year 9")
    YEAR_10 = "year_10", _("Year 10")
    YEAR_11 = "year_11", _("Year 11")
    YEAR_12 = "year_12", _("Year 12")
    YEAR_13 = "year_13", _("Year 13")
    POST_19 = "post_19", _("Post-19")


class Child(CouncilWall, models.Model):
    """A child or young person whose needs a council's practitioners map."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="children")
    setting = models.ForeignKey(Setting, on_delete=models.PROTECT, related_name="children")
    locality = models.ForeignKey(Locality, on_delete=models.PROTECT, related_name="children")
    case_reference = models.CharField(_("case reference"), max_length=40)
    given_name = models.CharField(_("given name"), max_length=60)
    birth_month = models.PositiveSmallIntegerField(
        _("month of birth"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"), validators=[MinValueValidator(1995), MaxValueValidator(2100)]
    )
    year_group = models.CharField(_("year group"), max_length=20, choices=YearGroup.choices)
    practitioners = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="vsend_children",
        verbose_name=_("practitioners assigned"),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    #: Officers see every child of their council; practitioners and families only
    #: the children they are given an object permission for.
    vsend_council_wide_roles = frozenset({Role.OFFICER})

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["council", "case_reference"], name="vsend_child_reference_per_council"
            ),
            # What the database-level wall's composite foreign keys refer to.
            models.UniqueConstraint(fields=["id", "council"], name="vsend_child_of_council"),
        ]
        ordering = ["council__name", "case_reference"]
        verbose_name = _("child")
        verbose_name_plural = _("children")

    def __str__(self):
        return f"{self.given_name} ({self.case_reference})"

    def vsend_log_label(self):
        """How Wagtail's history names the child: by case reference, never by name."""
        return f"Child {self.case_reference}"

    @property
    def born(self):
        return timezone.datetime(self.birth_year, self.birth_month, 1).strftime("%B %Y")

    def latest_assessment(self):
        return self.assessments.order_by("-taken_at", "-pk").first()


class Assessment(CouncilWall, models.Model):
    """One needs mapping of a child on a date; its content lives in its versions."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="assessments")
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="assessments")
    taken_at = models.DateTimeField(_("date of assessment"), default=timezone.now, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    vsend_permission_parent = "child"

    class Meta:
        ordering = ["-taken_at", "-pk"]
        indexes = [models.Index(fields=["council", "taken_at"])]

    def __str__(self):
        return f"Assessment of {self.child} on {self.taken_at:%d %B %Y}"

    @property
    def current(self):
        """The newest version (cached on the instance once read)."""
        if not hasattr(self, "_current"):
            self._current = self.versions.order_by("-number").first()
        return self._current


class VersionSource(models.TextChoices):
    PRACTITIONER = "practitioner", _("Practitioner")
    FAMILY = "family", _("Family")


class AssessmentVersion(CouncilWall, models.Model):
    """An immutable state of an assessment: ratings, text, and the profile they score to."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    source = models.CharField(max_length=20, choices=VersionSource.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    form = models.ForeignKey(
        "vsend_needs_forms.CouncilForm",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    form_version = models.PositiveIntegerField(null=True, blank=True)
    need = models.JSONField(default=dict)
    provision = models.JSONField(default=dict)
    family_confidence = models.JSONField(default=dict)
    strengths = models.TextField(blank=True)
    aspirations = models.TextField(blank=True)
    views = models.TextField(blank=True)
    family_views = models.TextField(blank=True)
    family_aspirations = models.TextField(blank=True)
    answers = models.JSONField(
        default=dict, blank=True, help_text=_("Answers to the form's unscored local questions.")
    )
    scheme = models.CharField(max_length=40, default=SCHEME)
    profile = models.JSONField()
    # Copied out of the profile for filtering and rollups.
    complete = models.BooleanField(default=False)
    band = models.CharField(max_length=1, blank=True, db_index=True)
    primary_area = models.CharField(max_length=8, blank=True)

    #: Whose it is: its assessment's council (it has no council of its own).
    vsend_council_parent = "assessment"

    class Meta:
        ordering = ["assessment", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "number"], name="vsend_version_number_once"
            )
        ]

    def __str__(self):
        return f"{self.assessment}, version {self.number}"

    def save(self, *args, **kwargs):
        if self.pk and not kwargs.pop("force_update_allowed", False):
            raise ValidationError("Assessment versions are never changed; make a new version.")
        profile = self.profile
        self.complete = bool(profile.get("complete"))
        self.band = profile.get("band") or ""
        self.primary_area = profile.get("primary_area") or ""
        super().save(*args, **kwargs)

    def get_profile(self) -> Profile:
        return Profile.from_dict(self.profile)


class AccessEvent(CouncilWall, models.Model):
    """One read of a child's record: who, what, when. Written for every view and export."""

    class Action(models.TextChoices):
        VIEW_CHILD = "view_child", _("Viewed a child's page")
        LIST_CHILD = "list_child", _("Saw a child in a list of children")
        VIEW_ASSESSMENT = "view_assessment", _("Viewed an assessment")
        DOWNLOAD_PDF = "download_pdf", _("Downloaded a PDF summary")
        VIEW_DRAFT = "view_draft", _("Opened a needs-mapping draft")
        API_CHILD = "api_child", _("Read a child through the API")
        API_ASSESSMENT = "api_assessment", _("Read an assessment through the API")
        VIEW_PLAN = "view_plan", _("Viewed a support plan")
        API_PLAN = "api_plan", _("Read a support plan through the API")
        VIEW_SECOND_RATING = "view_second_rating", _("Opened a child's moderation assignment")
        API_SECOND_RATING = "api_second_rating", _("Read or gave a second rating through the API")
        API_RECORD = "api_record", _("Exported a child's whole record")
        ERASED = "erased", _("Erased a child's record")
        API_FHIR = "api_fhir", _("Read an assessment as FHIR through the API")
        RECORD_PDF = "record_pdf", _("Downloaded the whole record as a PDF")
        ADMIN_RECORD = "admin_record", _("Exported a child's whole record in the admin")
        TRANSFER_STARTED = "transfer_started", _("Started a transfer to another council")
        TRANSFERRED_OUT = "transferred_out", _("Transferred a child to another council")
        TRANSFERRED_IN = "transferred_in", _("Received a child from another council")
        IMPORTED = "imported", _("Imported a child's record from another install")

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="access_events")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    username = models.CharField(max_length=150)
    action = models.CharField(max_length=30, choices=Action.choices)
    child = models.ForeignKey(Child, on_delete=models.SET_NULL, null=True, related_name="+")
    assessment = models.ForeignKey(
        Assessment, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    #: Set when the child is erased: the entry stays, naming the child by a one-way pseudonym.
    child_pseudonym = models.CharField(max_length=40, blank=True, editable=False)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    path = models.CharField(max_length=300, blank=True)

    vsend_council_wide_roles = frozenset({Role.OFFICER})

    class Meta:
        ordering = ["-at"]
        verbose_name = _("access to a child's record")
        verbose_name_plural = _("access log")

    def __str__(self):
        return f"{self.username} {self.get_action_display().lower()} at {self.at:%Y-%m-%d %H:%M}"


class NeedsMappingDraft(CouncilWall, models.Model):
    """A practitioner's unfinished needs mapping of a child, kept step by step.

    One a child, practitioner and form. It is not an assessment: nothing in it
    is scored, counted, shown to anyone but its author or rolled up. Its
    ``answers`` are the values as submitted on each step (field name to
    value), so a page can be shown again exactly as it was left. Submitting
    from the check-answers page records the assessment through the usual path
    and deletes the draft in the same transaction.
    """

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="needs_mapping_drafts")
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    form = models.ForeignKey(
        "vsend_needs_forms.CouncilForm", on_delete=models.CASCADE, related_name="+"
    )
    form_version = models.PositiveIntegerField()
    answers = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    vsend_permission_parent = "child"

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["child", "author", "form"], name="vsend_one_draft_per_child_author_form"
            )
        ]
        verbose_name = _("needs-mapping draft")
        verbose_name_plural = _("needs-mapping drafts")

    def __str__(self):
        return f"Draft needs mapping of {self.child}, started {self.created_at:%d %B %Y}"


class PdfSummary(models.Model):
    """The PDF summary of one assessment version, made by a Celery task, stored privately."""

    version = models.OneToOneField(AssessmentVersion, on_delete=models.CASCADE, related_name="pdf")
    file = models.FileField(upload_to="summaries/%Y/%m/", storage=private_storage, blank=True)
    made_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)

    #: Whose it is: its version's council.
    vsend_council_parent = "version"

    def __str__(self):
        return f"PDF summary of {self.version}"

    @property
    def ready(self):
        return bool(self.file)


class FamilyInvitation(models.Model):
    """A practitioner's invitation for a child's family to see the summary and add their view.

    The link carries a signed token that expires; it works once, for the
    signed-in parent carer who opens it, who is then given access to this
    child's record only.
    """

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="family_invitations")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)

    vsend_permission_parent = "child"

    def __str__(self):
        return f"Invitation for {self.child}'s family"
