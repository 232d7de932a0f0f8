"""What a support plan sent to vsend must hold, checked field by field (``vsend-support/1``).

Every rule of the spec's validation paragraph is a field error naming its
place (``support.0.hours_per_week``), so an integration can show people what
to fix; unknown keys are refused rather than dropped, so a misspelt field
never silently loses what someone wrote.
"""

from decimal import Decimal, InvalidOperation

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from vsend_plugin.core.api import ClosedInputSerializer

from . import scheme


class StrictSerializer(ClosedInputSerializer):
    """Refuses keys it does not know; read-only keys it sends out are accepted and ignored."""

    def to_internal_value(self, data):
        if isinstance(data, dict) and (unknown := self.unknown_field_errors(data)):
            raise serializers.ValidationError(unknown)
        return super().to_internal_value(data)


@extend_schema_field(
    {"type": "number", "minimum": 0, "maximum": 40, "multipleOf": 0.5, "nullable": True}
)
class HoursField(serializers.Field):
    """Hours a week: 0 to 40 in steps of 0.5, or null when hours do not apply."""

    default_error_messages = {
        "invalid": "Give the hours a week as a number, or null when hours do not apply.",
        "range": "Hours a week must be from 0 to 40, in steps of 0.5.",
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("required", False)
        kwargs.setdefault("default", None)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, (int, float, str)):
            self.fail("invalid")
        try:
            value = Decimal(str(data))
        except InvalidOperation:
            self.fail("invalid")
        if not value.is_finite():
            self.fail("invalid")
        if not (0 <= value <= scheme.MAX_HOURS) or value % scheme.HOURS_STEP:
            self.fail("range")
        return value

    def to_representation(self, value):
        return None if value is None else float(value)


class WholeNumberField(serializers.IntegerField):
    """A whole number given as one: ``16``, never ``"16"``, ``16.5`` or ``true``."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


class SupportItemSerializer(StrictSerializer):
    id = serializers.IntegerField(
        required=False, help_text="Kept from a previous GET; omit for new support."
    )
    type = serializers.ChoiceField(choices=scheme.SUPPORT_TYPE_CODES, source="support_type")
    area = serializers.ChoiceField(choices=scheme.AREAS)
    name = serializers.CharField(max_length=120)
    hours_per_week = HoursField()
    provider = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    starts = serializers.DateField()
    ends = serializers.DateField(required=False, allow_null=True, default=None)
    planned_until_age = WholeNumberField(
        required=False,
        allow_null=True,
        default=None,
        min_value=scheme.YOUNGEST_AGE,
        max_value=scheme.OLDEST_AGE,
        error_messages={
            "min_value": "Give an age from 4 to 25.",
            "max_value": "Give an age from 4 to 25.",
        },
    )
    intrusive = serializers.BooleanField(read_only=True)

    def validate(self, attrs):
        ends = attrs.get("ends")
        if ends is not None and ends < attrs["starts"]:
            raise serializers.ValidationError({"ends": ["The end must not be before the start."]})
        return attrs


class OutcomeSerializer(StrictSerializer):
    id = serializers.IntegerField(
        required=False, help_text="Kept from a previous GET; omit for new outcomes."
    )
    area = serializers.ChoiceField(choices=scheme.AREAS)
    text = serializers.CharField(max_length=1000)
    horizon = serializers.ChoiceField(choices=scheme.HORIZONS)
    adulthood = serializers.ChoiceField(
        choices=scheme.ADULTHOOD, required=False, allow_null=True, default=None
    )
    status = serializers.ChoiceField(choices=scheme.STATUSES, required=False, default=scheme.OPEN)
    reviewed_at = serializers.DateTimeField(read_only=True)

    def validate(self, attrs):
        if attrs.get("adulthood") and attrs["horizon"] not in scheme.AGE_HORIZONS:
            raise serializers.ValidationError(
                {
                    "adulthood": [
                        "A Preparing for Adulthood outcome needs a horizon of age 16, 18 or 25."
                    ]
                }
            )
        attrs["adulthood"] = attrs.get("adulthood") or ""
        return attrs


class TrajectoryPointsSerializer(StrictSerializer):
    """Planned provision levels (0 to 4, or null) at each point towards adulthood."""

    def get_fields(self):
        return {
            point: WholeNumberField(
                required=False,
                allow_null=True,
                default=None,
                min_value=0,
                max_value=4,
                error_messages={
                    "min_value": "A provision level is from 0 to 4.",
                    "max_value": "A provision level is from 0 to 4.",
                },
            )
            for point in scheme.TRAJECTORY_POINTS
        }


class TrajectorySerializer(StrictSerializer):
    def get_fields(self):
        return {area: TrajectoryPointsSerializer(required=False) for area in scheme.AREAS}

    def to_internal_value(self, data):
        values = super().to_internal_value(data)
        trajectory = scheme.empty_trajectory()
        for area, points in values.items():
            trajectory[area].update(points)
        return trajectory


class PlanSerializer(StrictSerializer):
    """A whole plan, as ``PUT children/{id}/plan/`` takes it and ``GET`` gives it."""

    version = serializers.IntegerField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)
    support = SupportItemSerializer(many=True)
    outcomes = OutcomeSerializer(many=True)
    trajectory = TrajectorySerializer(required=False)
    family_aspirations = serializers.CharField(
        read_only=True, help_text="The family's own words; they add them on the plan's page."
    )

    def validate(self, attrs):
        plan = self.context.get("plan")
        attrs.setdefault("trajectory", scheme.empty_trajectory())
        errors = {}
        for name, related in (("support", "support"), ("outcomes", "outcomes")):
            known = set(getattr(plan, related).values_list("pk", flat=True)) if plan else set()
            seen = set()
            for index, row in enumerate(attrs[name]):
                pk = row.get("id")
                if pk is None:
                    continue
                if pk not in known:
                    errors[f"{name}.{index}.id"] = ["There is nothing with this id in this plan."]
                elif pk in seen:
                    errors[f"{name}.{index}.id"] = ["This id is given twice."]
                seen.add(pk)
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class OutcomeReviewSerializer(StrictSerializer):
    """``PATCH children/{id}/plan/outcomes/{outcome_id}/``: an outcome reviewed."""

    status = serializers.ChoiceField(choices=scheme.STATUSES)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
