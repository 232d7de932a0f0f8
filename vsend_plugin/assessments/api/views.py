"""The endpoints of children and assessments: thin views over the serializers and policies.

Which children a caller sees is :func:`.queries.visible_children`; what a
body must hold, :mod:`.serializers`; who may record, :mod:`.permissions`.
The views add what only a request has: every read of a child's record is
written to the access log.
"""

from django.db.models import prefetch_related_objects
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema_view
from rest_framework import exceptions, generics, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from vsend_plugin.core.api import VsendAPIMixin, extend_schema
from vsend_plugin.core.api_errors import error_responses
from vsend_plugin.core.permissions import councils_for, visible_to

from ..audit import Action, record_access, record_reads
from ..history import latest_versions
from ..models import Assessment
from ..recording import pdf_summary
from .negotiation import IgnoreClientContentNegotiation
from .pagination import ChildPagination
from .permissions import AssessesTheChild
from .queries import visible_children, with_latest_assessment
from .schema import ASSESSMENT_ID, CHILD_ID, RETRY_AFTER, SCORE_EXAMPLES
from .serializers import (
    AssessmentInputSerializer,
    AssessmentSerializer,
    ChildSerializer,
    PdfPendingSerializer,
    ProfileSerializer,
    ScoreInputSerializer,
)
from .throttling import ScoreRateThrottle

#: Seconds a client is asked to wait while a PDF summary is being made.
PDF_RETRY_AFTER = 5


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


class ChildrenAPIView(VsendAPIMixin, generics.GenericAPIView):
    """Views of the children the caller may see, looked up by ``id``."""

    serializer_class = ChildSerializer
    lookup_url_kwarg = "id"

    def get_queryset(self):
        return visible_children(self.request.user)


@extend_schema_view(
    get=extend_schema(
        summary="Children the caller may see",
        parameters=[
            OpenApiParameter(
                "council",
                str,
                OpenApiParameter.QUERY,
                description="Only this council's children (its slug): for someone who works "
                "for several councils, the one they act for.",
            )
        ],
        responses={200: ChildSerializer(many=True), **error_responses(400, 401, 403, 404)},
    )
)
class ChildListView(ChildrenAPIView, generics.ListAPIView):
    """The children the caller may see, 50 a page; listing a child is a read of their record."""

    pagination_class = ChildPagination

    def get_queryset(self):
        children = super().get_queryset()
        slug = self.request.query_params.get("council")
        if slug is None:
            return children
        if not councils_for(self.request.user).filter(slug=slug).exists():
            raise exceptions.ValidationError(
                {"council": [f"You do not work for a council {slug!r}."]}
            )
        return children.filter(council__slug=slug)

    def list(self, request, *args, **kwargs):
        page = with_latest_assessment(self.paginate_queryset(self.get_queryset()))
        record_reads(request, Action.API_CHILD, [(child, None) for child in page])
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@extend_schema_view(
    get=extend_schema(
        summary="A child",
        parameters=[CHILD_ID],
        responses={200: ChildSerializer, **error_responses(401, 403, 404)},
    )
)
class ChildDetailView(ChildrenAPIView, generics.RetrieveAPIView):
    """One child, if the caller may see them (else 404, as for no child at all)."""

    def retrieve(self, request, *args, **kwargs):
        [child] = with_latest_assessment([self.get_object()])
        record_access(request, Action.API_CHILD, child=child)
        return Response(self.get_serializer(child).data)


class ChildAssessmentsView(ChildrenAPIView):
    """A child's assessments, newest first, each as its newest version with its profile."""

    serializer_class = AssessmentSerializer

    @extend_schema(
        summary="A child's assessments, newest first",
        parameters=[CHILD_ID],
        responses={200: AssessmentSerializer(many=True), **error_responses(401, 403, 404)},
    )
    def get(self, request, id):
        child = self.get_object()
        versions = list(reversed(latest_versions(child)))
        prefetch_related_objects(versions, "form")
        # A child with no assessments yet is still a read of their record.
        reads = [(child, version.assessment) for version in versions] or [(child, None)]
        record_reads(request, Action.API_ASSESSMENT, reads)
        return Response(self.get_serializer(versions, many=True).data)


@extend_schema_view(
    post=extend_schema(
        summary="Record a needs mapping (practitioners assigned to the child)",
        responses={201: AssessmentSerializer, **error_responses(400, 401, 403)},
    )
)
class AssessmentCreateView(VsendAPIMixin, generics.CreateAPIView):
    """Record a needs mapping of a child: scored, stored with its raw ratings, its PDF queued."""

    serializer_class = AssessmentInputSerializer
    permission_classes = [*VsendAPIMixin.permission_classes, AssessesTheChild]

    def perform_create(self, serializer):
        version = serializer.save(author=self.request.user)
        # The answer is the stored record: a read of it, like any other.
        record_access(
            self.request,
            Action.API_ASSESSMENT,
            child=serializer.validated_data["child"],
            assessment=version.assessment,
        )


class AssessmentPdfView(VsendAPIMixin, generics.GenericAPIView):
    """The PDF summary of an assessment's newest version, to whoever may see the child.

    PDFs are made by a task after the assessment is stored (or, for records
    loaded in bulk, when first asked for); until it has run the answer is a
    202 with ``Retry-After``. Each download is logged.
    """

    lookup_url_kwarg = "id"
    renderer_classes = [JSONRenderer]
    content_negotiation_class = IgnoreClientContentNegotiation

    def get_queryset(self):
        return visible_to(self.request.user, Assessment.objects.select_related("child"))

    @extend_schema(
        summary="An assessment's PDF summary",
        parameters=[ASSESSMENT_ID, RETRY_AFTER],
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="The PDF."),
            202: OpenApiResponse(PdfPendingSerializer, description="The PDF is being made."),
            **error_responses(401, 403, 404),
        },
    )
    def get(self, request, id):
        assessment = self.get_object()
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
