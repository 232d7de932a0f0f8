"""The support plan's endpoints, and ``benchmarks/support/``.

``GET``/``PUT children/{id}/plan/`` and ``PATCH children/{id}/plan/outcomes/{outcome_id}/``
are for whoever may see the child (reading) and the practitioners assigned to
them (writing); a child the caller may not see is a 404, as for no child at
all. Every read is written to the access log.
"""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiExample, OpenApiParameter
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from vsend_plugin.assessments.access import can_assess
from vsend_plugin.assessments.audit import Action, record_access
from vsend_plugin.assessments.models import Child
from vsend_plugin.benchmarking.api import BenchmarkQuerySerializer, BenchmarkView, own_councils
from vsend_plugin.core.api import VsendAPIMixin, extend_schema
from vsend_plugin.core.api_errors import error_responses
from vsend_plugin.core.permissions import visible_to

from . import scheme
from .benchmarks import support_benchmarks
from .models import Outcome
from .plans import document, outcome_document, plan_of, review_outcome, save_plan
from .serializers import OutcomeReviewSerializer, OutcomeSerializer, PlanSerializer

NOT_ASSIGNED = "Only a practitioner assigned to this child can change their support plan."

CHILD_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="A child's id.")
OUTCOME_ID = OpenApiParameter(
    "outcome_id", int, OpenApiParameter.PATH, description="An outcome's id in the child's plan."
)

PLAN_EXAMPLE = {
    "version": 3,
    "updated_at": "2026-11-30T10:12:00Z",
    "support": [
        {
            "id": 17,
            "type": "adult_1to1",
            "area": "SEMH",
            "name": "Learning mentor",
            "hours_per_week": 20,
            "provider": "Hill Top Primary",
            "starts": "2026-09-01",
            "ends": None,
            "planned_until_age": None,
            "intrusive": True,
        }
    ],
    "outcomes": [
        {
            "id": 5,
            "area": "IND",
            "text": "Travels to college on the bus with a friend",
            "horizon": "age_16",
            "adulthood": "independent_living",
            "status": "open",
            "reviewed_at": None,
        }
    ],
    "trajectory": {
        "SEMH": {"now": 3, "next_phase": 2, "age_16": 1, "age_18": 1},
        "CI": {"now": None, "next_phase": None, "age_16": None, "age_18": None},
    },
    "family_aspirations": "To have a friend to go to the cinema with.",
}
BAD_PLAN_EXAMPLE = {
    "support": [
        {
            "type": "adult_1to1",
            "area": "SEMH",
            "name": "Learning mentor",
            "hours_per_week": 20.25,
            "starts": "2026-09-01",
        }
    ],
    "outcomes": [],
}


class ChildPlanMixin(VsendAPIMixin):
    def child(self, request, id):
        child = get_object_or_404(
            visible_to(request.user, Child.objects.select_related("council")), pk=id
        )
        return child

    def assigned(self, request, child):
        if not can_assess(request.user, child):
            raise exceptions.PermissionDenied(NOT_ASSIGNED)


class ChildPlanView(ChildPlanMixin, APIView):
    @extend_schema(
        operation_id="child_plan",
        summary="A child's support plan",
        description=(
            "The plan as vsend-support/1 carries it. A child with no plan yet has an empty one "
            "(version 0). `intrusive` and `reviewed_at` are set by the server."
        ),
        parameters=[CHILD_ID],
        responses={200: PlanSerializer, **error_responses(401, 403, 404)},
        examples=[OpenApiExample("A plan", value=PLAN_EXAMPLE, response_only=True)],
        tags=["plans"],
    )
    def get(self, request, id):
        child = self.child(request, id)
        record_access(request, Action.API_PLAN, child=child)
        return Response(document(plan_of(child)))

    @extend_schema(
        operation_id="child_plan_replace",
        summary="Replace a child's support plan (a new version)",
        description=(
            "Send the whole plan. Support items and outcomes sent back with their `id` are kept; "
            "those left out are removed; new ones are given ids. Every change is a new version. "
            "Unknown keys and codes, hours outside 0 to 40 or not in steps of 0.5, ages outside "
            "4 to 25, an end before a start and a Preparing for Adulthood outcome on a horizon "
            "that is not an age are 400s naming the field; nothing is stored then. "
            "For the practitioners assigned to the child."
        ),
        parameters=[CHILD_ID],
        request=PlanSerializer,
        responses={200: PlanSerializer, **error_responses(400, 401, 403, 404)},
        examples=[
            OpenApiExample("A plan", value=PLAN_EXAMPLE),
            OpenApiExample("Hours not in steps of 0.5", value=BAD_PLAN_EXAMPLE, request_only=True),
            OpenApiExample(
                "The field named",
                value={
                    "errors": [
                        {
                            "field": "support.0.hours_per_week",
                            "message": "Hours a week must be from 0 to 40, in steps of 0.5.",
                        }
                    ]
                },
                response_only=True,
                status_codes=["400"],
            ),
        ],
        tags=["plans"],
    )
    def put(self, request, id):
        child = self.child(request, id)
        self.assigned(request, child)
        plan = plan_of(child)
        body = PlanSerializer(data=request.data, context={"plan": plan})
        body.is_valid(raise_exception=True)
        plan = save_plan(child, body.validated_data, author=request.user)
        record_access(request, Action.API_PLAN, child=child)
        return Response(document(plan))


class OutcomeReviewView(ChildPlanMixin, APIView):
    @extend_schema(
        operation_id="child_plan_outcome_review",
        summary="Review an outcome",
        description=(
            "Set an outcome's status (achieved, partly, not_achieved, dropped, or open again), "
            "with an optional note. `reviewed_at` is the time its status last changed from open. "
            "For the practitioners assigned to the child."
        ),
        parameters=[CHILD_ID, OUTCOME_ID],
        request=OutcomeReviewSerializer,
        responses={200: OutcomeSerializer, **error_responses(400, 401, 403, 404)},
        examples=[
            OpenApiExample("Achieved", value={"status": "achieved", "note": "Travels alone now."})
        ],
        tags=["plans"],
    )
    def patch(self, request, id, outcome_id):
        child = self.child(request, id)
        self.assigned(request, child)
        outcome = get_object_or_404(Outcome, pk=outcome_id, plan__child=child)
        body = OutcomeReviewSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        outcome = review_outcome(
            outcome,
            body.validated_data["status"],
            author=request.user,
            note=body.validated_data["note"],
        )
        record_access(request, Action.API_PLAN, child=child)
        return Response(outcome_document(outcome))


class SupportQuerySerializer(BenchmarkQuerySerializer):
    """The benchmarks' query, with the dimensions support is evaluated by."""

    by = serializers.ChoiceField(
        choices=("council", "locality", "setting"),
        default="council",
        help_text="How the children are grouped: council, locality or setting.",
    )


class SupportGroupSerializer(serializers.Serializer):
    key = serializers.DictField(child=serializers.CharField())
    label = serializers.CharField()
    suppressed = serializers.BooleanField()
    children = serializers.IntegerField(required=False, allow_null=True)
    episodes = serializers.IntegerField(required=False, allow_null=True)
    direction_counts = serializers.DictField(
        child=serializers.IntegerField(allow_null=True), required=False
    )
    mean_hours = serializers.FloatField(required=False, allow_null=True)
    outcomes = serializers.DictField(
        child=serializers.IntegerField(allow_null=True), required=False
    )


class SupportBenchmarksSerializer(serializers.Serializer):
    scheme = serializers.CharField()
    period = serializers.CharField(allow_null=True)
    by = serializers.CharField()
    min_group = serializers.IntegerField()
    note = serializers.CharField()
    groups = SupportGroupSerializer(many=True)


class SupportBenchmarksView(BenchmarkView):
    @extend_schema(
        operation_id="benchmarks_support",
        summary="Evaluation of support types (association, not proof of effect)",
        description=(
            "Per support type, over support episodes (a pair of a child's consecutive complete "
            "assessments whose later one is in the quarter, with support of the type serving an "
            "area active on the earlier one's date): children, episodes, how the area served "
            "moved, mean hours and outcomes reviewed. The caller's own council by council, "
            "locality or setting; other councils at council level only. Types with fewer than "
            "min_group children are suppressed; counts from 1 to 4 are null. "
            "For SEND officers and partner tokens."
        ),
        parameters=[SupportQuerySerializer],
        responses={200: SupportBenchmarksSerializer, **error_responses(400, 401, 403, 429)},
        examples=[
            OpenApiExample(
                "One council's one-to-one support",
                value={
                    "scheme": scheme.SCHEME,
                    "period": "2026-Q4",
                    "by": "council",
                    "min_group": 10,
                    "note": "Association, not proof of effect.",
                    "groups": [
                        {
                            "key": {"council": "northshire", "support_type": "adult_1to1"},
                            "label": "Northshire",
                            "suppressed": False,
                            "children": 31,
                            "episodes": 40,
                            "direction_counts": {"improving": 9, "same": 24, "escalating": 7},
                            "mean_hours": 22.5,
                            "outcomes": {"achieved": 12, "partly": 10, "not_achieved": 6},
                        }
                    ],
                },
                response_only=True,
            )
        ],
        tags=["benchmarks"],
    )
    def get(self, request):
        query = SupportQuerySerializer(data=request.query_params.dict())
        query.is_valid(raise_exception=True)
        answer = support_benchmarks(
            own_councils(request),
            by=query.validated_data["by"],
            period=query.validated_data.get("period"),
        )
        return Response(SupportBenchmarksSerializer(answer).data)
