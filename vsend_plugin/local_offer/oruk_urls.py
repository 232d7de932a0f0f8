"""Open Referral UK 3.0 endpoints; included at ``api/oruk/`` by ``vsend_plugin.urls``.

ORUK's paths have no trailing slash (``/services``); one is accepted too.
"""

from django.urls import path, re_path

from vsend_plugin.core.api import no_such_endpoint_path

from . import oruk

LIST = {"get": "list"}

urlpatterns = [
    path("", oruk.ApiInfoView.as_view(), name="vsend_oruk_info"),
    re_path(r"^services/?$", oruk.ServiceViewSet.as_view(LIST), name="vsend_oruk_services"),
    re_path(
        r"^services/(?P<service_id>[^/]+)/?$",
        oruk.ServiceViewSet.as_view({"get": "retrieve"}),
        name="vsend_oruk_service",
    ),
    re_path(r"^taxonomies/?$", oruk.TaxonomyViewSet.as_view(LIST), name="vsend_oruk_taxonomies"),
    re_path(
        r"^taxonomy_terms/?$",
        oruk.TaxonomyTermViewSet.as_view(LIST),
        name="vsend_oruk_taxonomy_terms",
    ),
    re_path(
        r"^service_at_locations/?$",
        oruk.ServiceAtLocationViewSet.as_view(LIST),
        name="vsend_oruk_service_at_locations",
    ),
    no_such_endpoint_path(),
]
