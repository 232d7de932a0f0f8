"""A SEND officer signs in to the admin and reads the benchmarking dashboard in a real browser."""

import random
from datetime import datetime
from urllib.parse import urlparse

import pytest
from django.utils import timezone

from vsend_plugin.assessments.recording import record_assessment
from vsend_plugin.assessments.synthetic import history
from vsend_plugin.benchmarking.dashboard import vsend_sections
from vsend_plugin.benchmarking.models import Peer, PeerAggregate, Rollup
from vsend_plugin.benchmarking.rollups import rebuild

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: vsend's own sections, in the order the page shows them.
SECTIONS = [section.slug for section in vsend_sections()]

QUARTERS = [
    timezone.make_aware(datetime(2026, 2, 10, 10)),
    timezone.make_aware(datetime(2026, 5, 10, 10)),
    timezone.make_aware(datetime(2026, 8, 10, 10)),
]


def assess(council, author, make_child, counts, when, rng, prefix):
    for setting, count in zip(council.settings.order_by("pk"), counts, strict=False):
        for number in range(count):
            child = make_child(council, f"{prefix}-{setting.pk}-{number:03d}", setting=setting)
            for index, synthetic in enumerate(history(rng, rng.choice((1, 2)))):
                record_assessment(
                    child,
                    author,
                    need=synthetic.need,
                    provision=synthetic.provision,
                    family_confidence=synthetic.family_confidence,
                    queue_tasks=False,
                    taken_at=when + timezone.timedelta(days=index * 25),
                )


@pytest.fixture
def base(live_server, make_council, make_member, make_child):
    """Northshire over three quarters with a small setting, a neighbour, and a federated peer."""
    port = urlparse(live_server.url).port
    northshire = make_council(
        "northshire", "E06000991", port=port, localities=("centre", "outskirts", "hills", "coast")
    )
    westmoor = make_council("westmoor", "E06000992", port=port)
    rng = random.Random(5)
    author = make_member(northshire, "practitioner")
    for number, when in enumerate(QUARTERS):
        assess(
            northshire,
            author,
            make_child,
            [14 + 3 * number, 12, 3, 2 + number],
            when,
            rng,
            f"N{number}",
        )
    westmoor_author = make_member(westmoor, "practitioner")
    assess(westmoor, westmoor_author, make_child, [18], QUARTERS[-1], rng, "W")
    rebuild()
    peer = Peer.objects.create(
        council=northshire,
        name="Fenland vsend",
        api_url="https://send.fenland.example/api/vsend/v1/",
        token="vsp_x",
    )
    PeerAggregate.objects.create(
        peer=peer,
        period="2026-Q3",
        council_slug="fenland",
        council_name="Fenland Council",
        figures=Rollup.objects.get(council=westmoor, dimension="council", period="2026-Q3").figures,
        source="https://send.fenland.example/api/vsend/v1/benchmarks/?period=2026-Q3",
    )
    make_member(northshire, "officer")
    return f"http://northshire.localhost:{port}"


def test_an_officer_reads_the_dashboard(page, base, screenshot, axe_violations):
    page.goto(f"{base}/admin/login/")
    page.get_by_label("Username").fill("northshire-officer")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    screenshot(page, "admin-home", docs="admin-home")

    page.get_by_role("link", name="Benchmarking").click()
    page.wait_for_load_state()
    assert (
        "Northshire Council, 2026-Q3" in page.title()
        or page.get_by_text("Northshire Council: July to September 2026").is_visible()
    )

    for slug in SECTIONS:
        section = page.locator(f"section#{slug}")
        assert section.locator("svg[role=img]").first.is_visible(), slug
        assert section.locator("table").is_visible(), slug
        assert section.get_by_role("link", name="Download this table as CSV").is_visible(), slug

    # Suppressed groups read as suppressed in the table and are drawn as such.
    unmet = page.locator("section#unmet-by-setting")
    assert unmet.locator("td.vsend-missing--suppressed").count() > 0
    assert unmet.locator("svg [data-missing=suppressed]").count() > 0
    # The comparison names the federated peer.
    assert page.locator("section#comparison").get_by_text("Federated: Fenland vsend").is_visible()
    assert (
        page.locator("section#comparison").get_by_text("https://send.fenland.example/").is_visible()
    )

    # The CSV link downloads the table.
    with page.expect_download() as download:
        page.locator("section#bands").get_by_role("link", name="Download this table as CSV").click()
    assert download.value.suggested_filename == "vsend-northshire-2026-Q3-bands.csv"
    text = open(download.value.path(), encoding="utf-8").read()
    assert text.startswith("Band,What the band means,Children")

    assert axe_violations(page) == []
    # The admin scrolls its content inside the window: make the window as tall as the
    # content so that the screenshot shows the whole dashboard, and one of each section.
    height = page.evaluate("document.querySelector('main').scrollHeight")
    page.set_viewport_size({"width": 1280, "height": height + 100})
    page.evaluate("window.scrollTo(0, 0)")
    folder = screenshot(page, "benchmarking-dashboard", docs="benchmarking-dashboard").parent
    for slug in SECTIONS:
        page.locator(f"section#{slug}").screenshot(path=str(folder / f"benchmarking-{slug}.png"))
    page.set_viewport_size({"width": 1024, "height": 768})

    # Choosing an earlier quarter.
    page.get_by_label("Quarter", exact=True).select_option("2026-Q2")
    page.get_by_role("button", name="Show quarter").click()
    page.wait_for_load_state()
    assert page.get_by_text("Northshire Council: April to June 2026").is_visible()
