"""A peer's address cannot turn the server into a probe of this machine or its networks.

Officers register a peer's address and the server connects to it, so the
address must be HTTPS to a public address, checked again on every connection
(after DNS, so a name that later resolves to the loopback is still refused),
and what is recorded of a failure never repeats what the far side said.
"""

import socket

import pytest
from django.urls import reverse

from tests.benchmarking.fake_peer import FakePeer, shown_group
from vsend_plugin.benchmarking.federation import PullError, pull
from vsend_plugin.benchmarking.models import Peer
from vsend_plugin.benchmarking.peer_addresses import UnsafeAddress, check_address

pytestmark = pytest.mark.django_db

TOKEN = "vsp_the-secret-partner-key-from-fenland"

FORBIDDEN = [
    "http://127.0.0.1:8001/api/vsend/v1/",
    "https://127.0.0.1/api/vsend/v1/",
    "https://localhost:6379/",
    "https://send.localhost/api/vsend/v1/",
    "https://[::1]:8000/api/vsend/v1/",
    "https://[::ffff:127.0.0.1]/api/vsend/v1/",
    "https://0.0.0.0/api/vsend/v1/",
    "https://169.254.169.254/latest/meta-data/",
    "https://10.1.2.3/api/vsend/v1/",
    "https://172.16.0.9/api/vsend/v1/",
    "https://192.168.1.1/api/vsend/v1/",
    "https://[fd00::1]/api/vsend/v1/",
    "https://[fe80::1]/api/vsend/v1/",
    "https://224.0.0.1/api/vsend/v1/",
]


@pytest.fixture
def no_trusted_networks(settings):
    settings.VSEND_PEER_TRUSTED_NETWORKS = []
    settings.DEBUG = False


@pytest.fixture
def officer(northshire, make_member, client):
    user = make_member(northshire, "officer")
    client.force_login(user)
    return user


def register(client, council, api_url):
    return client.post(
        reverse("wagtailsnippets_vsend_benchmarking_peer:add"),
        {
            "council": council.pk,
            "name": "Fenland Council",
            "api_url": api_url,
            "token": TOKEN,
            "active": "on",
        },
    )


@pytest.mark.parametrize("address", FORBIDDEN)
def test_loopback_private_and_link_local_addresses_are_refused(no_trusted_networks, address):
    with pytest.raises(UnsafeAddress):
        check_address(address)


@pytest.mark.parametrize("address", FORBIDDEN[:6] + FORBIDDEN[7:9])
def test_the_admin_refuses_them_with_a_field_error_and_stores_nothing(
    no_trusted_networks, client, officer, northshire, address
):
    response = register(client, northshire, address)

    assert response.status_code == 200
    text = response.content.decode()
    assert "public internet address" in text or "https://" in text
    assert not Peer.objects.exists()


def test_a_public_https_address_is_accepted(no_trusted_networks, client, officer, northshire):
    response = register(client, northshire, "https://93.184.215.14/api/vsend/v1/")

    assert response.status_code == 302
    assert Peer.objects.get().api_url == "https://93.184.215.14/api/vsend/v1/"


def test_plain_http_only_with_debug_on(no_trusted_networks, settings):
    with pytest.raises(UnsafeAddress, match="https://"):
        check_address("http://93.184.215.14/api/vsend/v1/")
    settings.DEBUG = True
    check_address("http://93.184.215.14/api/vsend/v1/")


def test_user_names_in_an_address_are_refused(no_trusted_networks):
    with pytest.raises(UnsafeAddress, match="user name"):
        check_address("https://admin:secret@93.184.215.14/api/vsend/v1/")


def test_a_trusted_network_is_accepted_over_plain_http(settings):
    settings.VSEND_PEER_TRUSTED_NETWORKS = ["10.20.0.0/16"]
    settings.DEBUG = False
    check_address("http://10.20.3.4/api/vsend/v1/")
    with pytest.raises(UnsafeAddress):
        check_address("http://10.21.3.4/api/vsend/v1/")


@pytest.fixture
def fake_peer():
    with FakePeer() as peer:
        yield peer


def make_peer(council, api_url):
    return Peer.objects.create(council=council, name="Fenland", api_url=api_url, token=TOKEN)


def test_a_pull_never_connects_to_the_loopback(no_trusted_networks, fake_peer, northshire):
    fake_peer.publish({"2026-Q3": [shown_group()]})
    peer = make_peer(northshire, fake_peer.api_url)  # stored before the rule, or by hand

    with pytest.raises(PullError) as raised:
        pull(peer)

    assert not raised.value.transient
    assert fake_peer.requests == []
    peer.refresh_from_db()
    assert "public internet address" in peer.last_error


@pytest.fixture
def name_resolving_to_the_loopback(monkeypatch):
    """``peer.example`` resolves to 127.0.0.1, as a rebinding attacker's DNS would answer."""
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        return real("127.0.0.1" if host == "peer.example" else host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def test_a_name_that_resolves_to_the_loopback_when_connecting_is_refused(
    no_trusted_networks, name_resolving_to_the_loopback, fake_peer, northshire
):
    fake_peer.publish({"2026-Q3": [shown_group()]})
    port = fake_peer.server.server_address[1]
    peer = make_peer(northshire, f"https://peer.example:{port}/api/vsend/v1/")

    with pytest.raises(PullError, match="public internet address"):
        pull(peer)

    assert fake_peer.requests == []


def test_the_connection_goes_to_the_address_that_was_checked(
    settings, name_resolving_to_the_loopback, fake_peer, northshire
):
    """With the loopback trusted, the same name is read: the check guards a real connection."""
    settings.VSEND_PEER_TRUSTED_NETWORKS = ["127.0.0.0/8"]
    fake_peer.publish({"2026-Q3": [shown_group()]})
    port = fake_peer.server.server_address[1]
    peer = make_peer(northshire, f"http://peer.example:{port}/api/vsend/v1/")

    assert pull(peer) == 1
    assert fake_peer.requests


def test_a_failure_does_not_repeat_what_the_far_side_said(fake_peer, northshire):
    secret = "internal detail: db01.intra:5432 password expired"
    fake_peer.answer(
        "benchmarks/periods/", {"errors": [{"field": "", "message": secret}]}, status=500
    )
    peer = make_peer(northshire, fake_peer.api_url)

    with pytest.raises(PullError):
        pull(peer)

    peer.refresh_from_db()
    assert "500" in peer.last_error
    assert "db01" not in peer.last_error and "password" not in peer.last_error


def test_a_redirect_is_reported_without_where_it_pointed(fake_peer, northshire):
    fake_peer.answer(
        "benchmarks/periods/",
        {},
        status=302,
        headers={"Location": "http://10.9.8.7:2375/containers/json"},
    )
    peer = make_peer(northshire, fake_peer.api_url)

    with pytest.raises(PullError, match="redirect"):
        pull(peer)

    peer.refresh_from_db()
    assert "10.9.8.7" not in peer.last_error and "2375" not in peer.last_error


def test_a_closed_port_and_a_silent_one_read_the_same(northshire):
    """ "Connection refused" against a time-out would tell which ports are open."""
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    peer = make_peer(northshire, f"http://127.0.0.1:{port}/api/vsend/v1/")

    with pytest.raises(PullError):
        pull(peer)

    peer.refresh_from_db()
    assert "refused" not in peer.last_error.lower()
    assert "did not answer" in peer.last_error


def test_a_wrong_shape_is_described_without_the_peers_own_words(fake_peer, northshire):
    fake_peer.answer(
        "benchmarks/periods/",
        {"scheme": "vsend-core/1", "periods": "root:x:0:0:root:/root:/bin/bash"},
    )
    peer = make_peer(northshire, fake_peer.api_url)

    with pytest.raises(PullError):
        pull(peer)

    peer.refresh_from_db()
    assert "expected a list, got a string" in peer.last_error
    assert "root" not in peer.last_error


def test_an_answer_nested_too_deep_is_a_recorded_error_not_a_crash(fake_peer, northshire):
    fake_peer.answer("benchmarks/periods/", b"[" * 100_000 + b"]" * 100_000)
    peer = make_peer(northshire, fake_peer.api_url)

    with pytest.raises(PullError, match="did not answer with JSON"):
        pull(peer)

    peer.refresh_from_db()
    assert peer.consecutive_failures == 1
