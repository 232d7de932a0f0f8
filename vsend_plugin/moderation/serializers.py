"""What the moderation API reads and answers: rounds, assignments, second ratings, agreement."""

from rest_framework import serializers

from vsend_plugin.assessments.api.serializers import RatingsInputSerializer
from vsend_plugin.benchmarking.api import BenchmarkQuerySerializer
from vsend_plugin.core.api import ClosedInputSerializer
from vsend_plugin.needs_forms.forms import published_form

from .ratings import missing_levels


class RoundInputSerializer(ClosedInputSerializer):
    assessments = serializers.ListField(
        child=serializers.IntegerField(),
        allow_empty=False,
        max_length=2000,
        help_text="The ids of the assessments to moderate, all of the officer's council.",
    )
    raters = serializers.ListField(
        child=serializers.CharField(max_length=150),
        allow_empty=False,
        max_length=200,
        help_text="Usernames of the council's practitioners who will rate them a second time.",
    )
    name = serializers.CharField(max_length=120, required=False, allow_blank=True)

    def to_internal_value(self, data):
        errors = self.unknown_field_errors(data) if isinstance(data, dict) else {}
        try:
            attrs = super().to_internal_value(data)
        except serializers.ValidationError as error:
            errors.update(error.detail)
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class AssignmentOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    assessment = serializers.IntegerField(source="assessment_id")
    rater = serializers.CharField(source="rater.username")


class RoundOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    assignments = AssignmentOutputSerializer(many=True, source="second_ratings.all")


class OpenAssignmentSerializer(serializers.Serializer):
    """An open assignment, with what the rater needs to know of the child and nothing rated."""

    id = serializers.IntegerField()
    round = serializers.CharField(source="round.name")
    case_reference = serializers.CharField(source="assessment.child.case_reference")
    given_name = serializers.CharField(source="assessment.child.given_name")
    year_group = serializers.CharField(source="assessment.child.get_year_group_display")
    setting = serializers.CharField(source="assessment.child.setting.name")
    form = serializers.SerializerMethodField(
        help_text="The slug of the council's needs-mapping form."
    )
    assigned_at = serializers.DateTimeField()

    def get_form(self, second_rating) -> str | None:
        council_form = published_form(second_rating.assessment.child.council)
        return council_form.form.slug if council_form else None


class SecondRatingInputSerializer(RatingsInputSerializer):
    """``{"need": {...}}``: every one of the 18 indicators rated 0 to 4."""

    provision = None
    family_confidence = None

    def to_internal_value(self, data):
        errors = {}
        try:
            attrs = super().to_internal_value(data)
        except serializers.ValidationError as error:
            errors, attrs = dict(error.detail), None
        need = data.get("need") if isinstance(data, dict) else None
        if isinstance(need, dict):
            for problem in missing_levels(need):
                errors.setdefault(problem["field"], [problem["message"]])
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class SecondRatingOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    assessment = serializers.IntegerField(source="assessment_id")
    rated_at = serializers.DateTimeField()
    period = serializers.CharField()


class AgreementQuerySerializer(BenchmarkQuerySerializer):
    by = None
    round = serializers.IntegerField(
        required=False, min_value=1, help_text="A moderation round's id."
    )

    def validate(self, attrs):
        if "period" in attrs and "round" in attrs:
            raise serializers.ValidationError({"round": ["Give a period or a round, not both."]})
        return attrs


class FiguresSerializer(serializers.Serializer):
    pairs = serializers.IntegerField()
    exact = serializers.FloatField(allow_null=True)
    within_one = serializers.FloatField(allow_null=True)
    kappa = serializers.FloatField(allow_null=True)


class AgreementGroupSerializer(serializers.Serializer):
    key = serializers.DictField(child=serializers.CharField())
    overall = FiguresSerializer()
    band = FiguresSerializer()
    indicators = serializers.DictField(child=FiguresSerializer(), required=False)
    calibration = FiguresSerializer(required=False)
    disagreement = serializers.DictField(required=False)


class AgreementSerializer(serializers.Serializer):
    period = serializers.CharField(allow_null=True)
    round = serializers.IntegerField(required=False)
    min_pairs = serializers.IntegerField()
    groups = AgreementGroupSerializer(many=True)
