"""The ORUK identifiers vsend derives, and the taxonomies it publishes.

Identifiers the models do not store are derived with ``uuid.uuid5`` so they
stay the same from one request to the next:

* the vsend "Areas of need" taxonomy and its terms (one per area code);
* each council's own taxonomy of service categories (from the council slug);
  its terms are the categories' own ``oruk_id``;
* contacts (from the service's ``oruk_id`` and the contact's key), and the
  schedules, cost options, languages, phones, service areas, addresses,
  accessibility entries and attributes hanging off a service or location.
"""

import uuid

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


def category_taxonomy_name(council):
    return f"{council.name} service categories"


def council_organisation_id(council):
    """The council as the organisation behind services that name no other."""
    return uuid.uuid5(VSEND_ORUK_NAMESPACE, f"council:{council.slug}")


def contact_id(service, contact):
    return uuid.uuid5(service.oruk_id, f"contact:{contact.pk}")


def derived_id(parent_id, kind, key=""):
    """The identifier of the ``kind`` entry of ``parent_id`` (and ``key``), as a string."""
    return str(uuid.uuid5(parent_id, f"{kind}:{key}"))


def service_at_location_id(location):
    return derived_id(location.oruk_id, "service_at_location")


def taxonomies(council):
    """The two taxonomies a council's services are sorted by: areas of need, its categories."""
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
