"""The ORUK endpoints: read-only viewsets over the council's published services and taxonomies.

Every endpoint is public, read-only and JSON only, and answers 404 on a host
that is no council's site. A page of services costs the same few queries
whatever its size: what a service nests is fetched for the page at once.
"""

import uuid

from django.db.models import Prefetch
from rest_framework import mixins, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from vsend_plugin.core.api import PublicAPIMixin
from vsend_plugin.core.models import Locality
from vsend_plugin.core.sites import council_for_request

from ..models import AreaOfNeed, ServiceCategory, ServiceLocation, ServicePage
from .filters import CouncilFilterBackend, ServiceFilterSet, TaxonomyFilterBackend
from .identifiers import taxonomies
from .pagination import OrukPagination
from .serializers import (
    ServiceAtLocationListSerializer,
    ServiceSerializer,
    ServiceSummarySerializer,
    TaxonomySerializer,
    TaxonomyTermSerializer,
)

ORUK_VERSION = "3.0"
ORUK_PROFILE = "https://openreferraluk.org/"
ORUK_OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/uk-profile/main/openapi.json"

NO_LOCAL_OFFER = "There is no local offer on this site."
NO_SUCH_SERVICE = "There is no such service."


def published_services(council):
    """Live, public service pages in the council's own page tree, in a stable order."""
    return (
        ServicePage.objects.live()
        .public()
        .descendant_of(council.site.root_page, inclusive=True)
        .select_related("organisation")
        .order_by("title", "pk")
    )


def with_nested(services, council):
    """``services`` with what :class:`.ServiceSerializer` nests, fetched in one query each."""
    return services.prefetch_related(
        Prefetch("localities", queryset=Locality.objects.order_by("name", "pk")),
        "locations",
        "contacts",
        Prefetch("areas_of_need", queryset=AreaOfNeed.objects.order_by("sort_order", "code")),
        Prefetch(
            "categories",
            queryset=ServiceCategory.objects.filter(council=council).order_by("name", "pk"),
            to_attr="council_categories",
        ),
    )


class OrukAPIMixin(PublicAPIMixin):
    """Public, read-only, JSON only; the host's council is ``self.council``, or a 404."""

    throttle_classes = []
    renderer_classes = [JSONRenderer]
    filter_backends = []

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.council = council_for_request(request)
        if self.council is None:
            raise NotFound(NO_LOCAL_OFFER)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "council": self.council}

    def filter_queryset(self, queryset):
        try:
            return super().filter_queryset(queryset)
        except ValidationError as error:
            # Every bad parameter at once: paging's with the filters'.
            problems = self.paginator.parameter_errors(self.request) if self.paginator else {}
            raise ValidationError({**problems, **error.detail}) from None


class ApiInfoView(OrukAPIMixin, APIView):
    """About this API: the ORUK version and profile it follows."""

    def get(self, request):
        return Response(
            {"version": ORUK_VERSION, "profile": ORUK_PROFILE, "openapi_url": ORUK_OPENAPI_URL}
        )


class ServiceViewSet(OrukAPIMixin, viewsets.ReadOnlyModelViewSet):
    """``/services`` (filtered, in pages) and ``/services/{id}`` (fully nested)."""

    filter_backends = [CouncilFilterBackend]
    filterset_class = ServiceFilterSet
    pagination_class = OrukPagination
    lookup_url_kwarg = "service_id"

    def get_queryset(self):
        return published_services(self.council)

    def get_serializer_class(self):
        return ServiceSerializer if self.action == "retrieve" else ServiceSummarySerializer

    def get_object(self):
        try:
            key = uuid.UUID(self.kwargs[self.lookup_url_kwarg])
        except ValueError:
            raise NotFound(NO_SUCH_SERVICE) from None
        service = with_nested(self.get_queryset(), self.council).filter(oruk_id=key).first()
        if service is None:
            raise NotFound(NO_SUCH_SERVICE)
        return service


class ServiceAtLocationViewSet(OrukAPIMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """``/service_at_locations``: every location of the services the filters leave, in pages."""

    filter_backends = [CouncilFilterBackend]
    filterset_class = ServiceFilterSet
    pagination_class = OrukPagination
    serializer_class = ServiceAtLocationListSerializer

    def get_queryset(self):
        return published_services(self.council)

    def filter_queryset(self, services):
        services = super().filter_queryset(services)
        return (
            ServiceLocation.objects.filter(page__in=services.values("pk"))
            .select_related("page", "page__organisation")
            .order_by("page__title", "page_id", "sort_order", "pk")
        )


class TaxonomyViewSet(OrukAPIMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """``/taxonomies``: vsend's areas of need and the council's service categories."""

    pagination_class = OrukPagination
    serializer_class = TaxonomySerializer

    def get_queryset(self):
        return taxonomies(self.council)


class TaxonomyTermViewSet(OrukAPIMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """``/taxonomy_terms``: the areas of need, then the council's categories; by ``taxonomy_id``."""

    filter_backends = [TaxonomyFilterBackend]
    pagination_class = OrukPagination
    serializer_class = TaxonomyTermSerializer

    def get_queryset(self):
        return [
            *AreaOfNeed.objects.order_by("sort_order", "code"),
            *ServiceCategory.objects.filter(council=self.council).order_by("name", "pk"),
        ]
