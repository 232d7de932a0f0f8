"""Postcodes: tidying what people type, and distances between points.

Plain text and arithmetic, so models and search can both use it; where a
postcode is comes from :meth:`.models.PostcodeCentroid.point_of`.
"""

import math
import re

POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})$")
EARTH_RADIUS_MILES = 3958.8


def normalise_postcode(text):
    """'ns1 1aa' -> 'NS1 1AA'; text that is not a postcode comes back upper-cased and trimmed."""
    compact = re.sub(r"\s+", "", (text or "").upper())
    match = POSTCODE.match(compact)
    return f"{match.group(1)} {match.group(2)}" if match else compact


def is_postcode(text):
    return bool(POSTCODE.match(re.sub(r"\s+", "", (text or "").upper())))


def miles_between(a, b):
    """Great-circle distance in miles between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(h))


#: Miles in a degree of latitude (and of longitude at the equator), on the same sphere.
MILES_PER_DEGREE = math.pi * EARTH_RADIUS_MILES / 180


def bounding_box(origin, miles):
    """``((south, north), (west, east))`` holding every point within ``miles`` of ``origin``.

    A cheap first test a database can answer from an index; the exact
    distance (:func:`miles_between`) is then worked out only for what is inside.
    The box is widened by a hundredth so that rounding never leaves out a
    point on its edge.
    """
    latitude, longitude = origin
    reach = miles * 1.01 / MILES_PER_DEGREE
    widest = max(abs(latitude - reach), abs(latitude + reach))
    across = reach / max(math.cos(math.radians(min(widest, 89.0))), 1e-6)
    return (latitude - reach, latitude + reach), (longitude - across, longitude + across)
