"""Field types that bind a form's questions to the scoring scheme.

``need_rating`` rates one indicator; ``provision_rating`` and
``family_confidence_rating`` rate one area; ``strengths``, ``aspirations`` and
``views`` are free text kept with the assessment but never scored. Every
rating is on the scheme's 0 to 4 scale, shown with the council's own wording
of each level, so councils can word a question as they like and still produce
comparable profiles.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtailstreamforms.fields import BaseField, register

from vsend_plugin.scoring import AREAS, INDICATORS, LEVELS

FREE_TEXT_MAX_LENGTH = 4000

INDICATOR_CHOICES = [(code, f"{code}: {indicator.name}") for code, indicator in INDICATORS.items()]
AREA_CHOICES = [(area.code, f"{area.code}: {area.name}") for area in AREAS]


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
        return options

    @staticmethod
    def level_label(block_value, level):
        descriptor = (block_value.get(f"level_{level.value}") or "").strip()
        return f"{level.value}: {descriptor or level.meaning}"

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


@register("provision_rating")
class ProvisionRatingField(RatingField):
    label = _("Provision rating (scored area)")
    icon = "home"
    binding_block_name = "area"
    binding_choices = AREA_CHOICES


@register("family_confidence_rating")
class FamilyConfidenceRatingField(RatingField):
    label = _("Family confidence rating (scored area)")
    icon = "group"
    binding_block_name = "area"
    binding_choices = AREA_CHOICES


class FreeTextField(BaseField):
    """Kept with the assessment and shown on the profile; never scored."""

    field_class = forms.CharField
    widget = forms.Textarea
    icon = "doc-full"

    def get_options(self, block_value):
        options = super().get_options(block_value)
        options["max_length"] = min(block_value.get("max_length") or FREE_TEXT_MAX_LENGTH, FREE_TEXT_MAX_LENGTH)
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
                        required=False, min_value=1, max_value=FREE_TEXT_MAX_LENGTH,
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
