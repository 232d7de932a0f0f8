"""Which council a form belongs to, what kind of form it is, and whether it is published."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from vsend_plugin.core.models import Council, Role
from vsend_plugin.core.ownership import CouncilWall

from . import binding


class FormKind(models.TextChoices):
    NEEDS_MAPPING = "needs_mapping", _("Needs mapping (scored by practitioners)")
    FAMILY_CONTRIBUTION = "family_contribution", _("Family contribution")
    SURVEY = "survey", _("Survey")
    OTHER = "other", _("Other (not scored)")


class FormStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


PROBLEM_CHECKS = {
    FormKind.NEEDS_MAPPING: binding.needs_mapping_problems,
    FormKind.FAMILY_CONTRIBUTION: binding.family_contribution_problems,
}


class CouncilForm(CouncilWall, models.Model):
    """vsend's record of a wagtailstreamforms form: its council, kind, status and version.

    The form itself (its questions) stays a wagtailstreamforms ``Form``, edited
    in the Forms admin; this says whose it is and whether practitioners and
    families may use it. ``version`` goes up each time a published form's
    questions change, and every assessment records the version it was made with.
    """

    form = models.OneToOneField(
        "wagtailstreamforms.Form", on_delete=models.CASCADE, related_name="vsend"
    )
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="forms")
    kind = models.CharField(_("kind"), max_length=30, choices=FormKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=FormStatus.choices, default=FormStatus.DRAFT
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    library_slug = models.SlugField(
        _("library slug"),
        max_length=100,
        help_text=_("The form's name in the forms library, e.g. core-needs-mapping."),
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("Shown above the form's questions.")
    )
    fields_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)

    vsend_council_wide_roles = frozenset({Role.EDITOR, Role.OFFICER, Role.PRACTITIONER})

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["council", "library_slug"], name="vsend_form_library_slug_per_council"
            )
        ]
        ordering = ["council__name", "form__title"]
        verbose_name = _("council form")
        verbose_name_plural = _("council forms")

    def __str__(self):
        return self.form.title

    def save(self, *args, **kwargs):
        fingerprint = binding.fingerprint(self.form.fields)
        if self.fields_fingerprint and fingerprint != self.fields_fingerprint:
            self.version += 1
        self.fields_fingerprint = fingerprint
        if self.status == FormStatus.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def problems(self, fields=None):
        """Why this form cannot be published as its kind ([] when it can)."""
        check = PROBLEM_CHECKS.get(self.kind)
        if check is None:
            return binding.labels_problems(fields if fields is not None else self.form.fields)
        return check(fields if fields is not None else self.form.fields)

    def clean(self):
        super().clean()
        if self.status == FormStatus.PUBLISHED and self.form_id:
            problems = self.problems()
            if problems:
                raise ValidationError({"status": problems})

    @classmethod
    def free_library_slug(cls, council, wanted, exclude_pk=None):
        """``wanted`` as a library slug, or it numbered, unused by the council's other forms."""
        base = slugify(str(wanted))[:90] or "form"
        others = cls.objects.filter(council=council).exclude(pk=exclude_pk)
        candidate, number = base, 1
        while others.filter(library_slug=candidate).exists():
            number += 1
            candidate = f"{base}-{number}"
        return candidate

    @property
    def is_published(self):
        return self.status == FormStatus.PUBLISHED
