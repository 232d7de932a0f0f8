"""Services, organisations, locations and taxonomies in the shapes of ORUK 3.0's schemas.

Optional fields with no value (``None``, ``""``, an empty list) are left out
rather than sent as ``null``, which the schemas do not allow; each
serializer names its optional fields in ``Meta.optional_fields``.

The serializers need ``council`` (the host's council) and ``request`` in
their context, and read a service's related objects through ``.all()``, so
that a view can fetch them for a whole page at once (``prefetch_related``).
A service's categories are those of ``council_categories`` when prefetched so.
"""

from rest_framework import serializers

from ..models import AreaOfNeed
from .identifiers import (
    AREAS_TAXONOMY_ID,
    AREAS_TAXONOMY_NAME,
    area_term_id,
    category_taxonomy_id,
    category_taxonomy_name,
    contact_id,
    council_organisation_id,
    derived_id,
    service_at_location_id,
)


class ConstantField(serializers.Field):
    """The same value for every object, such as a service's ``status``."""

    def __init__(self, value, **kwargs):
        self.value = value
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, instance):
        return self.value


class IsoFormatField(serializers.ReadOnlyField):
    """A date or time as Python writes it, in the zone it was stored in."""

    def to_representation(self, value):
        return value.isoformat()


class OrukSerializer(serializers.Serializer):
    """Leaves out the optional fields that have no value."""

    class Meta:
        optional_fields = ()

    def to_representation(self, instance):
        data = super().to_representation(instance)
        for name in self.Meta.optional_fields:
            if data.get(name) in (None, "", []):
                data.pop(name, None)
        return data

    @property
    def council(self):
        return self.context["council"]


# Organisations -------------------------------------------------------------------


class OrganizationSerializer(OrukSerializer):
    id = serializers.UUIDField(source="oruk_id")
    name = serializers.CharField()
    description = serializers.SerializerMethodField()
    email = serializers.CharField()
    website = serializers.CharField()

    class Meta:
        optional_fields = ("email", "website")

    def get_description(self, organisation):
        # required: a blank description falls back to the name
        return organisation.description or organisation.name


class CouncilOrganizationSerializer(OrukSerializer):
    """The council, as the organisation behind the services that name no other."""

    id = serializers.SerializerMethodField()
    name = serializers.CharField()
    description = serializers.SerializerMethodField()

    def get_id(self, council):
        return str(council_organisation_id(council))

    def get_description(self, council):
        return f"{council.name}, which publishes this local offer."


# Taxonomies -------------------------------------------------------------------------


class TaxonomySerializer(OrukSerializer):
    id = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    version = serializers.CharField(required=False)

    class Meta:
        optional_fields = ("version",)


class AreaTermSerializer(OrukSerializer):
    """An area of need, as a term of vsend's "Areas of need" taxonomy."""

    id = serializers.SerializerMethodField()
    name = serializers.CharField()
    description = serializers.CharField(source="name")
    taxonomy = ConstantField(AREAS_TAXONOMY_NAME)
    taxonomy_id = ConstantField(str(AREAS_TAXONOMY_ID))
    term = serializers.CharField(source="code")

    def get_id(self, area):
        return str(area_term_id(area.code))


class CategoryTermSerializer(OrukSerializer):
    """A council's service category, as a term of the council's own taxonomy."""

    id = serializers.UUIDField(source="oruk_id")
    name = serializers.CharField()
    description = serializers.SerializerMethodField()
    taxonomy = serializers.SerializerMethodField()
    taxonomy_id = serializers.SerializerMethodField()
    term = serializers.CharField(source="slug")

    def get_description(self, category):
        return category.description or category.name

    def get_taxonomy(self, category):
        return category_taxonomy_name(self.council)

    def get_taxonomy_id(self, category):
        return str(category_taxonomy_id(self.council))


class TaxonomyTermSerializer(serializers.BaseSerializer):
    """An area of need or a service category, each as the term it is."""

    def to_representation(self, term):
        serializer = AreaTermSerializer if isinstance(term, AreaOfNeed) else CategoryTermSerializer
        return serializer(term, context=self.context).data


# Locations ---------------------------------------------------------------------------


class LocationSerializer(OrukSerializer):
    id = serializers.UUIDField(source="oruk_id")
    location_type = ConstantField("physical")
    name = serializers.CharField()
    latitude = serializers.FloatField()
    longitude = serializers.FloatField()

    class Meta:
        optional_fields = ("name", "latitude", "longitude")


class FullLocationSerializer(LocationSerializer):
    """A location with its address and accessibility, as nested in a service."""

    addresses = serializers.SerializerMethodField()
    accessibility = serializers.SerializerMethodField()

    class Meta:
        optional_fields = (*LocationSerializer.Meta.optional_fields, "accessibility")

    def get_addresses(self, location):
        council = self.council
        return [
            {
                "id": derived_id(location.oruk_id, "address"),
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

    def get_accessibility(self, location):
        if not location.accessibility:
            return []
        return [
            {
                "id": derived_id(location.oruk_id, "accessibility"),
                "location_id": str(location.oruk_id),
                "description": location.accessibility,
            }
        ]


class ServiceAtLocationSerializer(OrukSerializer):
    """A service at one of its locations, as nested in a service."""

    id = serializers.SerializerMethodField()
    service_id = serializers.UUIDField(source="page.oruk_id")
    location_id = serializers.UUIDField(source="oruk_id")
    location = FullLocationSerializer(source="*")

    def get_id(self, location):
        return service_at_location_id(location)


# Services -----------------------------------------------------------------------------


class ServiceSummarySerializer(OrukSerializer):
    """The one-to-one fields of a service, as ``service_list.json`` lists them."""

    id = serializers.UUIDField(source="oruk_id")
    organization_id = serializers.SerializerMethodField()
    name = serializers.CharField(source="title")
    description = serializers.CharField()
    status = ConstantField("active")
    url = serializers.SerializerMethodField()
    email = serializers.CharField()
    fees = serializers.SerializerMethodField()
    minimum_age = serializers.IntegerField(source="min_age")
    maximum_age = serializers.IntegerField(source="max_age")
    assured_date = IsoFormatField(source="last_reviewed")
    last_modified = IsoFormatField(source="last_published_at")
    organization = serializers.SerializerMethodField()

    class Meta:
        optional_fields = (
            "url",
            "email",
            "fees",
            "minimum_age",
            "maximum_age",
            "assured_date",
            "last_modified",
        )

    def get_organization_id(self, service):
        if service.organisation is None:
            return str(council_organisation_id(self.council))
        return str(service.organisation.oruk_id)

    def get_url(self, service):
        return service.website or service.get_full_url(self.context["request"])

    def get_fees(self, service):
        return service.cost_description or ("Free" if service.is_free else "")

    def get_organization(self, service):
        if service.organisation is None:
            return CouncilOrganizationSerializer(self.council, context=self.context).data
        return OrganizationSerializer(service.organisation, context=self.context).data


class ContactSerializer(OrukSerializer):
    id = serializers.SerializerMethodField()
    service_id = serializers.UUIDField(source="page.oruk_id")
    name = serializers.CharField()
    title = serializers.CharField()
    email = serializers.CharField()
    phones = serializers.SerializerMethodField()

    class Meta:
        optional_fields = ("title", "email", "phones")

    def get_id(self, contact):
        return str(contact_id(contact.page, contact))

    def get_phones(self, contact):
        if not contact.telephone:
            return []
        return [
            {
                "id": derived_id(contact_id(contact.page, contact), "phone"),
                "number": contact.telephone,
            }
        ]


class ServiceSerializer(ServiceSummarySerializer):
    """A fully nested service, as ``service.json`` describes it."""

    schedules = serializers.SerializerMethodField()
    service_areas = serializers.SerializerMethodField()
    service_at_locations = ServiceAtLocationSerializer(source="locations.all", many=True)
    languages = serializers.SerializerMethodField()
    phones = serializers.SerializerMethodField()
    cost_options = serializers.SerializerMethodField()
    contacts = ContactSerializer(source="contacts.all", many=True)
    attributes = serializers.SerializerMethodField()
    # HSDS 3.0 service fields the UK profile leaves out; extra properties are allowed.
    eligibility_description = serializers.CharField(source="eligibility")
    application_process = serializers.CharField(source="how_to_access")

    class Meta:
        optional_fields = (
            *ServiceSummarySerializer.Meta.optional_fields,
            "schedules",
            "service_at_locations",
            "languages",
            "phones",
            "cost_options",
            "contacts",
            "attributes",
            "eligibility_description",
            "application_process",
        )

    def get_schedules(self, service):
        if not service.opening_times:
            return []
        return [
            {
                "id": derived_id(service.oruk_id, "schedule"),
                "service_id": str(service.oruk_id),
                "description": service.opening_times,
            }
        ]

    def get_service_areas(self, service):
        sid = str(service.oruk_id)
        areas = [
            {
                "id": derived_id(service.oruk_id, "service_area", locality.pk),
                "service_id": sid,
                "name": locality.name,
                "service_area": locality.name,
            }
            for locality in service.localities.all()
        ]
        return areas or [
            {
                "id": derived_id(service.oruk_id, "service_area", "council"),
                "service_id": sid,
                "name": self.council.name,
                "service_area": f"The whole of the {self.council.name} area.",
            }
        ]

    def get_languages(self, service):
        return [
            {
                "id": derived_id(service.oruk_id, "language", name),
                "service_id": str(service.oruk_id),
                "name": name,
            }
            for name in service.language_list
        ]

    def get_phones(self, service):
        if not service.telephone:
            return []
        return [
            {
                "id": derived_id(service.oruk_id, "phone"),
                "service_id": str(service.oruk_id),
                "number": service.telephone,
            }
        ]

    def get_cost_options(self, service):
        option = {
            "id": derived_id(service.oruk_id, "cost_option"),
            "service_id": str(service.oruk_id),
        }
        if service.is_free:
            option |= {"option": "Free", "amount": 0}
            if service.cost_description:
                option["amount_description"] = service.cost_description
            return [option]
        if service.cost_description:
            return [option | {"amount_description": service.cost_description}]
        return []

    def get_attributes(self, service):
        terms = TaxonomyTermSerializer(
            [*service.areas_of_need.all(), *self.categories(service)],
            many=True,
            context=self.context,
        ).data
        return [
            {
                "id": derived_id(service.oruk_id, "attribute", term["id"]),
                "link_id": str(service.oruk_id),
                "link_type": "service",
                "taxonomy_term_id": term["id"],
                "taxonomy_term": term,
            }
            for term in terms
        ]

    def categories(self, service):
        """The service's categories of the host's council (others are not its to publish)."""
        if hasattr(service, "council_categories"):
            return service.council_categories
        return service.categories.filter(council=self.council).order_by("name", "pk")


class ServiceAtLocationListSerializer(OrukSerializer):
    """A service at one of its locations, as ``service_at_location_list.json`` lists them."""

    id = serializers.SerializerMethodField()
    service_id = serializers.UUIDField(source="page.oruk_id")
    location_id = serializers.UUIDField(source="oruk_id")
    location = LocationSerializer(source="*")
    service = ServiceSummarySerializer(source="page")

    def get_id(self, location):
        return service_at_location_id(location)
