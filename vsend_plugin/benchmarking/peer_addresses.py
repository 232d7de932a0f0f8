"""Which addresses a peer install may have, and connections that keep to them.

An officer types a peer's API address, and the server then connects to it:
without care that lets an officer make the server read its own loopback
ports, the cloud's metadata address or the council's intranet, and learn from
the error which of them answer. So a peer's address must be ``https://``
(plain HTTP only with ``DEBUG`` on), and every address its name resolves to
must be a public one. The check is made again on every connection, against
the very address the socket then connects to, so a name that resolves to a
public address when registered and to a private one later (DNS rebinding) is
still refused.

``VSEND_PEER_TRUSTED_NETWORKS`` lists networks (``"10.20.0.0/16"``) that an
install trusts all the same: a county's own network between its councils, or
the loopback in tests. Plain HTTP is accepted to those too.
"""

import http.client
import ipaddress
import socket
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from vsend_plugin.conf import vsend_settings


class UnsafeAddress(ValueError):
    """A peer address the server must not connect to; the message is for the officer."""


def trusted_networks():
    return [
        ipaddress.ip_network(network, strict=False)
        for network in vsend_settings.PEER_TRUSTED_NETWORKS
    ]


def is_trusted(address, networks=None):
    networks = trusted_networks() if networks is None else networks
    return any(address in network for network in networks)


def is_public(address):
    """Globally routable, and none of loopback, link-local, private, multicast or reserved."""
    if getattr(address, "ipv4_mapped", None):
        address = address.ipv4_mapped
    return address.is_global and not (
        address.is_multicast
        or address.is_loopback
        or address.is_link_local
        or address.is_private
        or address.is_reserved
        or address.is_unspecified
    )


def resolve(host, port):
    """Every address ``host`` resolves to, as ``(family, ip_address)``; [] when it does not."""
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        return []
    return [
        (family, ipaddress.ip_address(sockaddr[0].split("%")[0]))
        for family, _type, _proto, _name, sockaddr in answers
    ]


def refusal(address):
    """Why the server will not connect to ``address``, or ``None`` when it may."""
    if is_public(address) or is_trusted(address):
        return None
    return _(
        "The peer's address must be a public internet address: vsend does not connect "
        "to this machine, a private network or a link-local address."
    )


def check_address(url):
    """Raise :class:`UnsafeAddress` unless ``url`` is an address a peer may have.

    The name is looked up and every address it has is checked; a name that
    does not resolve (yet) passes here over HTTPS, and is checked again on
    every connection.
    """
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme not in ("https", "http") or not host:
        raise UnsafeAddress(_("Give the peer's full https:// address."))
    if parts.username or parts.password:
        raise UnsafeAddress(_("Give the peer's address without a user name or password."))
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise UnsafeAddress(_("The address has a port that is not a number.")) from error
    addresses = _literal(host)
    if addresses is None:
        addresses = [address for _family, address in resolve(host, port)]
    for address in addresses:
        reason = refusal(address)
        if reason:
            raise UnsafeAddress(reason)
    if (
        parts.scheme == "http"
        and not settings.DEBUG
        and not (addresses and all(is_trusted(address) for address in addresses))
    ):
        raise UnsafeAddress(
            _("Use the peer's https:// address: the token must not travel unencrypted.")
        )


def _literal(host):
    """The address a host names without asking DNS (an IP, or ``localhost``), else ``None``."""
    if host.lower() == "localhost" or host.lower().endswith(".localhost"):
        return [ipaddress.ip_address("127.0.0.1")]
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        return None


def guarded_connection(address, timeout, source_address=None):
    """``socket.create_connection``, to the first allowed address of the name only."""
    host, port = address
    answers = resolve(host, port)
    if not answers:
        raise OSError("the peer's name did not resolve")
    last_error = None
    for family, ip in answers:
        if refusal(ip):
            raise UnsafeAddress(refusal(ip))
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            if isinstance(timeout, int | float):
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect((str(ip), port))
            return sock
        except OSError as error:
            sock.close()
            last_error = error
    raise last_error


class _Guarded:
    """Connect through :func:`guarded_connection` (``http.client`` sets it per instance)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = guarded_connection


class _GuardedHTTPConnection(_Guarded, http.client.HTTPConnection):
    pass


class _GuardedHTTPSConnection(_Guarded, http.client.HTTPSConnection):
    pass


class GuardedHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, request):
        return self.do_open(_GuardedHTTPConnection, request)


class GuardedHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, request):
        return self.do_open(_GuardedHTTPSConnection, request, context=self._context)
