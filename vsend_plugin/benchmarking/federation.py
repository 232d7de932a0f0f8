"""Federation: read a peer install's council-level figures and keep them, with source and time.

Councils on separate installs compare themselves through the same API a
partner uses: a SEND officer of the peer issues a partner token, an officer
here registers the peer's API address and that token, and :func:`pull` reads
``benchmarks/periods/`` and then ``benchmarks/?by=council&period=...`` for
every quarter the peer publishes.

A pull replaces the peer's stored figures only when every quarter was read
and checked (:mod:`.peer_responses`); a failed pull keeps the figures of the
last good one, which still say where and when they were read. Every attempt
is recorded on the :class:`~.models.Peer` (when, and on failure what went
wrong and how many times in a row), so a failure is seen in the admin rather
than found missing. Whether to try again is the caller's decision
(:mod:`.tasks` retries with backoff); :attr:`PullError.transient` says
whether trying again can help.

The token is only ever sent to the registered address: redirects are not
followed (``urllib`` would send the ``Authorization`` header on to wherever
a redirect points). Every connection keeps to public addresses
(:mod:`.peer_addresses`), and what is recorded for the officer never repeats
what the far side said (its error text, where it redirected to, why a
connection failed): those would let the admin be used to probe other servers.
The full reason goes to the server's log.
"""

import http.client
import json
import logging
import urllib.error
import urllib.request
from urllib.parse import urlencode

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from vsend_plugin.conf import vsend_settings

from .models import Peer, PeerAggregate
from .peer_addresses import GuardedHTTPHandler, GuardedHTTPSHandler, UnsafeAddress, check_address
from .peer_responses import ResponseError, council_benchmarks_response, periods_response

logger = logging.getLogger(__name__)

PULL_PEERS_TASK = "vsend.benchmarking.pull_peers"
PULL_PEER_TASK = "vsend.benchmarking.pull_peer"

#: Seconds to wait for a peer to connect and to answer each read.
TIMEOUT = 20
#: Largest answer read from a peer; council-level figures are a few kilobytes a quarter.
MAX_RESPONSE_BYTES = 5 * 1024 * 1024
#: Statuses that say "later", not "never".
TRANSIENT_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
#: Tries after the first, when a failure may pass (see :attr:`PullError.transient`).
PULL_RETRIES = 4
#: The longest wait before trying again, in seconds.
LONGEST_RETRY_DELAY = 3600


def retry_delay(retries, retry_after=None):
    """Seconds before the next try: ``VSEND_PEER_RETRY_DELAY`` (60 s), doubled after each failure.

    A peer that asked for a wait (``Retry-After``, when throttling) gets at least that.
    """
    first = vsend_settings.PEER_RETRY_DELAY
    return max(min(first * 2**retries, LONGEST_RETRY_DELAY), retry_after or 0)


class PullError(Exception):
    """A pull that failed. The message is written for the officers who read it in the admin."""

    def __init__(self, message, *, transient=False, retry_after=None):
        super().__init__(message)
        self.transient = transient
        self.retry_after = retry_after


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, request, fp, code, message, headers, new_url):
        logger.info("Peer address %s redirected to %s; not followed.", request.full_url, new_url)
        raise PullError(
            f"{request.full_url} answered with a redirect, which is not followed: partner tokens "
            "are not sent on to another address. Register the address the peer's API answers on.",
            transient=False,
        )


_opener = urllib.request.build_opener(_NoRedirects, GuardedHTTPHandler, GuardedHTTPSHandler)


def api_address(peer, path, **query):
    base = peer.api_url if peer.api_url.endswith("/") else peer.api_url + "/"
    return base + path + (f"?{urlencode(query)}" if query else "")


def _reject_constant(name):
    raise ValueError(f"{name} is not a number")


def get_json(url, token):
    """The JSON a peer answers at ``url`` to a partner token; :class:`PullError` otherwise."""
    try:
        check_address(url)
    except UnsafeAddress as error:
        raise PullError(f"{url} was not read. {error}", transient=False) from error
    request = urllib.request.Request(
        url,
        headers={
            "Authorization": f"Token {token}",
            "Accept": "application/json",
            "User-Agent": "vsend-federation",
        },
    )
    try:
        with _opener.open(request, timeout=TIMEOUT) as response:
            body = response.read(MAX_RESPONSE_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise _status_error(url, error) from error
    except UnsafeAddress as error:  # the name resolved to an address a peer may not have
        raise PullError(f"{url} was not read. {error}", transient=False) from error
    except (urllib.error.URLError, http.client.HTTPException, OSError) as error:
        reason = getattr(error, "reason", error)
        # refused, unreachable, timed out, cut off, TLS: all one to the officer
        logger.info("Could not read peer address %s: %s", url, reason)
        raise PullError(
            f"Could not read {url}: the peer did not answer. Check the address, or try again "
            "later.",
            transient=True,
        ) from error
    if len(body) > MAX_RESPONSE_BYTES:
        raise PullError(
            f"{url} answered with more than {MAX_RESPONSE_BYTES} bytes.", transient=False
        )
    try:
        return json.loads(body, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as error:  # includes UnicodeDecodeError; deep nesting
        raise PullError(f"{url} did not answer with JSON.", transient=False) from error


def _status_error(url, error):
    if error.code in (401, 403):
        advice = (
            " Ask the peer's SEND officer for a new partner token and enter it here: "
            "the token may have been revoked."
        )
    elif error.code == 404:
        advice = " Check the API address: a vsend API's address ends in /api/vsend/v1/."
    else:
        advice = ""
    retry_after = error.headers.get("Retry-After") if error.headers else None
    return PullError(
        f"{url} answered {error.code} {http.client.responses.get(error.code, '')}.{advice}".replace(
            " .", "."
        ),
        transient=error.code in TRANSIENT_STATUSES,
        retry_after=int(retry_after) if retry_after and retry_after.isdigit() else None,
    )


def fetch(peer):
    """Every quarter's council-level figures the peer publishes, read and checked.

    Returns a list of unsaved :class:`PeerAggregate`; raises :class:`PullError`.
    """
    url = api_address(peer, "benchmarks/periods/")
    try:
        periods = periods_response(get_json(url, peer.token))
    except ResponseError as error:
        raise PullError(
            f"{url} answered in an unexpected shape: {error}.", transient=False
        ) from error
    aggregates = []
    for period in periods:
        url = api_address(peer, "benchmarks/", by="council", period=period)
        try:
            groups = council_benchmarks_response(get_json(url, peer.token), period)
        except ResponseError as error:
            raise PullError(
                f"{url} answered in an unexpected shape: {error}.", transient=False
            ) from error
        fetched_at = timezone.now()
        aggregates += [
            PeerAggregate(peer=peer, period=period, source=url, fetched_at=fetched_at, **group)
            for group in groups
        ]
    return aggregates


@transaction.atomic
def store(peer, aggregates):
    """Replace the peer's figures with a whole new set (one pull at a time per peer)."""
    Peer.objects.select_for_update().filter(pk=peer.pk).first()
    PeerAggregate.objects.filter(peer=peer).delete()
    PeerAggregate.objects.bulk_create(aggregates)
    Peer.objects.filter(pk=peer.pk).update(
        last_attempt_at=timezone.now(),
        last_success_at=timezone.now(),
        last_error="",
        consecutive_failures=0,
    )


def record_failure(peer, error):
    Peer.objects.filter(pk=peer.pk).update(
        last_attempt_at=timezone.now(),
        last_error=str(error)[:2000],
        consecutive_failures=F("consecutive_failures") + 1,
    )
    logger.warning("Pulling figures from peer %s (%s) failed: %s", peer.pk, peer.name, error)


def pull(peer):
    """Read the peer's figures and store them; record the outcome on the peer either way.

    Returns the number of figures stored; raises :class:`PullError` (already recorded).
    """
    try:
        aggregates = fetch(peer)
    except PullError as error:
        record_failure(peer, error)
        raise
    store(peer, aggregates)
    logger.info("Pulled %d figures from peer %s (%s).", len(aggregates), peer.pk, peer.name)
    return len(aggregates)
