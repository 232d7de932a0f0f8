"""The SEND officers' benchmarking dashboard: stored figures shown as stored, to officers only.

Data is made the way the product makes it: children, needs mappings recorded
with synthetic ratings, then the rollups rebuilt. Every figure on the page and
in the CSV downloads is compared with the stored rollups, and every hidden or
suppressed figure must read as such, never as 0.
"""

import csv
import io
from datetime import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks

from tests.benchmarking.population import assess_children
from tests.conftest import create_child, create_council, create_member
from tests.once import copy_for_a_test, made_once_a_module
from vsend_plugin.benchmarking.dashboard import (
    Column,
    DashboardSection,
    Table,
    charts,
    count,
    vsend_sections,
)
from vsend_plugin.benchmarking.models import Peer, PeerAggregate, Rollup
from vsend_plugin.benchmarking.rollups import rebuild
from vsend_plugin.moderation.dashboard import moderation_sections
from vsend_plugin.planning.dashboard import support_sections
from vsend_plugin.scoring import AREAS, BANDS

pytestmark = pytest.mark.django_db

#: vsend's own sections, in the order the page shows them.
SECTIONS = [section.slug for section in vsend_sections()]
#: Every section the page shows: vsend's own, then support plans' (tests/planning).
PAGE_SECTIONS = (
    SECTIONS
    + [section.slug for section in support_sections()]
    + [section.slug for section in moderation_sections()]
)

URL = reverse("vsend_benchmarking_dashboard")
IN_Q2 = timezone.make_aware(datetime(2026, 5, 12, 10))
IN_Q1 = timezone.make_aware(datetime(2026, 2, 12, 10))
Q3 = {"council": "northshire", "period": "2026-Q3"}


def csv_url(section):
    return reverse("vsend_benchmarking_dashboard_csv", args=[section])


@made_once_a_module
def population():
    """Northshire over three quarters (Q1 too small to show), two neighbours, rolled up."""
    northshire = create_council(
        "northshire", "E06000991", localities=("centre", "outskirts", "hills", "coast")
    )
    westmoor = create_council("westmoor", "E06000992")
    eastvale = create_council("eastvale", "E06000993")
    author = create_member(northshire, "practitioner")
    assess_children(northshire, author, create_child, [16, 14, 3, 2])
    assess_children(northshire, author, create_child, [12], when=IN_Q2, prefix="Q2-", seed=2)
    assess_children(northshire, author, create_child, [4], when=IN_Q1, prefix="Q1-", seed=3)
    assess_children(westmoor, create_member(westmoor, "practitioner"), create_child, [15])
    assess_children(eastvale, create_member(eastvale, "practitioner"), create_child, [6])
    rebuild()
    return northshire, westmoor, eastvale


@pytest.fixture
def councils(population):
    """The population's councils, made once for the module (tests/once.py)."""
    return copy_for_a_test(population)


@pytest.fixture
def peer_figures(councils):
    """Figures northshire's officer pulled from a federated install: one shown, one suppressed."""
    northshire, westmoor, _ = councils
    peer = Peer.objects.create(
        council=northshire,
        name="Fenland vsend",
        api_url="https://send.fenland.example/api/vsend/v1/",
        token="vsp_example",
    )
    shown = Rollup.objects.get(council=westmoor, dimension="council", period="2026-Q3").figures
    fetched = timezone.make_aware(datetime(2026, 9, 1, 6, 30))
    source = "https://send.fenland.example/api/vsend/v1/benchmarks/?period=2026-Q3"
    PeerAggregate.objects.create(
        peer=peer,
        period="2026-Q3",
        council_slug="fenland",
        council_name="Fenland Council",
        figures=shown,
        source=source,
        fetched_at=fetched,
    )
    PeerAggregate.objects.create(
        peer=peer,
        period="2026-Q3",
        council_slug="marsh",
        council_name="Marsh Council",
        figures={"suppressed": True},
        source=source,
        fetched_at=fetched,
    )
    return peer


def stored(council, dimension, period="2026-Q3"):
    return list(
        Rollup.objects.filter(council=council, dimension=dimension, period=period).order_by(
            "position"
        )
    )


def read_csv(response):
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


def page_table(response, section):
    """The rows of a section's table as the page shows them, header row first."""
    soup = BeautifulSoup(response.content, "html.parser")
    table = soup.find(id=section).find("table")
    return [
        [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
        for row in table.find_all("tr")
    ]


def words(value, kind="count"):
    """A stored figure as the dashboard writes it."""
    if value is None:
        return {"count": "hidden", "mean": "not known", "correlation": "too few pairs"}[kind]
    if kind == "count":
        return str(value)
    return f"{value:.2f}"


@pytest.fixture
def officer(councils, make_member):
    return make_member(councils[0], "officer")


def test_the_dashboard_shows_the_latest_quarter_of_the_officers_council(client, officer):
    client.force_login(officer)
    response = client.get(URL)
    assert response.status_code == 200
    assert "Northshire Council, 2026-Q3" in response.content.decode()
    soup = BeautifulSoup(response.content, "html.parser")
    # Every section: a chart that is an image with a title and a description, a table, a CSV link.
    for section in SECTIONS:
        element = soup.find(id=section)
        assert element is not None, section
        svgs = element.find_all("svg")
        assert svgs, section
        for svg in svgs:
            assert svg["role"] == "img"
            assert svg.find("title").get_text() and svg.find("desc").get_text()
            title_id, desc_id = svg["aria-labelledby"].split()
            assert svg.find(id=title_id) and svg.find(id=desc_id)
        assert element.find("table").find("caption")
        (link,) = [a for a in element.find_all("a", href=True) if "CSV" in a.get_text()]
        assert link["href"].startswith(csv_url(section))
        assert "council=northshire" in link["href"] and "period=2026-Q3" in link["href"]
    # The quarter chooser offers every quarter with figures, newest first.
    options = [option["value"] for option in soup.find("select", id="id_period").find_all("option")]
    assert options == ["2026-Q3", "2026-Q2", "2026-Q1"]
    # One council: no council chooser.
    assert soup.find("select", id="id_council") is None


def test_band_distribution_and_area_means_are_the_stored_council_figures(client, councils, officer):
    northshire = councils[0]
    (council,) = stored(northshire, "council")
    figures = council.figures
    client.force_login(officer)
    page = client.get(URL, {"period": "2026-Q3"})

    bands = read_csv(client.get(csv_url("bands"), {"council": "northshire", "period": "2026-Q3"}))
    assert bands[0] == ["Band", "What the band means", "Children", "Share of children (%)"]
    assert [row[:3] for row in bands[1:]] == [
        [f"Band {band.code}", band.meaning, words(figures["band_counts"][band.code])]
        for band in BANDS
    ]
    assert [row[:3] for row in page_table(page, "bands")[1:]] == [row[:3] for row in bands[1:]]
    for row in bands[1:]:
        if row[2] == "hidden":
            assert row[3] == "hidden"
        else:
            share = 100 * int(row[2]) / figures["children"]
            assert abs(float(row[3]) - share) <= 0.05

    areas = read_csv(client.get(csv_url("areas"), {"council": "northshire", "period": "2026-Q3"}))
    assert areas[1:] == [
        [area.name]
        + [
            words(figures["areas"][area.code][name], "mean")
            for name in ("level", "intensity", "gap", "family_confidence")
        ]
        for area in AREAS
    ]
    assert page_table(page, "areas")[1:] == areas[1:]


@pytest.mark.parametrize(
    "dimension,section", [("setting", "unmet-by-setting"), ("locality", "unmet-by-locality")]
)
def test_unmet_need_by_group_shows_each_groups_gaps_or_suppressed(
    client, councils, officer, dimension, section
):
    northshire = councils[0]
    client.force_login(officer)
    rows = read_csv(client.get(csv_url(section), {"council": "northshire", "period": "2026-Q3"}))
    rollups = stored(northshire, dimension)
    expected = []
    for rollup in rollups:
        if rollup.suppressed:
            expected.append([rollup.label] + ["suppressed"] * (1 + len(AREAS)))
        else:
            expected.append(
                [rollup.label, str(rollup.figures["children"])]
                + [words(rollup.figures["areas"][area.code]["gap"], "mean") for area in AREAS]
            )
    assert rows[1:] == expected
    # Centre has 16 children, coast 2, hills 3, outskirts 14: the two small groups are
    # suppressed, never shown as 0.
    assert [row[1] for row in rows[1:]] == ["16", "suppressed", "suppressed", "14"]

    page = client.get(URL, {"period": "2026-Q3"})
    assert page_table(page, section)[1:] == rows[1:]
    soup = BeautifulSoup(page.content, "html.parser")
    chart = soup.find(id=section).find("svg")
    suppressed = [
        group["data-label"]
        for group in chart.find_all("g", class_="group")
        if group.find("g", attrs={"data-missing": "suppressed"})
    ]
    assert suppressed == [rollup.label for rollup in rollups if rollup.suppressed]
    assert "suppressed" in chart.find("desc").get_text()


def test_hidden_counts_read_hidden_on_the_page_and_in_the_chart(client, councils, officer):
    northshire = councils[0]
    (council,) = stored(northshire, "council")
    hidden = [band for band, value in council.figures["band_counts"].items() if value is None]
    assert hidden, "the data should have a hidden band count"
    client.force_login(officer)
    page = client.get(URL, {"period": "2026-Q3"})
    rows = {row[0]: row for row in page_table(page, "bands")[1:]}
    for band in hidden:
        assert rows[f"Band {band}"][2] == "hidden"
    soup = BeautifulSoup(page.content, "html.parser")
    chart = soup.find(id="bands").find("svg")
    drawn = {
        bar.find_parent("g", class_="category")["data-label"][:6]: bar["data-value"]
        for bar in chart.find_all("g", class_="bar")
    }
    for band in hidden:
        assert drawn[f"Band {band}"] == "hidden"
        # The chart draws a labelled box, not a bar of length 0.
    assert len(chart.find_all("g", attrs={"data-missing": "hidden"})) == len(hidden)
    assert "hidden" in soup.find(id="bands").find(class_="vsend-dashboard__notes").get_text()


def test_alignment_is_explained_and_matches_every_group(client, councils, officer):
    northshire = councils[0]
    client.force_login(officer)
    rows = read_csv(client.get(csv_url("alignment"), Q3))
    rollups = [
        rollup
        for dimension in ("council", "locality", "setting")
        for rollup in stored(northshire, dimension)
    ]
    assert [row[0] for row in rows[1:]] == [rollup.label for rollup in rollups]
    for row, rollup in zip(rows[1:], rollups, strict=True):
        if rollup.suppressed:
            assert row[2:] == ["suppressed", "suppressed"]
        else:
            assert row[3] == words(rollup.figures["alignment"], "correlation")
    page = client.get(URL, {"period": "2026-Q3"}).content.decode()
    assert "Spearman" in page
    assert "Near 1, provision follows need" in page
    assert "fewer than 10" in page


def test_trends_cover_the_quarters_up_to_the_chosen_one(client, councils, officer):
    northshire = councils[0]
    client.force_login(officer)
    rows = read_csv(client.get(csv_url("trends-need"), Q3))
    assert [row[0] for row in rows[1:]] == ["2026-Q1", "2026-Q2", "2026-Q3"]
    # Q1 had 4 children: the whole council is suppressed that quarter, not 0.
    assert rows[1][1:] == ["suppressed"] * (len(rows[0]) - 1)
    for row in rows[2:]:
        (rollup,) = stored(northshire, "council", row[0])
        figures = rollup.figures
        assert row[1] == str(figures["children"])
        assert row[2 : 2 + len(AREAS)] == [
            words(figures["areas"][area.code]["level"], "mean") for area in AREAS
        ]
        high = [figures["band_counts"][band] for band in ("D", "E")]
        if None in high:
            assert row[-1] == "hidden"
        else:
            assert abs(float(row[-1]) - 100 * sum(high) / figures["children"]) <= 0.05

    movement = read_csv(
        client.get(csv_url("trends-movement"), {"council": "northshire", "period": "2026-Q2"})
    )
    assert [row[0] for row in movement[1:]] == ["2026-Q1", "2026-Q2"]
    (q2,) = stored(northshire, "council", "2026-Q2")
    assert movement[2][1:] == [
        words(q2.figures["trend_counts"][t]) for t in ("escalating", "stable", "improving")
    ]


def test_comparison_lists_other_councils_and_federated_peers_with_source_and_time(
    client, councils, officer, peer_figures
):
    northshire, westmoor, eastvale = councils
    client.force_login(officer)
    rows = read_csv(client.get(csv_url("comparison"), Q3))
    by_name = {row[0]: row for row in rows[1:]}
    assert list(by_name) == [
        "Northshire Council",
        "Eastvale Council",
        "Westmoor Council",
        "Fenland Council",
        "Marsh Council",
    ]
    assert by_name["Northshire Council"][1] == "This council"
    (west,) = stored(westmoor, "council")
    assert by_name["Westmoor Council"][2] == str(west.figures["children"])
    assert by_name["Westmoor Council"][4 : 4 + len(AREAS)] == [
        words(west.figures["areas"][a.code]["level"], "mean") for a in AREAS
    ]
    assert by_name["Eastvale Council"][2:-2] == ["suppressed"] * (len(rows[0]) - 4)
    fenland = by_name["Fenland Council"]
    assert fenland[1] == "Federated: Fenland vsend"
    assert fenland[-2] == "https://send.fenland.example/api/vsend/v1/benchmarks/?period=2026-Q3"
    assert fenland[-1] == "1 Sep 2026, 06:30"
    assert by_name["Marsh Council"][2] == "suppressed"
    # No locality or setting of another council reaches the comparison.
    assert not any("Primary School (westmoor)" in cell for row in rows for cell in row)

    page = client.get(URL, {"period": "2026-Q3"})
    assert page_table(page, "comparison")[1:] == rows[1:]


def test_a_failing_peer_is_named_on_the_dashboard(client, councils, officer, peer_figures):
    peer_figures.consecutive_failures = 3
    peer_figures.last_error = "Connection refused"
    peer_figures.save()
    client.force_login(officer)
    text = BeautifulSoup(client.get(URL).content, "html.parser").find(id="comparison").get_text(" ")
    assert "Fenland vsend: 3 failed attempts" in " ".join(text.split())
    assert "Connection refused" in text


def test_an_earlier_quarter_can_be_chosen(client, councils, officer):
    northshire = councils[0]
    client.force_login(officer)
    response = client.get(URL, {"council": "northshire", "period": "2026-Q2"})
    assert response.status_code == 200
    (q2,) = stored(northshire, "council", "2026-Q2")
    bands = page_table(response, "bands")[1:]
    assert [row[2] for row in bands] == [words(q2.figures["band_counts"][b.code]) for b in BANDS]


def test_a_csv_cell_cannot_run_as_a_formula(client, councils, officer):
    Rollup.objects.filter(council=councils[0], dimension="setting", position=0).update(
        label='=HYPERLINK("http://example.com")'
    )
    client.force_login(officer)
    rows = read_csv(client.get(csv_url("unmet-by-setting"), {"council": "northshire"}))
    assert rows[1][0] == '\'=HYPERLINK("http://example.com")'


def test_an_officer_of_two_councils_chooses_between_them(client, councils, make_member):
    both = make_member(councils[0], "officer")
    both.groups.add(councils[1].group_for("officer"))
    client.force_login(both)
    response = client.get(URL)
    soup = BeautifulSoup(response.content, "html.parser")
    chooser = soup.find("select", id="id_council")
    assert [option["value"] for option in chooser.find_all("option")] == ["northshire", "westmoor"]
    assert "Northshire Council, 2026-Q3" in response.content.decode()
    response = client.get(URL, {"council": "westmoor"})
    assert "Westmoor Council, 2026-Q3" in response.content.decode()
    (west,) = stored(councils[1], "council")
    assert page_table(response, "bands")[1][2] == words(west.figures["band_counts"]["A"])


def test_another_councils_officer_never_sees_its_figures(client, councils, make_member):
    client.force_login(make_member(councils[1], "officer"))
    response = client.get(URL, {"council": "northshire"})
    assert response.status_code == 404
    assert b"Centre Primary School" not in response.content
    # Their own dashboard shows northshire at council level only.
    rows = read_csv(client.get(csv_url("comparison"), {"council": "westmoor"}))
    assert [row[0] for row in rows[1:]] == [
        "Westmoor Council",
        "Eastvale Council",
        "Northshire Council",
    ]
    for section in ("unmet-by-setting", "unmet-by-locality", "alignment"):
        rows = read_csv(client.get(csv_url(section), {"council": "westmoor"}))
        assert not any("northshire" in cell.lower() for row in rows for cell in row)


def test_a_council_without_figures_says_so(client, make_council, make_member):
    council = make_council("quietshire", "E06000994")
    client.force_login(make_member(council, "officer"))
    response = client.get(URL)
    assert response.status_code == 200
    assert "has no benchmark figures yet" in response.content.decode()
    assert client.get(csv_url("bands")).status_code == 404


# The charts on their own.


def test_a_chart_tells_zero_hidden_and_suppressed_apart():
    from xml.etree import ElementTree

    from vsend_plugin.benchmarking.dashboard import charts
    from vsend_plugin.benchmarking.missing import Missing

    svg = charts.bar_chart_svg(
        ["Band A", "Band B", "Band C"],
        [charts.Bar("Children")],
        [[0], [Missing.HIDDEN], [Missing.SUPPRESSED]],
        title="Children <& each band>",
        maximum=10,
        ticks=[0, 5, 10],
    )
    root = ElementTree.fromstring(svg)  # well formed, text escaped
    namespace = {"svg": "http://www.w3.org/2000/svg"}
    assert root.get("role") == "img"
    assert root.find("svg:title", namespace).text == "Children <& each band>"
    assert root.find("svg:desc", namespace).text == (
        "Children <& each band>. Band A: 0; Band B: hidden; Band C: suppressed."
    )
    bars = {
        group.get("data-label"): group
        for group in root.iter("{http://www.w3.org/2000/svg}g")
        if group.get("class") == "category"
    }
    missing = {
        label: [
            g.get("data-missing")
            for g in group.iter("{http://www.w3.org/2000/svg}g")
            if g.get("data-missing")
        ]
        for label, group in bars.items()
    }
    assert missing == {"Band A": [], "Band B": ["hidden"], "Band C": ["suppressed"]}
    texts = ["".join(t.itertext()) for t in bars["Band B"].iter("{http://www.w3.org/2000/svg}text")]
    assert "hidden" in texts


@pytest.mark.parametrize("chart", ["heat", "dots", "lines"])
def test_every_chart_kind_is_well_formed_and_names_missing_values(chart):
    from xml.etree import ElementTree

    from vsend_plugin.benchmarking.dashboard import charts
    from vsend_plugin.benchmarking.missing import Missing

    if chart == "heat":
        svg = charts.heat_map_svg(
            [
                charts.HeatRow("Centre", [0.5, Missing.NOT_KNOWN]),
                charts.HeatRow("Hills", Missing.SUPPRESSED),
            ],
            [("CI", "Communication and interaction"), ("CL", "Cognition and learning")],
            title="Gaps",
            maximum=1,
        )
        expected = (
            "Centre: Communication and interaction 0.5, Cognition and learning not known; "
            "Hills: suppressed"
        )
    elif chart == "dots":
        svg = charts.dot_plot_svg(
            [
                charts.DotRow("Northshire", {"alignment": 0.4}, emphasis=True),
                charts.DotRow("Hills", Missing.TOO_FEW_PAIRS),
            ],
            [charts.DotSeries("alignment", "Alignment", charts.SINGLE_LINE)],
            title="Alignment",
            minimum=-1,
            maximum=1,
            ticks=[-1, 0, 1],
        )
        expected = "Northshire: 0.4; Hills: too few pairs"
    else:
        svg = charts.line_chart_svg(
            ["2026-Q1", "2026-Q2"],
            [
                charts.LineSeries(
                    "DE", "Bands D and E", charts.SINGLE_LINE, [Missing.SUPPRESSED, 12.5]
                )
            ],
            title="Share",
            minimum=0,
            maximum=20,
            ticks=[0, 10, 20],
        )
        expected = "2026-Q1 suppressed, 2026-Q2 12.5"
    root = ElementTree.fromstring(svg)
    assert root.get("role") == "img"
    assert expected in root.find("{http://www.w3.org/2000/svg}desc").text


def test_the_page_reads_a_fixed_number_of_queries_however_many_councils(
    client, councils, officer, make_council, peer_figures
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(officer)
    client.get(URL)  # content types and the like are cached on the first request
    with CaptureQueriesContext(connection) as before:
        assert client.get(URL).status_code == 200
    (west,) = stored(councils[1], "council")
    for number in range(5):
        council = make_council(f"shire{number}", f"E0600080{number}")
        Rollup.objects.create(
            council=council,
            period="2026-Q3",
            dimension="council",
            label=council.name,
            figures=west.figures,
        )
    with CaptureQueriesContext(connection) as after:
        response = client.get(URL)
    assert len(page_table(response, "comparison")) == 1 + 3 + 5 + 2
    assert len(after.captured_queries) == len(before.captured_queries)
    print(f"dashboard page: {len(after.captured_queries)} queries")


# Sections come through the construct_vsend_dashboard_sections hook.


def section_ids(response):
    soup = BeautifulSoup(response.content, "html.parser")
    sections = soup.find_all("section", class_="vsend-dashboard__section")
    return [section["id"] for section in sections]


def contents(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [link["href"] for link in soup.find("nav", class_="vsend-dashboard__contents")("a")]


def test_vsends_own_sections_come_in_their_order(client, councils, officer):
    assert SECTIONS == [
        "bands",
        "areas",
        "unmet-by-setting",
        "unmet-by-locality",
        "alignment",
        "trends-need",
        "trends-movement",
        "comparison",
    ]
    client.force_login(officer)
    response = client.get(URL)
    assert section_ids(response) == PAGE_SECTIONS
    assert contents(response) == [f"#{slug}" for slug in PAGE_SECTIONS]


class ExclusionsSection(DashboardSection):
    """What a council's developer might add: children counted and left out, from stored figures."""

    slug = "exclusions"
    title = "Children counted and left out"
    order = 150  # after the bands (100), before the areas (200)
    intro = ("Children left out have no complete needs mapping in the quarter.",)

    def get_table(self, dashboard):
        figures = dashboard.whole
        return Table(
            "Children counted and left out",
            [Column("Children"), Column("Number", "count")],
            [["Counted", count(figures, "children")], ["Left out", count(figures, "excluded")]],
        )

    def get_charts(self, dashboard, table):
        return [
            charts.bar_chart_svg(
                [row[0] for row in table.rows],
                [charts.Bar("Children")],
                [[row[1]] for row in table.rows],
                title="Children counted and left out",
                maximum=100,
                ticks=[0, 50, 100],
            )
        ]


def add_exclusions(request, sections):
    sections.append(ExclusionsSection())


def test_a_section_added_through_the_hook_is_shown_in_its_order_with_its_csv(
    client, councils, officer
):
    (stored_council,) = stored(councils[0], "council")
    client.force_login(officer)
    with hooks.register_temporarily("construct_vsend_dashboard_sections", add_exclusions):
        response = client.get(URL)
        download = client.get(csv_url("exclusions"), Q3)
    assert section_ids(response) == ["bands", "exclusions", *PAGE_SECTIONS[1:]]
    assert contents(response)[:3] == ["#bands", "#exclusions", "#areas"]
    soup = BeautifulSoup(response.content, "html.parser")
    section = soup.find(id="exclusions")
    assert section.find("h2").get_text() == "Children counted and left out"
    svg = section.find("svg")
    assert svg["role"] == "img" and svg.find("title").get_text() == "Children counted and left out"
    expected = [
        ["Counted", words(stored_council.figures["children"])],
        ["Left out", words(stored_council.figures["excluded"])],
    ]
    assert page_table(response, "exclusions")[1:] == expected
    assert read_csv(download) == [["Children", "Number"], *expected]

    # Without the hook, the section and its CSV are gone.
    assert "exclusions" not in section_ids(client.get(URL))
    assert client.get(csv_url("exclusions"), Q3).status_code == 404


def test_a_hook_can_take_a_section_away_and_its_csv_with_it(client, councils, officer):
    def without_comparison(request, sections):
        sections[:] = [section for section in sections if section.slug != "comparison"]

    client.force_login(officer)
    with hooks.register_temporarily("construct_vsend_dashboard_sections", without_comparison):
        assert section_ids(client.get(URL)) == [s for s in PAGE_SECTIONS if s != "comparison"]
        assert client.get(csv_url("comparison"), Q3).status_code == 404


def test_two_sections_with_one_slug_are_refused_by_name(client, councils, officer):
    def twice(request, sections):
        sections.extend([ExclusionsSection(), ExclusionsSection()])

    client.force_login(officer)
    with hooks.register_temporarily("construct_vsend_dashboard_sections", twice):
        with pytest.raises(ImproperlyConfigured, match="'exclusions'"):
            client.get(URL)
