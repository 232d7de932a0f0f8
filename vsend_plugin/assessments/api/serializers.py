"""What the assessments API reads and answers: children, assessments, profiles, needs mappings.

Saving an :class:`AssessmentInputSerializer` records the needs mapping
(:func:`..recording.record_assessment`); its data is then the stored record,
as :class:`AssessmentSerializer` shows it.
"""

from collections.abc import Mapping

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.settings import api_settings

from vsend_plugin.core.api import ClosedInputSerializer
from vsend_plugin.core.models import Locality, Setting
from vsend_plugin.scoring import ScoringError, score
from vsend_plugin.scoring.errors import describe

from ..models import AssessmentVersion, Child
from ..recording import record_assessment
from ..summaries import author_name
from .fields import (
    AreaRatingsField,
    ChildField,
    NeedRatingsField,
    OptionalCodeField,
    TextField,
)

#: The body sections the scoring module checks, named as in scoring.md.
RATING_SECTIONS = ("need", "provision", "family_confidence")

#: The longest free text (strengths, aspirations, views) a body may carry.
MAX_TEXT_LENGTH = 4000

AREA_RATINGS_HELP = "Area codes (e.g. CI) to a level 0 to 4, or null."


# Profiles --------------------------------------------------------------------
#
# These describe the published profile shape for the schema only: responses
# carry ``Profile.as_dict()`` (or the stored copy of it) unchanged, so that
# the API can never drift from scoring.md.


class ProfileAreaSerializer(serializers.Serializer):
    level = serializers.IntegerField(
        allow_null=True, help_text="The highest rated indicator level, 0 to 4; null if none rated."
    )
    intensity = serializers.FloatField(
        allow_null=True, help_text="The mean rated level, to 2 decimals; null if none rated."
    )
    rated = serializers.IntegerField(help_text="How many of the area's indicators are rated.")
    of = serializers.IntegerField(help_text="How many indicators the area has.")
    provision = serializers.IntegerField(allow_null=True)
    gap = serializers.IntegerField(
        allow_null=True, help_text="Unmet need: level above provision, when both are known."
    )
    family_confidence = serializers.IntegerField(allow_null=True)


class ProfileSerializer(serializers.Serializer):
    """A profile under a scoring scheme, key for key as scoring.md publishes it."""

    scheme = serializers.CharField(help_text='The scheme it was scored with, e.g. "vsend-core/1".')
    complete = serializers.BooleanField(help_text="Every area has a level.")
    areas = serializers.DictField(
        child=ProfileAreaSerializer(), help_text="Per area, in the order CI, CL, SEMH, SP, IND."
    )
    total = serializers.IntegerField(allow_null=True)
    points = serializers.IntegerField(allow_null=True)
    band = serializers.CharField(allow_null=True, help_text="A to E; null unless complete.")
    primary_area = serializers.CharField(allow_null=True)
    unmet = serializers.IntegerField(allow_null=True)
    unmet_areas = serializers.ListField(child=serializers.CharField())


@extend_schema_field(ProfileSerializer)
class ProfileField(serializers.ReadOnlyField):
    """A stored profile, as it was stored."""


# Reading ---------------------------------------------------------------------


class ChildSettingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Setting
        fields = ["id", "name"]


class ChildLocalitySerializer(serializers.ModelSerializer):
    class Meta:
        model = Locality
        fields = ["id", "slug", "name"]


class LatestAssessmentSerializer(serializers.Serializer):
    """A child's newest assessment in brief, read from its newest version."""

    id = serializers.IntegerField(source="assessment_id")
    taken_at = serializers.DateTimeField(source="assessment.taken_at")
    band = OptionalCodeField()
    complete = serializers.BooleanField()
    primary_area = OptionalCodeField()


class ChildSerializer(serializers.ModelSerializer):
    council = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text="The council's slug, e.g. northshire."
    )
    setting = ChildSettingSerializer(read_only=True)
    locality = ChildLocalitySerializer(read_only=True)
    latest_assessment = LatestAssessmentSerializer(
        source="latest_version", read_only=True, allow_null=True
    )

    class Meta:
        model = Child
        fields = [
            "id",
            "council",
            "case_reference",
            "given_name",
            "birth_month",
            "birth_year",
            "year_group",
            "setting",
            "locality",
            "latest_assessment",
        ]
        read_only_fields = fields


class AssessmentSerializer(serializers.ModelSerializer):
    """An assessment as it stands: its newest version's ratings, texts and profile."""

    id = serializers.IntegerField(source="assessment_id", read_only=True)
    taken_at = serializers.DateTimeField(source="assessment.taken_at", read_only=True)
    version = serializers.IntegerField(source="number", read_only=True)
    author = serializers.SerializerMethodField()
    form = serializers.CharField(
        source="form.library_slug",
        read_only=True,
        allow_null=True,
        help_text="The forms library slug of the form used; null for API submissions.",
    )
    need = NeedRatingsField(read_only=True)
    provision = AreaRatingsField(read_only=True)
    family_confidence = AreaRatingsField(read_only=True)
    profile = ProfileField()
    pdf_url = serializers.HyperlinkedIdentityField(
        view_name="vsend_api:assessment-pdf", lookup_field="assessment_id", lookup_url_kwarg="id"
    )

    class Meta:
        model = AssessmentVersion
        fields = [
            "id",
            "taken_at",
            "version",
            "source",
            "author",
            "form",
            "form_version",
            "need",
            "provision",
            "family_confidence",
            "strengths",
            "aspirations",
            "views",
            "family_views",
            "family_aspirations",
            "scheme",
            "profile",
            "pdf_url",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.STR)
    def get_author(self, version):
        return author_name(version.author)


class PdfPendingSerializer(serializers.Serializer):
    status = serializers.CharField(help_text='"being made": ask again after Retry-After seconds.')


# Writing ---------------------------------------------------------------------


class RatingsInputSerializer(ClosedInputSerializer):
    """A body with ratings shaped as scoring.md's input; validating it scores it.

    Every problem is reported at once, the scoring module's among them: fields
    it does not know (so that a misspelt ``family_confidance`` is not quietly
    ignored), the serializer's own fields, and every rating.
    """

    need = NeedRatingsField(
        help_text="Indicator codes (e.g. CI.receptive) to a level 0 to 4, or null."
    )
    provision = AreaRatingsField(required=False, allow_null=True, help_text=AREA_RATINGS_HELP)
    family_confidence = AreaRatingsField(
        required=False, allow_null=True, help_text=AREA_RATINGS_HELP
    )

    default_error_messages = {
        "not_an_object": "The body must be a JSON object; got {value}.",
    }

    def validate_empty_values(self, data):
        if data is None:  # a body of JSON null; DRF would say "No data provided"
            self.not_an_object(data)
        return super().validate_empty_values(data)

    def not_an_object(self, data):
        message = self.error_messages["not_an_object"].format(value=describe(data))
        raise serializers.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: [message]})

    def to_internal_value(self, data):
        if not isinstance(data, Mapping):
            self.not_an_object(data)
        errors = self.unknown_field_errors(data)
        try:
            attrs = super().to_internal_value(data)
        except serializers.ValidationError as error:
            # The scoring module, below, has its own words for a missing or null section.
            errors.update(
                (field, detail)
                for field, detail in error.detail.items()
                if field not in RATING_SECTIONS
            )
        try:
            profile = score(*(data.get(section) for section in RATING_SECTIONS))
        except ScoringError as error:
            for problem in error.errors:
                errors.setdefault(problem["field"], []).append(problem["message"])
        if errors:
            raise serializers.ValidationError(errors)
        return {**attrs, "profile": profile}


class ScoreInputSerializer(RatingsInputSerializer):
    """Ratings to score, shaped as scoring.md's input; every problem is reported at once."""


class AssessmentInputSerializer(RatingsInputSerializer):
    """A needs mapping of a child: ratings as scoring.md's input, and the texts that go with them.

    Every problem is reported at once; nothing is stored unless there is none.
    """

    # save(author=user) records it; the serializer's data is then the stored record.

    child = ChildField(help_text="The id of a child the caller is assigned to.")
    strengths = TextField(max_length=MAX_TEXT_LENGTH, allow_blank=True, default="")
    aspirations = TextField(max_length=MAX_TEXT_LENGTH, allow_blank=True, default="")
    views = TextField(
        max_length=MAX_TEXT_LENGTH,
        allow_blank=True,
        default="",
        help_text="The child's or young person's own views.",
    )

    def create(self, validated_data):
        return record_assessment(
            validated_data["child"],
            validated_data["author"],
            need=validated_data["need"],
            provision=validated_data.get("provision"),
            family_confidence=validated_data.get("family_confidence"),
            strengths=validated_data["strengths"],
            aspirations=validated_data["aspirations"],
            views=validated_data["views"],
        )

    def to_representation(self, version):
        return AssessmentSerializer(version, context=self.context).data
