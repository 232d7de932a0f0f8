"""The practitioner's and the family's forms for a support plan, checked by the API's rules.

Each form gathers what a person typed in GOV.UK components (radios, a date
as day, month and year) and its ``clean()`` hands it to the serializer the
API uses (:mod:`.serializers`), so a rule of ``vsend-support/1`` is written
once: a page shows the serializer's message on the field it names, and the
page's error summary links to it. Django's own field checks are only for
what a serializer cannot see (a day typed as a word).
"""

from datetime import date

from django import forms

from vsend_plugin.core.govuk_forms import GovukErrorMessagesMixin
from vsend_plugin.scoring import AREAS

from . import scheme
from .road import PROVISION_WORDS
from .serializers import (
    OutcomeReviewSerializer,
    OutcomeSerializer,
    PlanSerializer,
    SupportItemSerializer,
    TrajectorySerializer,
)

AREA_CHOICES = [(area.code, area.name) for area in AREAS]
SUPPORT_TYPE_CHOICES = [("", "Choose a kind of support")] + [
    (kind.code, kind.meaning) for kind in scheme.SUPPORT_TYPES
]
LEVEL_CHOICES = [("", "Not planned")] + [
    (str(level), f"{level}: {words}") for level, words in PROVISION_WORDS.items()
]
NO_ADULTHOOD = "none"
REVIEW_CHOICES = [(scheme.OPEN, "Leave it open for now")] + [
    (status, scheme.STATUS_LABELS[status]) for status in scheme.REVIEWED_STATUSES
]


def serializer_errors(form, serializer, fields):
    """Put a serializer's errors on the form's fields (``fields`` maps its names to ours)."""
    for name, messages in serializer.errors.items():
        if isinstance(messages, dict):  # a nested serializer: its first message is enough
            messages = [str(message) for value in messages.values() for message in value]
        target = fields.get(name)
        for message in messages:
            form.add_error(target if target in form.fields else None, str(message))


class DateParts:
    """A GOV.UK date input: day, month and year as three whole-number fields."""

    def __init__(self, form, prefix, label):
        self.form, self.prefix, self.label = form, prefix, label

    @staticmethod
    def fields(prefix, required):
        return {
            f"{prefix}_{part}": forms.CharField(label=part.title(), required=False, max_length=4)
            for part in ("day", "month", "year")
        }

    def value(self, required):
        """The date typed, ``None`` when left empty (if allowed); errors go on the day field."""
        data = self.form.cleaned_data
        parts = [
            (data.get(f"{self.prefix}_{part}") or "").strip() for part in ("day", "month", "year")
        ]
        anchor = f"{self.prefix}_day"
        if not any(parts):
            if required:
                self.form.add_error(anchor, f"Enter the date {self.label}")
            return None
        if not all(parts):
            missing = [
                name for name, part in zip(("day", "month", "year"), parts, strict=True) if not part
            ]
            self.form.add_error(anchor, f"The date {self.label} must include a {missing[0]}")
            return None
        try:
            day, month, year = (int(part) for part in parts)
            if year < 1000:
                raise ValueError
            return date(year, month, day)
        except ValueError:
            self.form.add_error(anchor, f"The date {self.label} must be a real date")
            return None


class SupportItemForm(GovukErrorMessagesMixin, forms.Form):
    """One piece of support: from the council's catalogue (type fixed by it) or entered freely."""

    support_type = forms.ChoiceField(label="Kind of support", choices=SUPPORT_TYPE_CHOICES)
    area = forms.ChoiceField(
        label="Which area of need does it serve?", choices=AREA_CHOICES, widget=forms.RadioSelect
    )
    name = forms.CharField(label="Name of the support", max_length=120)
    hours_per_week = forms.CharField(
        label="Hours a week",
        required=False,
        max_length=10,
        help_text="From 0 to 40, in steps of half an hour, like 2.5. Leave empty when hours "
        "do not apply.",
    )
    provider = forms.CharField(label="Who provides it", required=False, max_length=200)
    planned_until_age = forms.IntegerField(
        label="Until what age is it expected to be needed?",
        required=False,
        help_text="A whole number of years from 4 to 25. Leave empty if nobody knows yet.",
        error_messages={"invalid": "Enter the age as a whole number of years, like 16"},
    )

    DATES = (("starts", "it starts", True), ("ends", "it ends", False))

    def __init__(self, *args, catalogue_entry=None, **kwargs):
        super().__init__(*args, **kwargs)
        for prefix, _, required in self.DATES:
            self.fields.update(DateParts.fields(prefix, required))
        self.catalogue_entry = catalogue_entry
        if catalogue_entry is not None:
            self.fields["support_type"].required = False
            self.fields["support_type"].widget = forms.HiddenInput()
            if catalogue_entry.areas:
                self.fields["area"].choices = [
                    choice for choice in AREA_CHOICES if choice[0] in catalogue_entry.areas
                ]

    def date_groups(self):
        """The two dates, for the template: label, hint, and the three bound fields each."""
        return [
            {
                "prefix": prefix,
                "legend": f"When {words}" + ("" if required else " (optional)"),
                "hint": "For example, 1 9 2026"
                if required
                else "Leave empty if it has no end date.",
                "parts": [self[f"{prefix}_{part}"] for part in ("day", "month", "year")],
                "errors": self[f"{prefix}_day"].errors,
            }
            for prefix, words, required in self.DATES
        ]

    def clean(self):
        cleaned = super().clean()
        dates = {
            prefix: DateParts(self, prefix, words).value(required)
            for prefix, words, required in self.DATES
        }
        if self.errors:
            return cleaned
        support_type = (
            self.catalogue_entry.support_type if self.catalogue_entry else cleaned["support_type"]
        )
        hours = (cleaned.get("hours_per_week") or "").strip()
        data = {
            "type": support_type,
            "area": cleaned["area"],
            "name": cleaned["name"],
            "hours_per_week": hours or None,
            "provider": cleaned.get("provider") or "",
            "starts": dates["starts"].isoformat(),
            "ends": dates["ends"].isoformat() if dates["ends"] else None,
            "planned_until_age": cleaned.get("planned_until_age"),
        }
        serializer = SupportItemSerializer(data=data)
        if not serializer.is_valid():
            serializer_errors(
                self,
                serializer,
                {
                    "type": "support_type",
                    "area": "area",
                    "name": "name",
                    "hours_per_week": "hours_per_week",
                    "provider": "provider",
                    "starts": "starts_day",
                    "ends": "ends_day",
                    "planned_until_age": "planned_until_age",
                },
            )
            return cleaned
        self.document = data  # the API's shape, for the whole plan's check
        return cleaned

    @classmethod
    def initial_for(cls, row=None, catalogue_entry=None):
        """What the form starts with: an item's values, or the catalogue entry's."""
        initial = {}
        if row is not None:
            initial = {
                "support_type": row["type"],
                "area": row["area"],
                "name": row["name"],
                "hours_per_week": "" if row["hours_per_week"] is None else row["hours_per_week"],
                "provider": row["provider"],
                "planned_until_age": row["planned_until_age"],
            }
            for prefix in ("starts", "ends"):
                if row[prefix]:
                    year, month, day = row[prefix].split("-")
                    initial.update(
                        {
                            f"{prefix}_day": int(day),
                            f"{prefix}_month": int(month),
                            f"{prefix}_year": year,
                        }
                    )
        elif catalogue_entry is not None:
            initial = {"name": catalogue_entry.name}
            if catalogue_entry.typical_hours is not None:
                initial["hours_per_week"] = f"{catalogue_entry.typical_hours.normalize():f}"
            if len(catalogue_entry.areas or []) == 1:
                initial["area"] = catalogue_entry.areas[0]
        return initial


class OutcomeForm(GovukErrorMessagesMixin, forms.Form):
    """An outcome: what the child will be able to do, in which area, by when."""

    area = forms.ChoiceField(
        label="Which area of need is it about?", choices=AREA_CHOICES, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label="What will the child be able to do?",
        widget=forms.Textarea,
        max_length=1000,
        help_text="In the child's and the family's words where you can, like "
        "\u201cTravels to college on the bus with a friend\u201d.",
    )
    horizon = forms.ChoiceField(
        label="By when?", choices=list(scheme.HORIZON_LABELS.items()), widget=forms.RadioSelect
    )
    adulthood = forms.ChoiceField(
        label="Which Preparing for Adulthood outcome is it part of?",
        choices=[(NO_ADULTHOOD, "None of these")] + list(scheme.ADULTHOOD_LABELS.items()),
        widget=forms.RadioSelect,
        required=False,
        help_text="Only for outcomes by 16, 18 or 25.",
    )

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        adulthood = cleaned.get("adulthood")
        data = {
            "area": cleaned["area"],
            "text": cleaned["text"],
            "horizon": cleaned["horizon"],
            "adulthood": None if adulthood in ("", NO_ADULTHOOD, None) else adulthood,
        }
        serializer = OutcomeSerializer(data=data)
        if not serializer.is_valid():
            serializer_errors(
                self,
                serializer,
                {"area": "area", "text": "text", "horizon": "horizon", "adulthood": "adulthood"},
            )
            return cleaned
        self.document = data
        return cleaned


class TrajectoryForm(GovukErrorMessagesMixin, forms.Form):
    """The planned provision level in each area at now, the next phase, 16 and 18."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for area in AREAS:
            for point in scheme.TRAJECTORY_POINTS:
                self.fields[f"{area.code}__{point}"] = forms.ChoiceField(
                    label=scheme.TRAJECTORY_LABELS[point],
                    choices=LEVEL_CHOICES,
                    required=False,
                )

    @staticmethod
    def initial_for(trajectory):
        return {
            f"{code}__{point}": "" if level is None else str(level)
            for code, points in (trajectory or {}).items()
            for point, level in (points or {}).items()
        }

    def groups(self):
        return [
            {
                "code": area.code,
                "name": area.name,
                "fields": [self[f"{area.code}__{point}"] for point in scheme.TRAJECTORY_POINTS],
            }
            for area in AREAS
        ]

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        data = {
            area.code: {
                point: None
                if cleaned.get(f"{area.code}__{point}") in ("", None)
                else int(cleaned[f"{area.code}__{point}"])
                for point in scheme.TRAJECTORY_POINTS
            }
            for area in AREAS
        }
        serializer = TrajectorySerializer(data=data)
        if not serializer.is_valid():
            for code, problems in serializer.errors.items():
                for point, messages in problems.items() if isinstance(problems, dict) else []:
                    for message in messages:
                        self.add_error(f"{code}__{point}", str(message))
            return cleaned
        self.document = data
        return cleaned


class AspirationsForm(GovukErrorMessagesMixin, forms.Form):
    """The family's hopes for their child, in their own words."""

    aspirations = forms.CharField(
        label="What do you hope for?",
        widget=forms.Textarea,
        max_length=4000,
        help_text="What you and your child hope for now and when they are grown up: at school, "
        "with friends, at home, in work. Write it in your own words.",
    )


class OutcomeReviewForm(GovukErrorMessagesMixin, forms.Form):
    """One outcome's review: how it went, and a note."""

    status = forms.ChoiceField(
        label="How did it go?", choices=REVIEW_CHOICES, widget=forms.RadioSelect, required=False
    )
    note = forms.CharField(
        label="Note",
        widget=forms.Textarea,
        required=False,
        max_length=2000,
        help_text="What happened, and the family's view where they gave one.",
    )

    def clean(self):
        cleaned = super().clean()
        if self.errors or cleaned.get("status") in ("", scheme.OPEN, None):
            return cleaned
        serializer = OutcomeReviewSerializer(
            data={"status": cleaned["status"], "note": cleaned.get("note") or ""}
        )
        if not serializer.is_valid():
            serializer_errors(self, serializer, {"status": "status", "note": "note"})
        return cleaned


def check_plan(document, plan):
    """The whole plan through the API's serializer: ``(validated data, errors)``."""
    serializer = PlanSerializer(
        data={key: document[key] for key in ("support", "outcomes", "trajectory")},
        context={"plan": plan},
    )
    if serializer.is_valid():
        return serializer.validated_data, None
    return None, serializer.errors
