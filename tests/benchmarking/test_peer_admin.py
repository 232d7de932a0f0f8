"""Peer installs and their figures in the Wagtail admin, for SEND officers of one council.

The token an officer enters is a password: never sent back to a browser.
Another council's peers and figures answer 404. Figures are read-only.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.benchmarking.fake_peer import FakePeer, shown_group
from vsend_plugin.benchmarking.models import Peer, PeerAggregate

pytestmark = pytest.mark.django_db

TOKEN = "vsp_the-secret-partner-key-from-fenland"


def url(model, name, *args):
    return reverse(f"wagtailsnippets_vsend_benchmarking_{model}:{name}", args=args)


@pytest.fixture
def officer(northshire, make_member, client):
    user = make_member(northshire, "officer")
    client.force_login(user)
    return user


@pytest.fixture
def fake_peer():
    with FakePeer() as peer:
        yield peer


def register(client, council, **fields):
    data = {
        "council": council.pk,
        "name": "Fenland Council",
        "api_url": "https://send.fenland.example/api/vsend/v1/",
        "token": TOKEN,
        "active": "on",
    }
    return client.post(url("peer", "add"), {**data, **fields})


def make_peer(council, name="Fenland Council", **fields):
    return Peer.objects.create(
        council=council,
        name=name,
        token=TOKEN,
        api_url=f"https://{name.split()[0].lower()}.example/api/vsend/v1/",
        **fields,
    )


def test_an_officer_registers_a_peer_and_the_token_is_never_shown_again(
    client, officer, northshire
):
    form = client.get(url("peer", "add")).content.decode()
    assert 'type="password"' in form

    response = register(client, northshire, api_url="https://send.fenland.example/api/vsend/v1")

    assert response.status_code == 302
    peer = Peer.objects.get()
    assert (peer.council, peer.token, peer.active) == (northshire, TOKEN, True)
    assert peer.api_url == "https://send.fenland.example/api/vsend/v1/"  # the final slash added
    for page in (
        url("peer", "list"),
        url("peer", "edit", peer.pk),
        url("peer", "inspect", peer.pk),
    ):
        shown = client.get(page)
        assert shown.status_code == 200
        assert TOKEN not in shown.content.decode()


def test_editing_a_peer_keeps_its_token_unless_a_new_one_is_entered(client, officer, northshire):
    peer = make_peer(northshire)
    edit = url("peer", "edit", peer.pk)
    data = {"council": northshire.pk, "name": "Fenland District Council", "api_url": peer.api_url}

    assert client.post(edit, {**data, "token": ""}).status_code == 302
    peer.refresh_from_db()
    assert (peer.name, peer.token) == ("Fenland District Council", TOKEN)

    assert client.post(edit, {**data, "token": "vsp_a-new-key"}).status_code == 302
    peer.refresh_from_db()
    assert peer.token == "vsp_a-new-key"


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"api_url": "http://send.fenland.example/api/vsend/v1/"}, "https://"),
        ({"api_url": "https://send.fenland.example/api/vsend/v1/?x=1"}, "without ? or #"),
        ({"api_url": "not an address"}, "Enter a valid URL"),
        ({"token": "abc123"}, "A partner token starts with vsp_"),
        ({"token": ""}, "This field is required"),
    ],
)
def test_a_wrong_address_or_token_is_a_field_error(client, officer, northshire, fields, message):
    response = register(client, northshire, **fields)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Peer.objects.exists()


def test_plain_http_is_accepted_to_a_trusted_network(client, officer, northshire):
    response = register(client, northshire, api_url="http://127.0.0.1:8001/api/vsend/v1/")

    assert response.status_code == 302


def test_a_peer_is_registered_for_the_officers_own_council_only(client, officer, westmoor):
    response = register(client, westmoor)

    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not Peer.objects.exists()


def test_the_listing_shows_each_peers_status(client, officer, northshire, westmoor):
    make_peer(northshire, "Fenland Council", last_success_at=timezone.now())
    make_peer(
        northshire,
        "March Council",
        consecutive_failures=3,
        last_error="https://march.example/api/vsend/v1/benchmarks/periods/ answered "
        "401 Unauthorized",
    )
    make_peer(northshire, "Wisbech Council")
    make_peer(westmoor, "Theirs Council")

    listing = client.get(url("peer", "list")).content.decode()

    assert "Figures read" in listing
    assert "Failed 3 times in a row" in listing and "answered 401 Unauthorized" in listing
    assert "Not read yet" in listing
    assert "Theirs Council" not in listing


def test_pull_now_asks_first_then_reads_the_figures(
    client, officer, northshire, fake_peer, django_capture_on_commit_callbacks
):
    fake_peer.publish({"2026-Q3": [shown_group()]})
    peer = make_peer(northshire)
    Peer.objects.filter(pk=peer.pk).update(api_url=fake_peer.api_url)
    pull = url("peer", "pull", peer.pk)
    assert pull in client.get(url("peer", "list")).content.decode()

    assert client.get(pull).status_code == 200
    assert fake_peer.requests == []
    with django_capture_on_commit_callbacks(execute=True):  # queued once the request commits
        response = client.post(pull)

    assert response.status_code == 302 and response["Location"] == url("peer", "list")
    peer.refresh_from_db()
    assert peer.last_success_at is not None  # tasks are eager in tests: already done
    assert peer.aggregates.get().council_slug == "fenland"


def test_a_failed_pull_now_is_shown_in_the_listing(
    client, officer, northshire, fake_peer, django_capture_on_commit_callbacks
):
    fake_peer.answer(
        "benchmarks/periods/", {"errors": [{"field": "", "message": "Revoked"}]}, status=401
    )
    peer = make_peer(northshire)
    Peer.objects.filter(pk=peer.pk).update(api_url=fake_peer.api_url)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("peer", "pull", peer.pk))

    listing = client.get(url("peer", "list")).content.decode()
    assert "Failed 1 time in a row" in listing and "401 Unauthorized." in listing
    assert "Revoked" not in listing  # the peer's own words are not repeated


def test_another_councils_officer_cannot_reach_a_peer(client, northshire, westmoor, make_member):
    peer = make_peer(northshire)
    figures = PeerAggregate.objects.create(
        peer=peer,
        period="2026-Q3",
        council_slug="fenland",
        council_name="Fenland Council",
        figures={"suppressed": True},
        source=peer.api_url,
    )
    client.force_login(make_member(westmoor, "officer"))

    for page in ("edit", "inspect", "delete", "pull"):
        assert client.get(url("peer", page, peer.pk)).status_code == 404
    assert client.post(url("peer", "pull", peer.pk)).status_code == 404
    assert client.post(url("peer", "delete", peer.pk)).status_code == 404
    assert client.get(url("peeraggregate", "inspect", figures.pk)).status_code == 404
    assert "Fenland" not in client.get(url("peeraggregate", "list")).content.decode()
    assert Peer.objects.filter(pk=peer.pk).exists()


def test_peers_figures_are_listed_with_source_and_time_and_are_read_only(
    client, officer, northshire, westmoor
):
    peer = make_peer(northshire)
    fetched_at = timezone.now()
    figures = PeerAggregate.objects.create(
        peer=peer,
        period="2026-Q3",
        council_slug="fenland",
        council_name="Fenland Council",
        figures={k: v for k, v in shown_group().items() if k not in ("key", "label")},
        source=f"{peer.api_url}benchmarks/?by=council&period=2026-Q3",
        fetched_at=fetched_at,
    )
    PeerAggregate.objects.create(
        peer=make_peer(westmoor, "Theirs Council"),
        period="2026-Q3",
        council_slug="theirs",
        council_name="Their Peer Council",
        figures={"suppressed": True},
        source="https://theirs.example/",
    )

    listing = client.get(url("peeraggregate", "list")).content.decode()

    assert "Fenland Council" in listing and "2026-Q3" in listing and "40" in listing
    assert "benchmarks/?by=council&amp;period=2026-Q3" in listing
    assert "Their Peer Council" not in listing
    assert url("peeraggregate", "add") not in listing
    assert client.get(url("peeraggregate", "add")).status_code in (302, 403)
    assert client.get(url("peeraggregate", "edit", figures.pk)).status_code in (302, 403, 404)
    inspect = client.get(url("peeraggregate", "inspect", figures.pk)).content.decode()
    assert "&quot;children&quot;: 40" in inspect


def test_figures_can_be_narrowed_to_one_peer(client, officer, northshire):
    fenland, march = make_peer(northshire), make_peer(northshire, "March Council")
    for peer, name in ((fenland, "Fenland Figures"), (march, "March Figures")):
        PeerAggregate.objects.create(
            peer=peer,
            period="2026-Q3",
            council_slug=name.split()[0].lower(),
            council_name=name,
            figures={"suppressed": True},
            source=peer.api_url,
        )

    listing = client.get(url("peeraggregate", "list"), {"peer": march.pk}).content.decode()

    assert "March Figures" in listing and "Fenland Figures" not in listing
