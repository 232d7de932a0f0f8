"""``GET children/{id}/record/``: the whole record of a child, for the council's SEND officers.

A child the caller may not see is a 404, as everywhere; one they may see
but whose council they are not an officer of (the practitioner assigned, the
family) is a 403. The read is written to the access log.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from vsend_plugin.assessments.api.views import ChildDetailView
from vsend_plugin.assessments.audit import Action, record_access
from vsend_plugin.assessments.models import Assessment, Child
from vsend_plugin.core.api import VsendAPIMixin, extend_schema
from vsend_plugin.core.api_errors import Conflict, error_responses
from vsend_plugin.core.models import Role
from vsend_plugin.core.permissions import councils_for, roles_of, visible_to
from vsend_plugin.needs_forms.models import CouncilForm, FormKind

from .document import record_of
from .erasure import erase_child
from .fhir import assessment_bundle, questionnaire
from .importing import CaseReferenceTaken, check_record, import_record
from .serializers import ImportedSerializer, RecordSerializer

CHILD_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="A child's id.")
FOR_OFFICERS = "A child's whole record is for the council's SEND officers."


def check_officer(request, child):
    """The council's SEND officers (and superusers) only; anyone else who can see the child, 403."""
    if not (request.user.is_superuser or Role.OFFICER in roles_of(request.user, child.council)):
        raise exceptions.PermissionDenied(FOR_OFFICERS)


class ChildRecordView(VsendAPIMixin, APIView):
    @extend_schema(
        operation_id="child_record",
        summary="The whole record of a child (vsend-record/1)",
        description=(
            "Everything vsend keeps about the child: the child, every assessment with every "
            "version, the support plan, second ratings and the access log entries about them; "
            "what a council answers a subject access request with. Its JSON Schema ships with "
            "vsend (vsend_plugin/records/schema/vsend-record-1.schema.json). For the council's "
            "SEND officers; the read is logged."
        ),
        parameters=[CHILD_ID],
        responses={200: RecordSerializer, **error_responses(401, 403, 404)},
        tags=["records"],
    )
    def get(self, request, id):
        child = get_object_or_404(
            visible_to(
                request.user, Child.objects.select_related("council", "setting", "locality")
            ),
            pk=id,
        )
        if not (request.user.is_superuser or Role.OFFICER in roles_of(request.user, child.council)):
            raise exceptions.PermissionDenied(
                "A child's whole record is for the council's SEND officers."
            )
        record_access(request, Action.API_RECORD, child=child)
        return Response(record_of(child))


class ChildView(ChildDetailView):
    """``GET children/{id}/`` as the assessments app answers it, and ``DELETE``: erasure."""

    @extend_schema(
        operation_id="child_erase",
        summary="Erase a child's record",
        description=(
            "Everything vsend keeps about the child goes in one transaction: the child, every "
            "assessment and version, drafts, the support plan, second ratings, family invitations "
            "and access; PDF files once it has committed. The access log keeps its entries with "
            "the child named by a one-way pseudonym; the benchmark quarters the child was in are "
            "recomputed. For the council's SEND officers. 204, with nothing in the body."
        ),
        parameters=[CHILD_ID],
        responses={204: None, **error_responses(401, 403, 404)},
        tags=["records"],
    )
    def delete(self, request, id):
        child = self.get_object()
        check_officer(request, child)
        erase_child(child, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


FHIR_JSON = "application/fhir+json"


class FhirRenderer(JSONRenderer):
    """FHIR's own media type; plain ``application/json`` is answered too."""

    media_type = FHIR_JSON
    format = "fhir"


class FhirView(VsendAPIMixin, APIView):
    renderer_classes = [JSONRenderer, FhirRenderer]


FORM_SLUG = OpenApiParameter("slug", str, OpenApiParameter.PATH, description="A form's slug.")
VERSION = OpenApiParameter(
    "version", int, OpenApiParameter.QUERY, description="A version's number; the newest by default."
)


class FormFhirView(FhirView):
    @extend_schema(
        operation_id="form_fhir",
        summary="A council's needs-mapping form as a FHIR R4 Questionnaire",
        description=(
            "One group item per area, one choice item per indicator with the council's wording "
            "as text and answer options for levels 0 to 4 carrying the ordinalValue extension. "
            "For the council's staff."
        ),
        parameters=[FORM_SLUG],
        responses={(200, FHIR_JSON): OpenApiTypes.OBJECT, **error_responses(401, 404)},
        tags=["fhir"],
    )
    def get(self, request, slug):
        council_form = get_object_or_404(
            CouncilForm.objects.select_related("form", "council__site"),
            form__slug=slug,
            kind=FormKind.NEEDS_MAPPING,
            council__in=councils_for(request.user),
        )
        return Response(questionnaire(council_form))


class AssessmentFhirView(FhirView):
    @extend_schema(
        operation_id="assessment_fhir",
        summary="An assessment as a FHIR R4 Bundle: QuestionnaireResponse and area Observations",
        description=(
            "A collection Bundle: the QuestionnaireResponse (completed for the first version, "
            "amended for later ones; answers by indicator code) and one Observation per area of "
            "the profile. The subject is display-only, the child's case reference. For whoever "
            "may see the child; the read is logged."
        ),
        parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH), VERSION],
        responses={(200, FHIR_JSON): OpenApiTypes.OBJECT, **error_responses(400, 401, 404)},
        tags=["fhir"],
    )
    def get(self, request, id):
        children = visible_to(request.user, Child.objects.all())
        assessment = get_object_or_404(
            Assessment.objects.select_related("child"), pk=id, child__in=children
        )
        versions = assessment.versions.select_related("form__form", "form__council__site")
        number = request.query_params.get("version")
        if number is None:
            version = versions.order_by("-number").first()
        elif not number.isdigit():
            raise exceptions.ValidationError({"version": ["Give a version's number, such as 2."]})
        else:
            version = get_object_or_404(versions, number=int(number))
        record_access(request, Action.API_FHIR, child=assessment.child, assessment=assessment)
        return Response(assessment_bundle(version))


IMPORT_PARAMETERS = [
    OpenApiParameter(
        "council",
        str,
        OpenApiParameter.QUERY,
        description="The receiving council's slug; needed only by officers of several councils.",
    ),
    OpenApiParameter(
        "setting",
        int,
        OpenApiParameter.QUERY,
        description="The receiving council's setting for the child; by default the one with "
        "the record's setting URN.",
    ),
    OpenApiParameter(
        "locality",
        str,
        OpenApiParameter.QUERY,
        description="The receiving council's locality (slug); by default the record's, by slug.",
    ),
    OpenApiParameter(
        "case_reference",
        str,
        OpenApiParameter.QUERY,
        description="The child's case reference here; by default the record's.",
    ),
]


class ChildImportView(VsendAPIMixin, APIView):
    @extend_schema(
        operation_id="child_import",
        summary="Import a child's whole record (vsend-record/1) from another install",
        description=(
            "The body is a vsend-record/1 document, as `GET children/{id}/record/` gives it. "
            "Every version's ratings are scored again and must give the stored profile exactly; "
            "a record of another scheme is refused. Errors name the place in the document "
            "(`assessments.0.versions.1.profile`); nothing is stored on any error. A case "
            "reference the council already has is a 409: import never merges. For the "
            "receiving council's SEND officers; 201 with the new child's id."
        ),
        parameters=IMPORT_PARAMETERS,
        request=RecordSerializer,
        responses={201: ImportedSerializer, **error_responses(400, 401, 403, 409)},
        tags=["records"],
    )
    def post(self, request):
        councils = councils_for(request.user, {Role.OFFICER})
        if not councils.exists():
            raise exceptions.PermissionDenied("Records are imported by a council's SEND officers.")
        document = request.data
        errors = check_record(document)
        if errors:
            raise exceptions.ValidationError(errors)
        council = receiving_council(request, councils)
        setting, locality = placement(request, council, document["child"])
        try:
            child = import_record(
                document,
                council,
                by=request.user,
                setting=setting,
                locality=locality,
                case_reference=request.query_params.get("case_reference"),
            )
        except ValidationError as error:
            raise exceptions.ValidationError(error.message_dict) from error
        except CaseReferenceTaken as error:
            raise Conflict(str(error)) from error
        return Response(
            {"id": child.pk, "case_reference": child.case_reference, "council": council.slug},
            status=status.HTTP_201_CREATED,
        )


def receiving_council(request, councils):
    """The council the officer imports into: their one council, or the one ``?council=`` names."""
    slug = request.query_params.get("council")
    if slug is not None:
        council = councils.filter(slug=slug).first()
        if council is None:
            raise exceptions.ValidationError(
                {"council": [f"You are not a SEND officer of a council {slug!r}."]}
            )
        return council
    found = list(councils[:2])
    if len(found) > 1:
        raise exceptions.ValidationError(
            {"council": ["You are an officer of several councils: say which, with ?council=."]}
        )
    return found[0]


def placement(request, council, child):
    """The setting and locality the child is placed in: as asked, or matched from the record."""
    errors = {}
    settings_ = council.settings.all()
    asked = request.query_params.get("setting")
    if asked is not None:
        setting = settings_.filter(pk=int(asked)).first() if asked.isdigit() else None
        if setting is None:
            errors["setting"] = [f"{council} has no setting with id {asked!r}."]
    else:
        urn = child["setting"].get("urn")
        setting = settings_.filter(urn=urn).first() if urn else None
        if setting is None:
            errors["setting"] = [
                f"No setting of {council} has the record's URN ({urn or 'none given'}): "
                "choose one with ?setting=."
            ]
    slug = request.query_params.get("locality") or child["locality"].get("slug")
    locality = council.localities.filter(slug=slug).first() if slug else None
    if locality is None:
        errors["locality"] = [
            f"{council} has no locality {slug!r}: choose one of its localities with ?locality=."
        ]
    if errors:
        raise exceptions.ValidationError(errors)
    return setting, locality
