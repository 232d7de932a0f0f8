"""The local offer as Open Referral UK 3.0, per council site: the host decides whose services.

Endpoints (see ``oruk_urls``): ``/`` (about this API), ``/services``,
``/services/{id}``, ``/taxonomies``, ``/taxonomy_terms`` and
``/service_at_locations``, built as DRF builds an API: :mod:`.serializers`
for ORUK's shapes, :mod:`.pagination` for its page envelope
(``total_items``, ``total_pages``, ``page_number``, ``size``,
``first_page``, ``last_page``, ``empty``, ``contents``), :mod:`.filters`
(django-filter) for its query parameters, and read-only viewsets in
:mod:`.views`. The identifiers vsend derives are in :mod:`.identifiers`.

Only live, public service pages under the council's own site root are
published. Optional fields with no value are left out rather than sent as
``null``, which the schemas do not allow.
"""

from .identifiers import (
    AREAS_TAXONOMY_ID,
    VSEND_ORUK_NAMESPACE,
    area_term_id,
    category_taxonomy_id,
    council_organisation_id,
)
from .views import (
    ApiInfoView,
    ServiceAtLocationViewSet,
    ServiceViewSet,
    TaxonomyTermViewSet,
    TaxonomyViewSet,
)

__all__ = [
    "AREAS_TAXONOMY_ID",
    "VSEND_ORUK_NAMESPACE",
    "ApiInfoView",
    "ServiceAtLocationViewSet",
    "ServiceViewSet",
    "TaxonomyTermViewSet",
    "TaxonomyViewSet",
    "area_term_id",
    "category_taxonomy_id",
    "council_organisation_id",
]
