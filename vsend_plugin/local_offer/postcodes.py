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
