"""``GET /api/vsend/v1/benchmarks/``: disclosure-controlled aggregates for officers and partners.

Callers are a council's SEND officers (session or their own API token), a
superuser, or a partner holding a token a SEND officer issued
(:mod:`.authentication`). Which figures each sees is decided in
:mod:`.serving`; this module checks the caller and the query.
"""

from drf_spectacular.utils import OpenApiExample
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from vsend_plugin.core.api import VsendAPIMixin, VsendRateThrottle, extend_schema
from vsend_plugin.core.api_errors import error_responses
from vsend_plugin.core.models import Council, Role
from vsend_plugin.core.permissions import councils_for
from vsend_plugin.scoring import SCHEME

from . import answers
from .authentication import PartnerTokenAuthentication
from .models import Dimension, PartnerToken
from .periods import PeriodError, parse_period
from .serializers import BenchmarkPeriodsSerializer, BenchmarksSerializer
from .serving import benchmarks, min_group, periods


def own_councils(request):
    """The councils whose every dimension the caller may read."""
    if isinstance(request.auth, PartnerToken):
        return Council.objects.filter(pk=request.auth.council_id)
    return councils_for(request.user, {Role.OFFICER})


def own_council_ids(request):
    """:func:`own_councils` as sorted ids, asked once a request (the permission and the view)."""
    if not hasattr(request, "_vsend_own_council_ids"):
        request._vsend_own_council_ids = tuple(
            sorted(own_councils(request).values_list("pk", flat=True))
        )
    return request._vsend_own_council_ids


class OfficerOrPartner(permissions.BasePermission):
    """A SEND officer of some council, a superuser, or an active partner token."""

    message = "Benchmarks are for SEND officers and the partners they issue tokens to."

    def has_permission(self, request, view):
        if isinstance(request.auth, PartnerToken):
            return True
        user = request.user
        return bool(user and user.is_authenticated and own_council_ids(request))


class BenchmarkThrottle(VsendRateThrottle):
    """Per partner token or per user, at ``VSEND_THROTTLE_RATES["benchmarks"]``."""

    scope = "benchmarks"

    def get_cache_key(self, request, view):
        if isinstance(request.auth, PartnerToken):
            return self.cache_format % {"scope": self.scope, "ident": f"partner-{request.auth.pk}"}
        return super().get_cache_key(request, view)


class BenchmarkQuerySerializer(serializers.Serializer):
    by = serializers.ChoiceField(
        choices=Dimension.choices,
        default=Dimension.COUNCIL,
        help_text="How the children are grouped: council, locality, setting, primary_area or band.",
    )
    period = serializers.CharField(
        required=False,
        help_text="A quarter, YYYY-Qn (e.g. 2026-Q3). The latest quarter with figures by default.",
    )

    def validate_period(self, value):
        try:
            parse_period(value)
        except PeriodError as error:
            raise serializers.ValidationError(str(error)) from error
        return value


class BenchmarkView(VsendAPIMixin, APIView):
    # Partner tokens first: a TokenAuthentication, so a missing or bad one is a 401 as elsewhere.
    authentication_classes = [PartnerTokenAuthentication, *VsendAPIMixin.authentication_classes]
    permission_classes = [OfficerOrPartner]
    throttle_classes = [BenchmarkThrottle]


_EXAMPLE = {
    "scheme": "vsend-core/1",
    "period": "2026-Q3",
    "by": "locality",
    "min_group": 10,
    "groups": [
        {
            "key": {"council": "northshire", "locality": "north-coast"},
            "label": "North Coast",
            "suppressed": False,
            "children": 124,
            "excluded": None,
            "band_counts": {"A": 30, "B": 51, "C": 28, "D": 15, "E": 0},
            "areas": {
                code: {"level": 1.42, "intensity": 0.97, "gap": 0.31, "family_confidence": 2.6}
                for code in ("CI", "CL", "SEMH", "SP", "IND")
            },
            "alignment": 0.18,
            "trend_counts": {"escalating": 12, "stable": 60, "improving": 9},
        },
        {
            "key": {"council": "northshire", "locality": "hill-villages"},
            "label": "Hill Villages",
            "suppressed": True,
        },
    ],
}


class BenchmarksView(BenchmarkView):
    @extend_schema(
        operation_id="benchmarks",
        summary="Disclosure-controlled aggregates",
        description=(
            "The figures of vsend-core/1 aggregates (the latest complete assessment of each child "
            "in the quarter) by council, locality, setting, primary area or band. The caller's own "
            "council in every dimension; other councils on this install at council level only. "
            "Groups with fewer than min_group children are suppressed; inside a group, counts "
            "from 1 to 4 are null, and one more count is nulled where one alone would be. "
            "For SEND officers (session or token) and partner tokens."
        ),
        parameters=[BenchmarkQuerySerializer],
        responses={
            200: BenchmarksSerializer,
            **error_responses(400, 401, 403, 429),
        },
        examples=[
            OpenApiExample("Localities of the caller's council", value=_EXAMPLE, response_only=True)
        ],
        tags=["benchmarks"],
    )
    def get(self, request):
        # A plain dict, so that an empty parameter (?period=) is refused rather than
        # read as absent, as DRF reads an empty form field.
        query = BenchmarkQuerySerializer(data=request.query_params.dict())
        query.is_valid(raise_exception=True)
        own = own_council_ids(request)
        by, period = query.validated_data["by"], query.validated_data.get("period")
        # The state first: see answers.py for why every answer kept is still right.
        key = (own, by, period, min_group(), answers.state())
        return Response(
            answers.ANSWERS.get_or_make(
                key,
                lambda: BenchmarksSerializer(benchmarks(own, by=by, period=period)).data,
            )
        )


class BenchmarkPeriodsView(BenchmarkView):
    @extend_schema(
        operation_id="benchmark_periods",
        summary="Quarters with benchmark figures",
        responses={
            200: BenchmarkPeriodsSerializer,
            **error_responses(401, 403, 429),
        },
        examples=[
            OpenApiExample(
                "Four quarters",
                value={"scheme": "vsend-core/1", "periods": ["2026-Q1", "2026-Q2", "2026-Q3"]},
                response_only=True,
            )
        ],
        tags=["benchmarks"],
    )
    def get(self, request):
        answer = {"scheme": SCHEME, "periods": periods(own_council_ids(request))}
        return Response(BenchmarkPeriodsSerializer(answer).data)
