"""The local offer as Open Referral UK 3.0, per council site: the host decides whose services.

Endpoints (see ``oruk_urls``): ``/`` (about this API), ``/services``,
``/services/{id}``, ``/taxonomies``, ``/taxonomy_terms`` and
``/service_at_locations``. Lists use ORUK's paging envelope
(``total_items``, ``total_pages``, ``page_number``, ``size``,
``first_page``, ``last_page``, ``empty``, ``contents``).

Only live, public service pages under the council's own site root are
published. Optional fields with no value are left out rather than sent as
``null``, which the schemas do not allow.

Identifiers the models do not store are derived with ``uuid.uuid5`` so they
stay the same from one request to the next:

* the vsend "Areas of need" taxonomy and its terms (one per area code);
* each council's own taxonomy of service categories (from the council slug);
  its terms are the categories' own ``oruk_id``;
* contacts (from the service's ``oruk_id`` and the contact's key), and the
  schedules, cost options, languages, phones, service areas, addresses,
  accessibility entries and attributes hanging off a service or location.
"""

import math
import uuid
from decimal import Decimal, InvalidOperation

from django.db.models import Q
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from vsend_plugin.core.api import PublicAPIMixin
from vsend_plugin.core.sites import council_for_request

from .models import AreaOfNeed, ServiceCategory, ServiceLocation, ServicePage
from .search_index import matching, parse

ORUK_VERSION = "3.0"
ORUK_PROFILE = "https://openreferraluk.org/"
ORUK_OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/uk-profile/main/openapi.json"

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
#: The longest free-text search, as on the local offer's own search page.
MAX_SEARCH_LENGTH = 200

#: The fixed namespace every derived vsend ORUK identifier starts from.
VSEND_ORUK_NAMESPACE = uuid.UUID("5b0c3f2e-8a4d-5e61-9c7a-2f1d0e6b4a93")
AREAS_TAXONOMY_ID = uuid.uuid5(VSEND_ORUK_NAMESPACE, "taxonomy:areas-of-need")
AREAS_TAXONOMY_NAME = "Areas of need"
AREAS_TAXONOMY_DESCRIPTION = (
    "The areas of special educational needs and disabilities a service helps with (vsend)."
)


def area_term_id(code):
    """The stable identifier of an area of need published as a taxonomy term."""
    return uuid.uuid5(VSEND_ORUK_NAMESPACE, f"area-of-need:{code}")


def category_taxonomy_id(council):
    """The stable identifier of a council's own taxonomy of service categories."""
    return uuid.uuid5(VSEND_ORUK_NAMESPACE, f"council-categories:{council.slug}")


def council_organisation_id(council):
    """The council as the organisation behind services that name no other."""
    return uuid.uuid5(VSEND_ORUK_NAMESPACE, f"council:{council.slug}")


def contact_id(service, contact):
    return uuid.uuid5(service.oruk_id, f"contact:{contact.pk}")


def _derived(parent_id, kind, key=""):
    return str(uuid.uuid5(parent_id, f"{kind}:{key}"))


def _put(data, key, value):
    """Set ``key`` only when there is a value: the schemas forbid ``null``; blanks say nothing."""
    if value is None or value == "":
        return
    data[key] = value


# Errors, in the project's shape -------------------------------------------


def _errors(status, field, message):
    return Response({"errors": [{"field": field, "message": message}]}, status=status)


class BadParameter(Exception):
    def __init__(self, field, message):
        super().__init__(message)
        self.field = field
        self.message = message


def _positive_int(params, name, default, maximum=None):
    raw = params.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise BadParameter(name, f"{name} must be a whole number, not '{raw}'.") from None
    if value < 1:
        raise BadParameter(name, f"{name} must be 1 or more.")
    if maximum is not None and value > maximum:
        raise BadParameter(name, f"{name} must be {maximum} or fewer.")
    return value


def _uuid(params, name):
    raw = params.get(name)
    if raw is None or raw.strip() == "":
        return None
    try:
        return uuid.UUID(raw.strip())
    except ValueError:
        raise BadParameter(
            name, f"{name} must be a UUID, such as 3f7b145d-84af-42d7-8fae-eaca714b02b2."
        ) from None


def _search_text(params, *names):
    """The first of ``names`` given, checked: PostgreSQL cannot compare text holding NUL."""
    for name in names:
        raw = (params.get(name) or "").strip()
        if not raw:
            continue
        if "\x00" in raw:
            raise BadParameter(name, f"{name} must not contain a null character.")
        if len(raw) > MAX_SEARCH_LENGTH:
            raise BadParameter(name, f"{name} must be {MAX_SEARCH_LENGTH} characters or fewer.")
        return raw
    return ""


def _age(params, name):
    raw = params.get(name)
    if raw is None or raw.strip() == "":
        return None
    try:
        value = Decimal(raw.strip())
    except InvalidOperation:
        raise BadParameter(name, f"{name} must be a number of years, not '{raw}'.") from None
    if not value.is_finite() or value < 0 or value > 150:
        raise BadParameter(name, f"{name} must be a number of years between 0 and 150.")
    return value


# Paging --------------------------------------------------------------------


def paging(params):
    return (
        _positive_int(params, "page", 1),
        _positive_int(params, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE),
    )


def page_of(items, page, per_page, render):
    """ORUK's envelope around one page of ``items`` (queryset or list), each shown by ``render``."""
    total = len(items) if isinstance(items, list) else items.count()
    start = (page - 1) * per_page
    # past the end there is nothing to fetch (and a huge offset must not reach the database)
    contents = [render(item) for item in items[start : start + per_page]] if start < total else []
    total_pages = math.ceil(total / per_page)
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


# What is published ---------------------------------------------------------


def published_services(council):
    """Live, public service pages in the council's own page tree, in a stable order."""
    return (
        ServicePage.objects.live()
        .public()
        .descendant_of(council.site.root_page, inclusive=True)
        .select_related("organisation")
        .order_by("title", "pk")
    )


def filter_services(services, params, council):
    """ORUK's simple filters: ``search`` (or ``text``), taxonomy, and ages."""
    text = _search_text(params, "search", "text")
    term = _uuid(params, "taxonomy_term_id")
    taxonomy = _uuid(params, "taxonomy_id")
    minimum_age = _age(params, "minimum_age")
    maximum_age = _age(params, "maximum_age")
    if text:
        # The local offer page's own search: stemming, synonyms, every word in any order.
        services = matching(services, parse(text, council))
    if term is not None:
        codes = [area.code for area in AreaOfNeed.objects.all() if area_term_id(area.code) == term]
        services = services.filter(
            Q(areas_of_need__code__in=codes)
            | Q(categories__oruk_id=term, categories__council=council)
        ).distinct()
    if taxonomy is not None:
        if taxonomy == AREAS_TAXONOMY_ID:
            services = services.filter(areas_of_need__isnull=False).distinct()
        elif taxonomy == category_taxonomy_id(council):
            services = services.filter(categories__council=council).distinct()
        else:
            services = services.none()
    # "a minimum age of at least" / "a maximum age equal to or below": no minimum counts as 0,
    # no maximum as none at all.
    if minimum_age is not None:
        condition = Q(min_age__gte=minimum_age)
        if minimum_age <= 0:
            condition |= Q(min_age__isnull=True)
        services = services.filter(condition)
    if maximum_age is not None:
        services = services.filter(max_age__lte=maximum_age)
    return services


# Shapes --------------------------------------------------------------------


def area_term(area):
    return {
        "id": str(area_term_id(area.code)),
        "name": area.name,
        "description": area.name,
        "taxonomy": AREAS_TAXONOMY_NAME,
        "taxonomy_id": str(AREAS_TAXONOMY_ID),
        "term": area.code,
    }


def category_term(category, council):
    return {
        "id": str(category.oruk_id),
        "name": category.name,
        "description": category.description or category.name,
        "taxonomy": category_taxonomy_name(council),
        "taxonomy_id": str(category_taxonomy_id(council)),
        "term": category.slug,
    }


def category_taxonomy_name(council):
    return f"{council.name} service categories"


def taxonomies(council):
    return [
        {
            "id": str(AREAS_TAXONOMY_ID),
            "name": AREAS_TAXONOMY_NAME,
            "description": AREAS_TAXONOMY_DESCRIPTION,
            "version": "1",
        },
        {
            "id": str(category_taxonomy_id(council)),
            "name": category_taxonomy_name(council),
            "description": f"The categories {council.name} sorts its local offer services into.",
        },
    ]


def taxonomy_terms(council):
    return [area_term(area) for area in AreaOfNeed.objects.order_by("sort_order", "code")] + [
        category_term(category, council)
        for category in ServiceCategory.objects.filter(council=council).order_by("name", "pk")
    ]


def organisation(service, council):
    organisation = service.organisation
    if organisation is None:
        return {
            "id": str(council_organisation_id(council)),
            "name": council.name,
            "description": f"{council.name}, which publishes this local offer.",
        }
    data = {
        "id": str(organisation.oruk_id),
        "name": organisation.name,
        # required: a blank description falls back to the name
        "description": organisation.description or organisation.name,
    }
    _put(data, "email", organisation.email)
    _put(data, "website", organisation.website)
    return data


def service_summary(service, council, request):
    """The one-to-one fields of a service, as ``service_list.json`` lists them."""
    org = organisation(service, council)
    data = {
        "id": str(service.oruk_id),
        "organization_id": org["id"],
        "name": service.title,
        "description": service.description,
        "status": "active",
    }
    _put(data, "url", service.website or service.get_full_url(request))
    _put(data, "email", service.email)
    _put(data, "fees", service.cost_description or ("Free" if service.is_free else ""))
    _put(data, "minimum_age", service.min_age)
    _put(data, "maximum_age", service.max_age)
    if service.last_reviewed:
        data["assured_date"] = service.last_reviewed.isoformat()
    if service.last_published_at:
        data["last_modified"] = service.last_published_at.isoformat()
    data["organization"] = org
    return data


def location_summary(location):
    data = {"id": str(location.oruk_id), "location_type": "physical"}
    _put(data, "name", location.name)
    _put(data, "latitude", location.latitude)
    _put(data, "longitude", location.longitude)
    return data


def location_full(location, council):
    data = location_summary(location)
    data["addresses"] = [
        {
            "id": _derived(location.oruk_id, "address"),
            "location_id": str(location.oruk_id),
            "address_1": location.address,
            # required strings: the town if given, else the council's name for its area
            "city": location.town or council.name,
            "state_province": council.name,
            "postal_code": location.postcode,
            "country": "GB",
            "address_type": "physical",
        }
    ]
    if location.accessibility:
        data["accessibility"] = [
            {
                "id": _derived(location.oruk_id, "accessibility"),
                "location_id": str(location.oruk_id),
                "description": location.accessibility,
            }
        ]
    return data


def service_at_location_id(location):
    return _derived(location.oruk_id, "service_at_location")


def attribute(service, term):
    return {
        "id": _derived(service.oruk_id, "attribute", term["id"]),
        "link_id": str(service.oruk_id),
        "link_type": "service",
        "taxonomy_term_id": term["id"],
        "taxonomy_term": term,
    }


def service_full(service, council, request):
    """A fully nested service, as ``service.json`` describes it."""
    data = service_summary(service, council, request)
    sid = str(service.oruk_id)
    if service.opening_times:
        data["schedules"] = [
            {
                "id": _derived(service.oruk_id, "schedule"),
                "service_id": sid,
                "description": service.opening_times,
            }
        ]
    localities = list(service.localities.order_by("name", "pk"))
    data["service_areas"] = [
        {
            "id": _derived(service.oruk_id, "service_area", locality.pk),
            "service_id": sid,
            "name": locality.name,
            "service_area": locality.name,
        }
        for locality in localities
    ] or [
        {
            "id": _derived(service.oruk_id, "service_area", "council"),
            "service_id": sid,
            "name": council.name,
            "service_area": f"The whole of the {council.name} area.",
        }
    ]
    locations = list(service.locations.all())
    if locations:
        data["service_at_locations"] = [
            {
                "id": service_at_location_id(location),
                "service_id": sid,
                "location_id": str(location.oruk_id),
                "location": location_full(location, council),
            }
            for location in locations
        ]
    if service.language_list:
        data["languages"] = [
            {"id": _derived(service.oruk_id, "language", name), "service_id": sid, "name": name}
            for name in service.language_list
        ]
    if service.telephone:
        data["phones"] = [
            {
                "id": _derived(service.oruk_id, "phone"),
                "service_id": sid,
                "number": service.telephone,
            }
        ]
    if service.is_free:
        option = {
            "id": _derived(service.oruk_id, "cost_option"),
            "service_id": sid,
            "option": "Free",
            "amount": 0,
        }
        _put(option, "amount_description", service.cost_description)
        data["cost_options"] = [option]
    elif service.cost_description:
        data["cost_options"] = [
            {
                "id": _derived(service.oruk_id, "cost_option"),
                "service_id": sid,
                "amount_description": service.cost_description,
            }
        ]
    contacts = []
    for contact in service.contacts.all():
        item = {"id": str(contact_id(service, contact)), "service_id": sid, "name": contact.name}
        _put(item, "title", contact.title)
        _put(item, "email", contact.email)
        if contact.telephone:
            item["phones"] = [
                {"id": _derived(contact_id(service, contact), "phone"), "number": contact.telephone}
            ]
        contacts.append(item)
    if contacts:
        data["contacts"] = contacts
    terms = [area_term(area) for area in service.areas_of_need.order_by("sort_order", "code")] + [
        category_term(category, council)
        for category in service.categories.filter(council=council).order_by("name", "pk")
    ]
    if terms:
        data["attributes"] = [attribute(service, term) for term in terms]
    # HSDS 3.0 service fields the UK profile leaves out; extra properties are allowed.
    _put(data, "eligibility_description", service.eligibility)
    _put(data, "application_process", service.how_to_access)
    return data


# Views ---------------------------------------------------------------------


class OrukView(PublicAPIMixin, APIView):
    """Public, read-only, JSON only; answers 404 on a host that is no council's site."""

    throttle_classes = []
    renderer_classes = [JSONRenderer]

    def get(self, request, *args, **kwargs):
        council = council_for_request(request)
        if council is None:
            return _errors(404, "", "There is no local offer on this site.")
        try:
            return self.answer(request, council, *args, **kwargs)
        except BadParameter as problem:
            return _errors(400, problem.field, problem.message)

    def answer(self, request, council, *args, **kwargs):  # pragma: no cover - overridden
        raise NotImplementedError


class ApiInfoView(OrukView):
    def answer(self, request, council):
        return Response(
            {"version": ORUK_VERSION, "profile": ORUK_PROFILE, "openapi_url": ORUK_OPENAPI_URL}
        )


class ServiceListView(OrukView):
    def answer(self, request, council):
        page, per_page = paging(request.query_params)
        services = filter_services(published_services(council), request.query_params, council)
        return Response(
            page_of(services, page, per_page, lambda s: service_summary(s, council, request))
        )


class ServiceDetailView(OrukView):
    def answer(self, request, council, service_id):
        try:
            key = uuid.UUID(service_id)
        except ValueError:
            return _errors(404, "", "There is no such service.")
        service = published_services(council).filter(oruk_id=key).first()
        if service is None:
            return _errors(404, "", "There is no such service.")
        return Response(service_full(service, council, request))


class TaxonomyListView(OrukView):
    def answer(self, request, council):
        page, per_page = paging(request.query_params)
        return Response(page_of(taxonomies(council), page, per_page, lambda t: t))


class TaxonomyTermListView(OrukView):
    def answer(self, request, council):
        page, per_page = paging(request.query_params)
        terms = taxonomy_terms(council)
        taxonomy = _uuid(request.query_params, "taxonomy_id")
        if taxonomy is not None:
            terms = [term for term in terms if term["taxonomy_id"] == str(taxonomy)]
        return Response(page_of(terms, page, per_page, lambda t: t))


class ServiceAtLocationListView(OrukView):
    def answer(self, request, council):
        page, per_page = paging(request.query_params)
        services = filter_services(published_services(council), request.query_params, council)
        locations = (
            ServiceLocation.objects.filter(page__in=services.values("pk"))
            .select_related("page", "page__organisation")
            .order_by("page__title", "page_id", "sort_order", "pk")
        )

        def render(location):
            service = location.page
            return {
                "id": service_at_location_id(location),
                "service_id": str(service.oruk_id),
                "location_id": str(location.oruk_id),
                "location": location_summary(location),
                "service": service_summary(service, council, request),
            }

        return Response(page_of(locations, page, per_page, render))
