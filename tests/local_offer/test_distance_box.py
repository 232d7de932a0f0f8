"""A search by distance measures only the services placed inside a box around the postcode."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vsend_plugin.local_offer import search
from vsend_plugin.local_offer.models import (
    LocalOfferIndexPage,
    PostcodeCentroid,
    ServiceLocation,
    ServicePage,
)
from vsend_plugin.local_offer.postcodes import EARTH_RADIUS_MILES, bounding_box, miles_between


def point_at(origin, miles, bearing):
    """The point ``miles`` from ``origin`` on ``bearing`` (degrees), on the same sphere."""
    latitude, longitude = map(math.radians, origin)
    angle, bearing = miles / EARTH_RADIUS_MILES, math.radians(bearing)
    north = math.asin(
        math.sin(latitude) * math.cos(angle)
        + math.cos(latitude) * math.sin(angle) * math.cos(bearing)
    )
    east = longitude + math.atan2(
        math.sin(bearing) * math.sin(angle) * math.cos(latitude),
        math.cos(angle) - math.sin(latitude) * math.sin(north),
    )
    return math.degrees(north), math.degrees(east)


@settings(max_examples=300, deadline=None)
@given(
    latitude=st.floats(49.5, 60.5),
    longitude=st.floats(-8.5, 2.0),
    miles=st.sampled_from([1, 3, 5, 10, 20]),
    share=st.floats(0, 1),
    bearing=st.floats(0, 360),
)
def test_every_point_within_the_distance_is_inside_the_box(
    latitude, longitude, miles, share, bearing
):
    origin = (latitude, longitude)
    point = point_at(origin, miles * share, bearing)
    assert miles_between(origin, point) <= miles + 1e-6
    (south, north), (west, east) = bounding_box(origin, miles)
    assert south <= point[0] <= north
    assert west <= point[1] <= east


def test_the_box_is_not_much_wider_than_the_distance():
    (south, north), (west, east) = bounding_box((54.5, -1.5), 10)
    assert miles_between((south, -1.5), (north, -1.5)) == pytest.approx(20, rel=0.02)
    assert miles_between((54.5, west), (54.5, east)) == pytest.approx(20, rel=0.05)


@pytest.mark.django_db
def test_services_outside_the_box_are_never_measured(client, northshire, monkeypatch):
    PostcodeCentroid.objects.create(postcode="NS1 1AA", latitude=54.50, longitude=-1.50)
    index = LocalOfferIndexPage(title="Local offer", slug="local-offer")
    northshire.site.root_page.add_child(instance=index)
    places = {"Near": (54.52, -1.50), "Edge": (54.64, -1.50), "Far north": (55.50, -1.50)}
    places |= {f"Far east {number}": (54.50, -1.0 + number / 10) for number in range(5)}
    for title, (latitude, longitude) in places.items():
        page = ServicePage(title=title, description="Help.", is_free=True)
        index.add_child(instance=page)
        ServiceLocation.objects.create(
            page=page,
            address="1 High Street",
            postcode="NS1 1AA",
            latitude=latitude,
            longitude=longitude,
        )
    measured = []

    def counting(a, b):
        measured.append(b)
        return miles_between(a, b)

    monkeypatch.setattr(search, "miles_between", counting)
    response = client.get(
        "/local-offer/?postcode=NS1+1AA&distance=10", HTTP_HOST="northshire.localhost"
    )
    titles = [result.service.title for result in response.context["search"].results]
    assert titles == ["Near", "Edge"]  # Edge is 9.7 miles north
    assert sorted(measured) == sorted([places["Near"], places["Edge"]])

    # Sorting by distance with no limit still measures and lists them all.
    measured.clear()
    response = client.get("/local-offer/?postcode=NS1+1AA", HTTP_HOST="northshire.localhost")
    assert len(response.context["search"].results) == len(places)
    assert len(measured) == len(places)
