"""The HTTP API of children and assessments: scoring, reading records, recording a needs mapping.

The endpoints answer to the same rules as the practitioners' pages
(:mod:`.views`):

* who may see a child is decided by :mod:`vsend_plugin.core.permissions`
  alone: an officer sees every child of their council, a practitioner or a
  family only the children they are given, an editor none;
* a child the caller may not see is answered exactly like one that does not
  exist (404, or a "No such child." field error in a body), never with a 403
  that would tell them the child is there;
* only a practitioner assigned to a child records a needs mapping of them
  (:func:`.access.can_assess`);
* every read of a child's record is written to the access log.

Unlike the pages, the API is not tied to a council's site: it answers for
every council the caller belongs to.

Ratings are checked by the scoring module, not by serializer fields. A level
is a JSON integer from 0 to 4 and nothing else (DRF's ``IntegerField`` would
take ``"2"`` and ``2.0``), and the errors are exactly the ones the scoring
module reports everywhere else in vsend.
"""

from collections.abc import Mapping

from django.db.models import prefetch_related_objects
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import generics, permissions, serializers, status
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.pagination import PageNumberPagination
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from vsend_plugin.core.api import (
    ClosedInputSerializer,
    VsendAPIMixin,
    VsendRateThrottle,
    extend_schema,
)
from vsend_plugin.core.api_errors import error_responses
from vsend_plugin.core.models import Locality, Setting
from vsend_plugin.core.permissions import visible_to
from vsend_plugin.scoring import ScoringError, score
from vsend_plugin.scoring.errors import describe
from vsend_plugin.scoring.scheme import AREAS_BY_CODE, INDICATORS, MAX_LEVEL, MIN_LEVEL

from .access import can_assess
from .audit import Action, record_access, record_reads
from .history import latest_versions
from .models import Assessment, AssessmentVersion, Child
from .recording import pdf_summary, record_assessment
from .summaries import author_name

#: The body sections the scoring module checks, named as in scoring.md.
RATING_SECTIONS = ("need", "provision", "family_confidence")

#: The longest free text (strengths, aspirations, views) a body may carry.
MAX_TEXT_LENGTH = 4000

#: Seconds a client is asked to wait while a PDF summary is being made.
PDF_RETRY_AFTER = 5

AREA_RATINGS_HELP = "Area codes (e.g. CI) to a level 0 to 4, or null."

NOT_ASSIGNED = "Only a practitioner assigned to this child can record a needs mapping of them."


def visible_children(user):
    """The children ``user`` may see, ready to serialize."""
    return visible_to(user, Child.objects.select_related("council", "setting", "locality"))


# Fields ----------------------------------------------------------------------


def _ratings_schema(codes):
    """An object of the codes to a level 0 to 4 or null, and no other key, as scoring checks."""
    level = {"type": "integer", "minimum": MIN_LEVEL, "maximum": MAX_LEVEL, "nullable": True}
    return {
        "type": "object",
        "properties": {code: level for code in codes},
        "additionalProperties": False,
    }


class RatingsField(serializers.Field):
    """Ratings exactly as they came, for the scoring module to check.

    Nothing is converted here: converting ``"2"`` to ``2`` would let a broken
    integration produce plausible-looking profiles.
    """

    def to_internal_value(self, data):
        return data

    def to_representation(self, value):
        return value


@extend_schema_field(_ratings_schema(INDICATORS))
class NeedRatingsField(RatingsField):
    """Indicator codes (``CI.receptive``) to levels."""


@extend_schema_field(_ratings_schema(AREAS_BY_CODE))
class AreaRatingsField(RatingsField):
    """Area codes (``CI``) to levels: provision and family confidence."""


class TextField(serializers.CharField):
    """Free text, and only text: DRF's ``CharField`` would store ``5`` as ``"5"``."""

    default_error_messages = {"invalid": "Must be text (a JSON string)."}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


@extend_schema_field(OpenApiTypes.INT)
class ChildField(serializers.Field):
    """A child the caller may see, by id.

    A child the caller may not see gets the same answer as an id nobody has,
    so the error says nothing about whether the child exists.
    """

    default_error_messages = {
        "invalid": "Give the child's id, a whole number.",
        "does_not_exist": "No such child.",
    }

    def to_internal_value(self, data):
        if type(data) is not int:
            self.fail("invalid")
        child = visible_children(self.context["request"].user).filter(pk=data).first()
        if child is None:
            self.fail("does_not_exist")
        return child

    def to_representation(self, child):
        return child.pk


class OptionalCodeField(serializers.CharField):
    """A band or area code: the model stores ``""`` for none, the API ``null`` as a profile does."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, allow_null=True, **kwargs)

    def to_representation(self, value):
        return value or None


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

    child = ChildField(help_text="The id of a child the caller is assigned to.")
    strengths = TextField(max_length=MAX_TEXT_LENGTH, allow_blank=True, default="")
    aspirations = TextField(max_length=MAX_TEXT_LENGTH, allow_blank=True, default="")
    views = TextField(
        max_length=MAX_TEXT_LENGTH,
        allow_blank=True,
        default="",
        help_text="The child's or young person's own views.",
    )


# Policies --------------------------------------------------------------------


class ScoreRateThrottle(VsendRateThrottle):
    """Scoring stores nothing but still costs a request; this stops a runaway client.

    The rate is ``VSEND_THROTTLE_RATES["score"]``, 600 a minute by default.
    """

    scope = "score"


class AssessesTheChild(permissions.BasePermission):
    """Only a practitioner assigned to the child in the body may record a needs mapping.

    Checked before the body is validated, so that someone who may see the
    child but not assess them (an officer, a family) is told so with a 403
    rather than handed rating problems to fix first. A child the caller may
    not see is left to :class:`ChildField`, which answers as for no child.
    """

    message = {"child": [NOT_ASSIGNED]}

    def has_permission(self, request, view):
        data = request.data
        pk = data.get("child") if isinstance(data, Mapping) else None
        if type(pk) is not int:
            return True
        child = visible_children(request.user).filter(pk=pk).first()
        return child is None or can_assess(request.user, child)


class ChildPagination(PageNumberPagination):
    page_size = 50


class IgnoreClientContentNegotiation(BaseContentNegotiation):
    """Answer in the view's one renderer whatever the client accepts.

    A PDF download is a file or, while it is being made or when refused, JSON.
    A client that sends ``Accept: application/pdf`` must still get the JSON
    202 or 404 rather than a 406 about a format it cannot have.
    """

    def select_parser(self, request, parsers):
        return parsers[0]

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def with_latest_assessment(children):
    """Set ``latest_version`` on each child: the newest version of their newest assessment.

    ``Child.latest_assessment().current`` in one query for a page of children
    rather than two per child.
    """
    children = list(children)
    versions = (
        AssessmentVersion.objects.filter(assessment__child__in=children)
        .select_related("assessment")
        .only(
            "number",
            "complete",
            "band",
            "primary_area",
            "assessment",
            "assessment__taken_at",
            "assessment__child",
        )
        .order_by("assessment__child_id", "-assessment__taken_at", "-assessment_id", "-number")
    )
    latest = {}
    for version in versions:
        latest.setdefault(version.assessment.child_id, version)
    for child in children:
        child.latest_version = latest.get(child.pk)
    return children


# Views -----------------------------------------------------------------------

_CHILD_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="A child's id."
)
_ASSESSMENT_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="An assessment's id."
)

# The schema's examples are scored by the scoring module itself, so they cannot go stale.
_EXAMPLE_INPUT = {
    "need": {
        "CI.receptive": 1,
        "CI.expressive": 2,
        "CI.social": 3,
        "CL.literacy": 2,
        "CL.numeracy": 1,
        "CL.processing": 2,
        "SEMH.regulation": 2,
        "SEMH.wellbeing": 1,
        "SEMH.relationships": 1,
        "SP.hearing": 0,
        "SP.vision": 0,
        "SP.physical": 1,
        "SP.sensory": 1,
        "SP.health": None,
        "IND.selfcare": 1,
        "IND.travel": 1,
        "IND.choices": 1,
        "IND.community": 0,
    },
    "provision": {"CI": 2, "CL": 2, "SEMH": 1, "SP": 1, "IND": 1},
    "family_confidence": {"CI": 2, "CL": 3, "SEMH": 1, "SP": 4, "IND": 3},
}
_EXAMPLE_BAD_INPUT = {
    "need": {"CI.receptive": 5, "CI.listening": 2, "CL.literacy": "2", "SEMH.wellbeing": 2.0},
    "provision": [1, 2],
}


def _example_errors():
    try:
        score(*(_EXAMPLE_BAD_INPUT.get(section) for section in RATING_SECTIONS))
    except ScoringError as error:
        return error.errors
    raise AssertionError("the bad example scored")  # pragma: no cover


SCORE_EXAMPLES = [
    OpenApiExample("A needs mapping", value=_EXAMPLE_INPUT, request_only=True),
    OpenApiExample(
        "Its profile",
        value=score(*(_EXAMPLE_INPUT[section] for section in RATING_SECTIONS)).as_dict(),
        response_only=True,
        status_codes=["200"],
    ),
    OpenApiExample("Ratings that cannot be scored", value=_EXAMPLE_BAD_INPUT, request_only=True),
    OpenApiExample(
        "Every problem sorted by field",
        value={"errors": _example_errors()},
        response_only=True,
        status_codes=["400"],
    ),
]


class ScoreView(VsendAPIMixin, generics.GenericAPIView):
    """Score ratings and store nothing: a form or an integration shows the profile as it goes."""

    serializer_class = ScoreInputSerializer
    throttle_classes = [ScoreRateThrottle]

    @extend_schema(
        summary="Score ratings under vsend-core/1 (stores nothing)",
        responses={200: ProfileSerializer, **error_responses(400, 401, 403, 429)},
        examples=SCORE_EXAMPLES,
    )
    def post(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(serializer.validated_data["profile"].as_dict())


@extend_schema_view(
    get=extend_schema(
        summary="Children the caller may see",
        responses={200: ChildSerializer(many=True), **error_responses(401, 403, 404)},
    )
)
class ChildListView(VsendAPIMixin, generics.ListAPIView):
    """The children the caller may see, 50 a page; listing a child is a read of their record."""

    serializer_class = ChildSerializer
    pagination_class = ChildPagination

    def get_queryset(self):
        return visible_children(self.request.user)

    def list(self, request, *args, **kwargs):
        page = with_latest_assessment(self.paginate_queryset(self.get_queryset()))
        record_reads(request, Action.API_CHILD, [(child, None) for child in page])
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@extend_schema_view(
    get=extend_schema(
        summary="A child",
        parameters=[_CHILD_ID],
        responses={200: ChildSerializer, **error_responses(401, 403, 404)},
    )
)
class ChildDetailView(VsendAPIMixin, generics.RetrieveAPIView):
    """One child, if the caller may see them (else 404, as for no child at all)."""

    serializer_class = ChildSerializer
    lookup_url_kwarg = "id"

    def get_queryset(self):
        return visible_children(self.request.user)

    def retrieve(self, request, *args, **kwargs):
        [child] = with_latest_assessment([self.get_object()])
        record_access(request, Action.API_CHILD, child=child)
        return Response(self.get_serializer(child).data)


class ChildAssessmentsView(VsendAPIMixin, APIView):
    """A child's assessments, newest first, each as its newest version with its profile."""

    @extend_schema(
        summary="A child's assessments, newest first",
        parameters=[_CHILD_ID],
        responses={200: AssessmentSerializer(many=True), **error_responses(401, 403, 404)},
    )
    def get(self, request, id):
        child = get_object_or_404(visible_children(request.user), pk=id)
        versions = list(reversed(latest_versions(child)))
        prefetch_related_objects(versions, "form")
        # A child with no assessments yet is still a read of their record.
        reads = [(child, version.assessment) for version in versions] or [(child, None)]
        record_reads(request, Action.API_ASSESSMENT, reads)
        serializer = AssessmentSerializer(versions, many=True, context={"request": request})
        return Response(serializer.data)


class AssessmentCreateView(VsendAPIMixin, generics.GenericAPIView):
    """Record a needs mapping of a child: scored, stored with its raw ratings, its PDF queued."""

    serializer_class = AssessmentInputSerializer
    permission_classes = [*VsendAPIMixin.permission_classes, AssessesTheChild]

    @extend_schema(
        summary="Record a needs mapping (practitioners assigned to the child)",
        responses={201: AssessmentSerializer, **error_responses(400, 401, 403)},
    )
    def post(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        version = record_assessment(
            data["child"],
            request.user,
            need=data["need"],
            provision=data.get("provision"),
            family_confidence=data.get("family_confidence"),
            strengths=data["strengths"],
            aspirations=data["aspirations"],
            views=data["views"],
        )
        # The answer is the stored record: a read of it, like any other.
        record_access(
            request, Action.API_ASSESSMENT, child=data["child"], assessment=version.assessment
        )
        stored = AssessmentSerializer(version, context=self.get_serializer_context())
        return Response(stored.data, status=status.HTTP_201_CREATED)


class AssessmentPdfView(VsendAPIMixin, APIView):
    """The PDF summary of an assessment's newest version, to whoever may see the child.

    PDFs are made by a task after the assessment is stored (or, for records
    loaded in bulk, when first asked for); until it has run the answer is a
    202 with ``Retry-After``. Each download is logged.
    """

    renderer_classes = [JSONRenderer]
    content_negotiation_class = IgnoreClientContentNegotiation

    @extend_schema(
        summary="An assessment's PDF summary",
        parameters=[
            _ASSESSMENT_ID,
            OpenApiParameter(
                "Retry-After",
                OpenApiTypes.INT,
                OpenApiParameter.HEADER,
                response=[202],
                description="Seconds to wait before asking again.",
            ),
        ],
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="The PDF."),
            202: OpenApiResponse(PdfPendingSerializer, description="The PDF is being made."),
            **error_responses(401, 403, 404),
        },
    )
    def get(self, request, id):
        assessment = get_object_or_404(
            visible_to(request.user, Assessment.objects.select_related("child")), pk=id
        )
        summary = pdf_summary(assessment.current)
        if summary is None:
            return Response(
                {"status": "being made"},
                status=status.HTTP_202_ACCEPTED,
                headers={"Retry-After": str(PDF_RETRY_AFTER)},
            )
        child = assessment.child
        record_access(request, Action.DOWNLOAD_PDF, child=child, assessment=assessment)
        return FileResponse(
            summary.file.open("rb"),
            content_type="application/pdf",
            as_attachment=True,
            filename=f"needs-mapping-{child.case_reference}-{assessment.taken_at:%Y-%m-%d}.pdf",
        )
