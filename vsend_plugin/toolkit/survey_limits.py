"""Keeping an anonymous survey's results honest: a limit per address, and bursts for review.

The parent carer survey takes answers without a sign-in, once per browser
session, so a fresh session could answer again and again. Two things keep the
results the families' own:

- a limit per internet address and survey (``VSEND_SURVEY_LIMIT``: 10
  answers an hour by default; a forum event on one school's wifi is still
  served), counted in the database so it holds across web processes;
- bursts (``VSEND_SURVEY_BURST``: 3 or more answers from one address within
  10 minutes) are shown to the council's SEND officers on the results page,
  where they can discard them; the results then say how many were discarded.

The address is never stored: only a keyed hash of it, which lets answers
from one address be told apart from others' and nothing else.
"""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.utils import timezone

from vsend_plugin.conf import vsend_settings

SIGNING_SALT = "vsend.toolkit.survey-burst"


def client_address(request):
    """The client's address: ``REMOTE_ADDR``, or the header a trusted proxy sets.

    Behind a load balancer set ``VSEND_CLIENT_ADDRESS_HEADER`` (for example
    ``"HTTP_X_FORWARDED_FOR"``); its last address is the one the proxy saw.
    """
    header = vsend_settings.CLIENT_ADDRESS_HEADER
    if header and request.META.get(header):
        return request.META[header].split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def address_hash(request):
    """A keyed hash of the client's address: the same for one address, and not reversible."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, client_address(request).encode(), hashlib.sha256).hexdigest()[:32]


def limit():
    answers, seconds = vsend_settings.SURVEY_LIMIT
    return answers, timedelta(seconds=seconds)


def is_over_limit(responses, hashed):
    """Has this address already sent the most answers the limit allows in its window?"""
    answers, window = limit()
    since = timezone.now() - window
    return responses.filter(address_hash=hashed, created_at__gte=since).count() >= answers


@dataclass(frozen=True)
class Burst:
    first_at: datetime
    last_at: datetime
    ids: tuple

    @property
    def count(self):
        return len(self.ids)

    @property
    def token(self):
        """The burst's responses, signed, so a discard can name exactly these."""
        return signing.dumps(list(self.ids), salt=SIGNING_SALT)


def bursts(responses):
    """Runs of answers from one address, each within the burst window of the last."""
    size, seconds = vsend_settings.SURVEY_BURST
    window = timedelta(seconds=seconds)
    found = []
    run, previous = [], None
    rows = (
        responses.exclude(address_hash="")
        .filter(discarded_at__isnull=True)
        .order_by("address_hash", "created_at", "pk")
        .values_list("pk", "address_hash", "created_at")
    )
    for pk, hashed, created_at in rows:
        if previous and (hashed != previous[1] or created_at - previous[2] > window):
            found += _burst(run, size)
            run = []
        run.append((pk, created_at))
        previous = (pk, hashed, created_at)
    found += _burst(run, size)
    return sorted(found, key=lambda burst: burst.first_at, reverse=True)


def _burst(run, size):
    if len(run) < size:
        return []
    return [Burst(first_at=run[0][1], last_at=run[-1][1], ids=tuple(pk for pk, _ in run))]


def burst_ids(token):
    """The response ids a signed burst names; ``None`` when the token was tampered with."""
    try:
        ids = signing.loads(token, salt=SIGNING_SALT, max_age=24 * 3600)
    except signing.BadSignature:
        return None
    return ids if isinstance(ids, list) and all(isinstance(i, int) for i in ids) else None
