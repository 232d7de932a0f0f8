"""``GET children/{id}/record/``: the whole record of a child, for the council's SEND officers.

A child the caller may not see is a 404, as everywhere; one they may see
but whose council they are not an officer of (the practitioner assigned, the
family) is a 403. The read is written to the access log.
"""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from vsend_plugin.assessments.api.views import ChildDetailView
from vsend_plugin.assessments.audit import Action, record_access
from vsend_plugin.assessments.models import Child
from vsend_plugin.core.api import VsendAPIMixin, extend_schema
from vsend_plugin.core.api_errors import error_responses
from vsend_plugin.core.models import Role
from vsend_plugin.core.permissions import roles_of, visible_to

from .document import record_of
from .erasure import erase_child
from .serializers import RecordSerializer

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
