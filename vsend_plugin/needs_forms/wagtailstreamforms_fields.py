"""Field types that bind a form's questions to the scoring scheme.

``need_rating`` rates one indicator; ``provision_rating`` and
``family_confidence_rating`` rate one area; ``strengths``, ``aspirations`` and
``views`` are free text kept with the assessment but never scored. Every
rating is on the scheme's 0 to 4 scale, shown with the council's own wording
of each level, so councils can word a question as they like and still produce
comparable profiles.
"""

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtailstreamforms.fields import BaseField, register

from vsend_plugin.scoring import AREAS, INDICATORS, LEVELS
from vsend_plugin.scoring.scheme import (
    AREAS_BY_CODE,
    FAMILY_CONFIDENCE_ANCHORS,
    PROVISION_ANCHORS,
)

FREE_TEXT_MAX_LENGTH = 4000

#: What each point of the per-area scales is called: the scheme names the ends,
#: these name the points in between in the same words.
PROVISION_LEVEL_NAMES = {
    0: PROVISION_ANCHORS[0],
    1: "Can meet low need",
    2: "Can meet moderate need",
    3: "Can meet significant need",
    4: PROVISION_ANCHORS[4],
}
FAMILY_CONFIDENCE_LEVEL_NAMES = {
    0: FAMILY_CONFIDENCE_ANCHORS[0],
    1: "A little confident",
    2: "Quite confident",
    3: "Mostly confident",
    4: FAMILY_CONFIDENCE_ANCHORS[4],
}

_ORDINARY_WORD = re.compile(r"[A-Z][a-z]+[,;:.]?")


def lower_first(text):
    """``"Needs regular support"`` -> ``"needs regular support"``, for text after a colon.

    Only an ordinary capitalised first word is lowered: "I", acronyms (CVI,
    AAC) and a run of capitalised words (a name, such as British Sign
    Language) keep their capitals.
    """
    words = text.split(maxsplit=2)
    if not words or not _ORDINARY_WORD.fullmatch(words[0]):
        return text
    if len(words) > 1 and _ORDINARY_WORD.fullmatch(words[1]):
        return text
    return text[0].lower() + text[1:]


def percent_safe(message):
    """A message Django will %-format with its parameters, showing any "%" as written."""
    return message.replace("%", "%%")


class LevelLabel(str):
    """An option's words: "Moderate: needs regular targeted support".

    It is the plain string everywhere a choice label is shown (Django's own
    widgets, wagtailstreamforms' pages, a check-answers page), and carries its
    two parts so GOV.UK radios can set the level's name in bold.
    """

    def __new__(cls, name, description=""):
        description = (description or "").strip()
        if description.lower().startswith(name.lower()):
            name, description = description, ""  # the council's words already name it
        text = f"{name}: {lower_first(description)}" if description else name
        label = super().__new__(cls, text)
        label.level_name = name
        label.description = lower_first(description) if description else ""
        return label


# Editors choose what a question is scored as by its words; the code follows.
INDICATOR_CHOICES = [(code, f"{indicator.name} ({code})") for code, indicator in INDICATORS.items()]
AREA_CHOICES = [(area.code, f"{area.name} ({area.code})") for area in AREAS]


def level_descriptor_blocks():
    return [
        (
            f"level_{level.value}",
            blocks.CharBlock(
                label=f"Level {level.value}",
                help_text=f"In plain English: what level {level.value} ({level.meaning}) "
                "looks like for this question.",
                required=False,
                max_length=300,
            ),
        )
        for level in LEVELS
    ]


class RatingField(BaseField):
    """A 0 to 4 rating, one radio button a level, each with the council's descriptor."""

    field_class = forms.TypedChoiceField
    widget = forms.RadioSelect
    binding_block_name = None  # "indicator" or "area"
    binding_choices = ()

    def get_options(self, block_value):
        options = super().get_options(block_value)
        options.pop("initial", None)
        options["coerce"] = int
        options["empty_value"] = None
        options["choices"] = [
            (level.value, self.level_label(block_value, level)) for level in LEVELS
        ]
        missing = self.missing_message(block_value)
        # Django fills in parameters of messages it gives them to: keep a "%" a "%"
        options["error_messages"] = {"required": missing, "invalid_choice": percent_safe(missing)}
        return options

    @classmethod
    def level_label(cls, block_value, level):
        """The level's name, then the council's descriptor of it (or the scheme's meaning)."""
        descriptor = (block_value.get(f"level_{level.value}") or "").strip()
        return LevelLabel(cls.level_name(level), descriptor or cls.default_description(level))

    @staticmethod
    def level_name(level):
        return level.name

    @staticmethod
    def default_description(level):
        return level.meaning

    def missing_message(self, block_value):
        """What the error says when no level (or no valid level) was chosen."""
        raise NotImplementedError

    @classmethod
    def bound_name(cls, block_value):
        """The indicator's or area's name in the scheme, as it reads in a sentence."""
        raise NotImplementedError

    @classmethod
    def get_formfield_required(cls, block_value):
        return block_value.get("required", True)

    def get_form_block(self):
        return blocks.StructBlock(
            [
                (
                    self.binding_block_name,
                    blocks.ChoiceBlock(choices=self.binding_choices, label=_("Scored as")),
                ),
                ("label", blocks.CharBlock(help_text=_("Your council's wording of the question."))),
                ("help_text", blocks.CharBlock(required=False)),
                ("required", blocks.BooleanBlock(required=False, default=True)),
                *level_descriptor_blocks(),
                *self.extra_blocks(),
            ],
            icon=self.icon,
            label=self.label,
        )

    def extra_blocks(self):
        return []


@register("need_rating")
class NeedRatingField(RatingField):
    label = _("Need rating (scored indicator)")
    icon = "order"
    binding_block_name = "indicator"
    binding_choices = INDICATOR_CHOICES

    def missing_message(self, block_value):
        return f"Select a level for {self.bound_name(block_value)}"

    @classmethod
    def bound_name(cls, block_value):
        indicator = INDICATORS.get(block_value.get("indicator") or "")
        return lower_first(indicator.name) if indicator else block_value.get("label", "")

    def extra_blocks(self):
        return [
            (
                "age_notes",
                blocks.TextBlock(
                    required=False,
                    help_text=_("How this need shows at different ages (shown as guidance)."),
                ),
            )
        ]

    @classmethod
    def get_formfield_help_text(cls, block_value):
        parts = [block_value.get("help_text") or "", block_value.get("age_notes") or ""]
        return " ".join(part.strip() for part in parts if part and part.strip())


class AreaRatingField(RatingField):
    """A rating of one area; the scheme only describes the need scale's points."""

    binding_block_name = "area"
    binding_choices = AREA_CHOICES
    level_names = {}

    @classmethod
    def level_name(cls, level):
        return cls.level_names[level.value]

    @staticmethod
    def default_description(level):
        return ""

    @classmethod
    def bound_name(cls, block_value):
        area = AREAS_BY_CODE.get(block_value.get("area") or "")
        return lower_first(area.name) if area else block_value.get("label", "")


@register("provision_rating")
class ProvisionRatingField(AreaRatingField):
    label = _("Provision rating (scored area)")
    icon = "home"
    level_names = PROVISION_LEVEL_NAMES

    def missing_message(self, block_value):
        return f"Select what the setting has in place for {self.bound_name(block_value)}"


@register("family_confidence_rating")
class FamilyConfidenceRatingField(AreaRatingField):
    label = _("Family confidence rating (scored area)")
    icon = "group"
    level_names = FAMILY_CONFIDENCE_LEVEL_NAMES

    def missing_message(self, block_value):
        return f"Select how confident the family feels about {self.bound_name(block_value)}"


class FreeTextField(BaseField):
    """Kept with the assessment and shown on the profile; never scored."""

    field_class = forms.CharField
    widget = forms.Textarea
    icon = "doc-full"

    def get_options(self, block_value):
        options = super().get_options(block_value)
        options["max_length"] = min(
            block_value.get("max_length") or FREE_TEXT_MAX_LENGTH, FREE_TEXT_MAX_LENGTH
        )
        label = block_value.get("label", "")
        options["error_messages"] = {
            "required": f"Enter {lower_first(label)}",
            "max_length": percent_safe(
                f"{label} must be {options['max_length']} characters or fewer"
            ),
        }
        return options

    def get_form_block(self):
        return blocks.StructBlock(
            [
                ("label", blocks.CharBlock()),
                ("help_text", blocks.CharBlock(required=False)),
                ("required", blocks.BooleanBlock(required=False)),
                (
                    "max_length",
                    blocks.IntegerBlock(
                        required=False,
                        min_value=1,
                        max_value=FREE_TEXT_MAX_LENGTH,
                        help_text=_("The longest answer allowed, in characters (at most 4000)."),
                    ),
                ),
            ],
            icon=self.icon,
            label=self.label,
        )

    @classmethod
    def get_formfield_required(cls, block_value):
        return block_value.get("required", False)


@register("strengths")
class StrengthsField(FreeTextField):
    label = _("Strengths (not scored)")


@register("aspirations")
class AspirationsField(FreeTextField):
    label = _("Aspirations (not scored)")


@register("views")
class ViewsField(FreeTextField):
    label = _("Views (not scored)")
