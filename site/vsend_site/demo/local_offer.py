"""The demo's local offer: organisations, venues and services read from the fixtures.

``fixtures/demo/services.yaml`` is written once for every council, with
placeholders ({council}, {area}, {prefix}, {n}, {place0}...) filled in for
each, so every council gets the same complete, fictional services in its own
places, postcodes and telephone numbers. Services are keyed on their slug:
loading again updates them in place. Pages are published without revisions
(the demo has no history to keep), which keeps loading quick.
"""

import string

import yaml
from django.utils import timezone
from django.utils.text import slugify

from vsend_plugin.local_offer.models import (
    AreaOfNeed,
    LocalOfferIndexPage,
    OrdinarilyAvailableProvision,
    Organisation,
    PostcodeCentroid,
    ServiceCategory,
    ServiceContact,
    ServiceLocation,
    ServicePage,
)
from vsend_plugin.local_offer.search_index import deferred_indexing

POSTCODE_PREFIXES = {"northshire": "NS", "westmoor": "WM", "eastbrook": "EB"}
SERVICE_FIELDS = (
    "title",
    "description",
    "eligibility",
    "how_to_access",
    "min_age",
    "max_age",
    "opening_times",
    "languages",
    "accessibility",
    "telephone",
    "email",
    "website",
)
LOCATION_FIELDS = ("name", "address", "town", "postcode", "accessibility")
CONTACT_FIELDS = ("name", "title", "telephone", "email")


def placeholders(council, number):
    """What the placeholders of the services file stand for in ``council``."""
    area = council.name.removesuffix(" Council").removesuffix(" Borough")
    names = {
        "council": council.name,
        "area": area,
        "slug": council.slug,
        "n": str(number),
        "prefix": POSTCODE_PREFIXES.get(council.slug, council.slug[:2].upper()),
    }
    for position, locality in enumerate(council.localities.order_by("name")):
        names[f"place{position}"] = locality.name
    for position in range(len(council.localities.all()), 3):
        names[f"place{position}"] = area
    return names


def fill(value, names):
    """``value`` (read from YAML) with every placeholder in its strings filled in."""
    if isinstance(value, str):
        return string.Formatter().vformat(value, (), names)
    if isinstance(value, list):
        return [fill(item, names) for item in value]
    if isinstance(value, dict):
        return {key: fill(item, names) for key, item in value.items()}
    return value


def read_services(path, council, number):
    with open(path, encoding="utf-8") as file:
        return fill(yaml.safe_load(file), placeholders(council, number))


def _index_page(council):
    home = council.site.root_page
    index = LocalOfferIndexPage.objects.child_of(home).filter(slug="local-offer").first()
    introduction = (
        f"Services in {council.name} for children and young people with SEND, and their families."
    )
    if index is None:
        index = LocalOfferIndexPage(
            slug="local-offer",
            title="Local offer",
            introduction=introduction,
            show_in_menus=True,
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    elif not index.show_in_menus:  # one of the council's sections, in the header
        index.show_in_menus = True
        index.save_revision().publish()
    return index


def _reuse(existing, count, model):
    """``count`` objects of ``model``, reusing ``existing`` ones in order (their ids stay)."""
    return [existing[i] if i < len(existing) else model() for i in range(count)]


def set_up_local_offer(council, services_file, number=1):
    """A local offer with the demo's organisations and services, in the council's own places."""
    with deferred_indexing():  # the services are indexed for search once, together
        return _set_up_local_offer(council, services_file, number)


def _set_up_local_offer(council, services_file, number):
    index = _index_page(council)
    data = read_services(services_file, council, number)
    areas = {area.code: area for area in AreaOfNeed.objects.all()}
    for code, levels in data.get("ordinarily_available", {}).items():
        for level, text in levels.items():
            OrdinarilyAvailableProvision.objects.update_or_create(
                council=council,
                area=areas[code],
                level=level,
                defaults={"what_you_can_expect": text},
            )
    organisations = {
        key: Organisation.objects.update_or_create(
            council=council,
            name=item["name"],
            defaults={name: item.get(name, "") for name in ("description", "website", "email")},
        )[0]
        for key, item in data.get("organisations", {}).items()
    }
    category_names = sorted(
        {name for item in data["services"] for name in item.get("categories", ())}
    )
    categories = {
        name: ServiceCategory.objects.update_or_create(
            council=council, slug=slugify(name)[:60], defaults={"name": name}
        )[0]
        for name in category_names
    }
    localities = list(council.localities.order_by("name"))
    venues = data.get("venues", {})
    centroids = {
        postcode: (latitude, longitude)
        for postcode, latitude, longitude in PostcodeCentroid.objects.values_list(
            "postcode", "latitude", "longitude"
        )
    }
    existing = {page.slug: page for page in ServicePage.objects.child_of(index)}
    now, today = timezone.now(), timezone.localdate()
    for item in data["services"]:
        slug = slugify(item["title"])
        page = existing.get(slug) or ServicePage(slug=slug)
        for name in SERVICE_FIELDS:
            setattr(page, name, item.get(name, None if name.endswith("_age") else ""))
        page.organisation = organisations.get(item.get("organisation"))
        page.is_free = item["free"]
        page.cost_description = item.get("cost", "")
        page.last_reviewed = today
        page.live, page.has_unpublished_changes = True, False
        page.first_published_at = page.first_published_at or now
        page.last_published_at = page.last_published_at or now
        page.areas_of_need.set([areas[code] for code in item["areas"]])
        page.categories.set([categories[name] for name in item.get("categories", ())])
        local = "locality" in item and localities
        page.localities.set([localities[item["locality"] % len(localities)]] if local else [])
        places = [venues[key] for key in item.get("venues", ())]
        known = list(page.locations.all()) if page.pk else []
        locations = _reuse(known, len(places), ServiceLocation)
        for location, place in zip(locations, places, strict=True):
            for name in LOCATION_FIELDS:
                setattr(location, name, place.get(name, ""))
            location.latitude, location.longitude = centroids.get(place["postcode"], (None, None))
        page.locations = locations
        people = item.get("contacts", ())
        contacts = _reuse(list(page.contacts.all()) if page.pk else [], len(people), ServiceContact)
        for contact, person in zip(contacts, people, strict=True):
            for name in CONTACT_FIELDS:
                setattr(contact, name, person.get(name, ""))
        page.contacts = contacts
        if page.pk is None:
            index.add_child(instance=page)
        else:
            page.save()
    return index
