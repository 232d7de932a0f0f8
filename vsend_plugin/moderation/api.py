"""The moderation endpoints: rounds, a rater's assignments and ratings, and the agreement figures.

``POST moderation/rounds/`` is for a council's SEND officers; the assignments
and their ratings for the rater each was given to (anyone else gets a 404,
as for no assignment at all); ``GET moderation/agreement/`` for officers
and partner tokens, who see other councils at council level only.
"""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiExample, OpenApiParameter
from rest_framework import exceptions, permissions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from vsend_plugin.assessments.audit import Action, record_access, record_reads
from vsend_plugin.assessments.models import Assessment
from vsend_plugin.benchmarking.api import BenchmarkView, own_councils
from vsend_plugin.benchmarking.models import PartnerToken
from vsend_plugin.benchmarking.periods import period_of
from vsend_plugin.core.api import VsendAPIMixin, extend_schema
from vsend_plugin.core.api_errors import Conflict, error_responses
from vsend_plugin.core.models import Council, Role
from vsend_plugin.core.permissions import councils_for
from vsend_plugin.scoring import INDICATORS

from .agreement import MIN_PAIRS
from .figures import agreement_groups
from .models import ModerationRound, SecondRating
from .ratings import AlreadyRated, record_second_rating
from .rounds import RoundError, assignments_of, open_round
from .serializers import (
    AgreementQuerySerializer,
    AgreementSerializer,
    OpenAssignmentSerializer,
    RoundInputSerializer,
    RoundOutputSerializer,
    SecondRatingInputSerializer,
    SecondRatingOutputSerializer,
)

TAGS = ["moderation"]


class IsOfficer(permissions.BasePermission):
    message = "Moderation rounds are opened by a council's SEND officers."

    def has_permission(self, request, view):
        return councils_for(request.user, {Role.OFFICER}).exists()


class RoundsView(VsendAPIMixin, APIView):
    permission_classes = [permissions.IsAuthenticated, IsOfficer]

    @extend_schema(
        operation_id="moderation_round_create",
        summary="Open a moderation round",
        description=(
            "Give assessments of your council and the second raters (usernames of its "
            "practitioners). Each assessment goes to the rater with the fewest so far who is "
            "neither its author nor able to see the child. 400 naming `assessments.<i>` or "
            "`raters.<i>` when that is impossible; nothing is stored then."
        ),
        request=RoundInputSerializer,
        responses={201: RoundOutputSerializer, **error_responses(400, 401, 403)},
        examples=[
            OpenApiExample(
                "A round",
                value={"assessments": [101, 102], "raters": ["northshire-psychologist"]},
                request_only=True,
            ),
            OpenApiExample(
                "Its assignments",
                value={
                    "id": 3,
                    "name": "Moderation round",
                    "assignments": [
                        {"id": 11, "assessment": 101, "rater": "northshire-psychologist"},
                        {"id": 12, "assessment": 102, "rater": "northshire-psychologist"},
                    ],
                },
                response_only=True,
                status_codes=["201"],
            ),
        ],
        tags=TAGS,
    )
    def post(self, request):
        body = RoundInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        ids, usernames = body.validated_data["assessments"], body.validated_data["raters"]
        council = self.council_of(request, ids)
        try:
            moderation_round = open_round(
                council,
                ids,
                usernames,
                name=body.validated_data.get("name", ""),
                chosen_by="Chosen through the API.",
                created_by=request.user,
            )
        except RoundError as error:
            raise exceptions.ValidationError(
                {problem.field: [problem.message] for problem in error.problems}
            ) from error
        return Response(
            RoundOutputSerializer(moderation_round).data, status=status.HTTP_201_CREATED
        )

    def council_of(self, request, ids):
        """The officer's council the round is of: the first assessment's, if it is theirs."""
        councils = councils_for(request.user, {Role.OFFICER})
        first = Assessment.objects.filter(pk=ids[0], council__in=councils).first()
        if first is None:
            raise exceptions.ValidationError(
                {"assessments.0": ["No assessment of your council has this id."]}
            )
        return first.council


ASSIGNMENT_ID = OpenApiParameter(
    "id", int, OpenApiParameter.PATH, description="An assignment's id."
)


class AssignmentsView(VsendAPIMixin, APIView):
    @extend_schema(
        operation_id="moderation_assignments",
        summary="Your open second ratings",
        description=(
            "The assessments you were asked to rate a second time, with the child's case "
            "reference, given name, year group and setting, and the council's form. Never a "
            "rating or a profile: the second rating is blind."
        ),
        responses={200: OpenAssignmentSerializer(many=True), **error_responses(401)},
        tags=TAGS,
    )
    def get(self, request):
        assignments = list(assignments_of(request.user))
        record_reads(
            request,
            Action.API_SECOND_RATING,
            [(assignment.assessment.child, None) for assignment in assignments],
        )
        return Response(OpenAssignmentSerializer(assignments, many=True).data)


class AssignmentRatingView(VsendAPIMixin, APIView):
    @extend_schema(
        operation_id="moderation_assignment_rate",
        summary="Give a blind second rating",
        description=(
            "Every one of the 18 indicators rated 0 to 4, as scoring.md's `need`. The rating is "
            "kept beside the assessment and changes no profile, band or rollup. 409 when it was "
            "already given; 404 for an assignment that is not yours."
        ),
        parameters=[ASSIGNMENT_ID],
        request=SecondRatingInputSerializer,
        responses={201: SecondRatingOutputSerializer, **error_responses(400, 401, 404, 409)},
        examples=[
            OpenApiExample(
                "Every indicator", value={"need": dict.fromkeys(INDICATORS, 1)}, request_only=True
            )
        ],
        tags=TAGS,
    )
    def post(self, request, id):
        # The body first: whether it is well formed says nothing about anyone's assignment.
        body = SecondRatingInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        second_rating = get_object_or_404(
            SecondRating.objects.select_related("assessment__child"), pk=id, rater=request.user
        )
        if not second_rating.is_open:
            raise Conflict("This assessment has been rated already; a second rating is given once.")
        try:
            rated = record_second_rating(second_rating, body.validated_data["need"])
        except AlreadyRated as error:
            raise Conflict("This assessment has been rated already.") from error
        record_access(request, Action.API_SECOND_RATING, child=second_rating.assessment.child)
        return Response(SecondRatingOutputSerializer(rated).data, status=status.HTTP_201_CREATED)


AGREEMENT_EXAMPLE = {
    "period": "2026-Q4",
    "min_pairs": MIN_PAIRS,
    "groups": [
        {
            "key": {"council": "northshire"},
            "overall": {"pairs": 414, "exact": 0.61, "within_one": 0.94, "kappa": 0.78},
            "band": {"pairs": 23, "exact": 0.7, "within_one": 1.0, "kappa": 0.81},
            "indicators": {
                "CI.receptive": {"pairs": 23, "exact": 0.65, "within_one": 0.96, "kappa": 0.74}
            },
            "disagreement": {
                "lowest": [
                    {
                        "indicator": "SEMH.wellbeing",
                        "pairs": 23,
                        "exact": 0.39,
                        "within_one": 0.83,
                        "kappa": 0.41,
                    }
                ],
                "confused": [{"levels": [1, 2], "pairs": 61}],
            },
            "calibration": {"pairs": 180, "exact": 0.58, "within_one": 0.92, "kappa": 0.71},
        },
        {
            "key": {"council": "westmoor"},
            "overall": {"pairs": 6, "exact": None, "within_one": None, "kappa": None},
            "band": {"pairs": 0, "exact": None, "within_one": None, "kappa": None},
            "calibration": {"pairs": 0, "exact": None, "within_one": None, "kappa": None},
        },
    ],
}


class AgreementView(BenchmarkView):
    @extend_schema(
        operation_id="moderation_agreement",
        summary="How far raters agree",
        description=(
            "Exact agreement, agreement within one level and Cohen's kappa with quadratic "
            "weights (moderation.md), over the quarter's pairs (`period`, the current quarter "
            "by default) or one round's (`round`, your own council's). A SEND officer sees "
            "their own council per indicator and per setting, with the indicators that agree "
            "least and the levels most often confused; other councils, and partner tokens, "
            "see council level only. Fewer than min_pairs pairs: the figures are null, never 0."
        ),
        parameters=[AgreementQuerySerializer],
        responses={200: AgreementSerializer, **error_responses(400, 401, 403, 429)},
        examples=[OpenApiExample("A quarter", value=AGREEMENT_EXAMPLE, response_only=True)],
        tags=TAGS,
    )
    def get(self, request):
        query = AgreementQuerySerializer(data=request.query_params.dict())
        query.is_valid(raise_exception=True)
        partner = isinstance(request.auth, PartnerToken)
        detailed = [] if partner else list(own_councils(request))
        round_id = query.validated_data.get("round")
        if round_id is not None:
            moderation_round = ModerationRound.objects.filter(
                pk=round_id, council__in=detailed
            ).first()
            if moderation_round is None:
                raise exceptions.ValidationError(
                    {"round": ["No moderation round of your council has this id."]}
                )
            groups = agreement_groups(
                [moderation_round.council], [], moderation_round=moderation_round
            )
            return Response(
                {"period": None, "round": round_id, "min_pairs": MIN_PAIRS, "groups": groups}
            )
        period = query.validated_data.get("period") or period_of_now()
        groups = agreement_groups(detailed, list(Council.objects.all()), period=period)
        return Response({"period": period, "min_pairs": MIN_PAIRS, "groups": groups})


def period_of_now():
    return period_of(timezone.now())
