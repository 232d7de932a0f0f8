"""The PDF summary of an assessment, read back with poppler-utils as a person would see it.

Profiles are made by the real scoring code from ratings of all 18 indicators.
The rendered PDF is turned into text with ``pdftotext -layout`` and page 1
into a PNG with ``pdftoppm`` (kept under ``test-artifacts/pdf/`` to look at).
"""

import re
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest

from vsend_plugin.assessments.pdf import (
    TEMPLATE_NAME,
    PdfRenderError,
    render_summary_pdf,
    summary_context,
)
from vsend_plugin.scoring import AREAS, BANDS, compare, score

REPOSITORY_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPOSITORY_ROOT / "test-artifacts" / "pdf"
TEMPLATES_DIR = REPOSITORY_ROOT / "vsend_plugin" / "assessments" / "templates"
FOOTER = "OFFICIAL-SENSITIVE: contains personal data about a child"
BAND_MEANINGS = {band.code: band.meaning for band in BANDS}

# Ratings for all 18 indicators, as a SENCO might record them a year apart.
AUTUMN_2025 = {
    "CI.receptive": 1,
    "CI.expressive": 2,
    "CI.social": 2,
    "CL.literacy": 2,
    "CL.numeracy": 1,
    "CL.processing": 2,
    "SEMH.regulation": 1,
    "SEMH.wellbeing": 1,
    "SEMH.relationships": 1,
    "SP.hearing": 0,
    "SP.vision": 0,
    "SP.physical": 1,
    "SP.sensory": 1,
    "SP.health": 0,
    "IND.selfcare": 1,
    "IND.travel": 1,
    "IND.choices": 1,
    "IND.community": 0,
}
AUTUMN_2026 = {
    **AUTUMN_2025,
    "CI.receptive": 2,
    "CI.expressive": 3,
    "CI.social": 3,
    "SEMH.regulation": 2,
    "SEMH.wellbeing": 2,
    "IND.choices": 2,
}
PROVISION = {"CI": 2, "CL": 2, "SEMH": 1, "SP": 1, "IND": 1}
CONFIDENCE = {"CI": 2, "CL": 3, "SEMH": 1, "SP": 4, "IND": 3}

STRENGTHS = (
    "Amara is kind and funny, and looks after younger children at breakfast club.\n"
    "She loves drawing animals and building with Lego."
)


@pytest.fixture(autouse=True)
def summary_template(settings):
    """Make the template findable while the app may not be in INSTALLED_APPS yet."""
    from django.apps import apps

    if not apps.is_installed("vsend_plugin.assessments"):
        settings.TEMPLATES = [
            {**engine, "DIRS": [*engine.get("DIRS", []), str(TEMPLATES_DIR)]}
            for engine in settings.TEMPLATES
        ]


def poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(
            f"{tool} is not installed: these tests read the PDF back with poppler-utils "
            "(Debian: apt-get install poppler-utils)."
        )
    return path


def pdf_text(pdf: bytes, tmp_path: Path, *, layout: bool = True) -> str:
    """The PDF's text: laid out as on the page, or (``layout=False``) in reading order.

    Reading order keeps the text of side-by-side boxes apart, where the layout
    puts their lines next to each other.
    """
    source = tmp_path / "summary.pdf"
    source.write_bytes(pdf)
    result = subprocess.run(
        [poppler("pdftotext"), *(["-layout"] if layout else []), str(source), "-"],
        capture_output=True,
        check=True,
    )
    return result.stdout.decode("utf-8")


def page_count(pdf: bytes, tmp_path: Path) -> int:
    source = tmp_path / "count.pdf"
    source.write_bytes(pdf)
    info = subprocess.run(
        [poppler("pdfinfo"), str(source)], capture_output=True, check=True, text=True
    ).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))


def flat(text: str) -> str:
    """The text with runs of white space (line breaks, layout gaps) as single spaces."""
    return re.sub(r"\s+", " ", text)


def make_summary(assessments, **changes) -> dict:
    """A summary of the last of ``assessments``: a list of (date, profile), oldest first."""
    history = [(when, profile.as_dict()) for when, profile in assessments]
    (when, current) = assessments[-1]
    previous = assessments[-2] if len(assessments) > 1 else None
    summary = {
        "council": "Northshire Council",
        "child": {
            "given_name": "Amara",
            "case_reference": "NS-000123",
            "year_group": "Year 4",
            "setting": "Harbourside Primary School",
            "born": "March 2017",
        },
        "assessment": {
            "number": len(assessments),
            "date": when,
            "author": "J. Smith, SENCO",
            "scheme": current.scheme,
            "version": 2,
        },
        "profile": current.as_dict(),
        "comparison": compare(previous[1], current).as_dict() if previous else None,
        "previous_date": previous[0] if previous else None,
        "history": history,
        "strengths": STRENGTHS,
        "aspirations": "To be a vet, and to move up to secondary school with her friends.",
        "views": "I like it when Miss Patel helps me read. The hall is too noisy at lunch.",
        "family_views": "We would like more help with bedtime routines.",
        "generated_at": datetime(2026, 10, 3, 9, 30),
    }
    summary.update(changes)
    return summary


@pytest.fixture
def first():
    return date(2025, 10, 6), score(AUTUMN_2025, PROVISION, CONFIDENCE)


@pytest.fixture
def second():
    return date(2026, 10, 2), score(AUTUMN_2026, PROVISION, CONFIDENCE)


def test_summary_of_a_second_assessment(first, second, tmp_path):
    assert (first[1].band, second[1].band) == ("B", "C")  # the inputs are what they claim
    pdf = render_summary_pdf(
        make_summary([first, second], need=AUTUMN_2026, previous_need=AUTUMN_2025)
    )
    assert pdf.startswith(b"%PDF")
    text = flat(pdf_text(pdf, tmp_path))

    assert "Needs mapping summary" in text
    assert "Northshire Council" in text
    assert "Amara" in text
    assert "NS-000123" in text
    assert "Harbourside Primary School" in text
    assert "Year 4" in text
    assert "2 October 2026" in text
    assert "J. Smith, SENCO" in text
    assert f"Band C: {BAND_MEANINGS['C']}" in text
    assert "The band informs a conversation; it decides nothing on its own." in text
    for area in AREAS:
        assert area.name in text, area.name
    # Change since last time, per area and overall, in words.
    assert "Overall trend: escalating" in text
    assert "Band B then, band C now." in text
    assert "up (more need than last time)" in text
    assert "same (no change)" in text
    assert "first needs mapping" not in text
    in_order = flat(pdf_text(pdf, tmp_path, layout=False))
    # ...and in sentences a parent carer and a teacher understand, the figures kept in the table.
    assert (
        "Overall, Amara needs more support than at the last needs mapping on 6 October 2025."
        in in_order
    )
    assert (
        "Communication and interaction got harder: from needing regular targeted support to "
        "needing specialist help for much of the day." in in_order
    )
    assert "Cognition and learning stayed the same: needing regular targeted support." in in_order
    assert (
        "Understanding language got harder: from needing a little extra help to needing regular "
        "targeted support." in in_order
    )
    assert "+1 (from 2 to 3)" in text and "+0.67" in text
    # Gaps: CI need 3 with provision 2, SEMH need 2 with provision 1, IND 2 over 1.
    assert "Amara needs more than the setting has in place in three areas." in in_order
    assert (
        "Communication and interaction: Amara needs specialist help for much of the day; the "
        "setting has support for a child needing regular targeted support." in in_order
    )
    assert "levels of need above" not in in_order
    assert "Primary area of need".upper() in text
    # Free text, the charts (drawn as vectors, so their labels are text) and the footer.
    assert "Amara is kind and funny" in text
    assert "building with Lego" in text
    assert "We would like more help with bedtime routines." in text
    assert "4 Profound" in text and "Oct 2025" in text and "Need above provision (gap)" in text
    assert FOOTER in text


def test_a_first_assessment_says_so(first, tmp_path):
    pdf = render_summary_pdf(make_summary([first], family_views=""))
    text = flat(pdf_text(pdf, tmp_path))
    assert "This is Amara's first needs mapping, so there is nothing to compare with yet." in text
    assert "Overall trend" not in text
    assert f"Band B: {BAND_MEANINGS['B']}" in text
    assert "The family's views were not recorded." in text
    assert "Oct 2025" in text  # the chart of one assessment


@pytest.mark.parametrize(
    ("before", "after", "trend", "words"),
    [
        (AUTUMN_2026, AUTUMN_2025, "improving", "the overall band has come down"),
        (AUTUMN_2025, {**AUTUMN_2025, "CL.numeracy": 2}, "stable", "the overall band is the same"),
    ],
)
def test_trend_is_explained_in_words(before, after, trend, words, tmp_path):
    earlier = date(2025, 10, 6), score(before, PROVISION, CONFIDENCE)
    later = date(2026, 10, 2), score(after, PROVISION, CONFIDENCE)
    text = flat(pdf_text(render_summary_pdf(make_summary([earlier, later])), tmp_path))
    assert f"Overall trend: {trend}" in text
    assert words in text


def test_footer_and_page_numbers_on_every_page(first, second, tmp_path):
    long_text = "Amara talked about her week. " * 140
    pdf = render_summary_pdf(make_summary([first, second], strengths=long_text))
    pages = pdf_text(pdf, tmp_path).split("\f")
    pages = [page for page in pages if page.strip()]
    assert len(pages) == page_count(pdf, tmp_path) > 1
    for number, page in enumerate(pages, start=1):
        assert FOOTER in page, number
        assert f"Page {number} of {len(pages)}" in flat(page), number
        assert "OFFICIAL-SENSITIVE" in page.strip().splitlines()[0], number


def test_long_free_text_flows_across_pages(first, second, tmp_path):
    def long(label):
        sentence = f"{label} sentence about what matters to Amara at home and at school. "
        paragraph = sentence * 6 + "\n"
        text = (paragraph * 40)[: 4000 - len(label) - 12]
        return text + f"\n\nEnd of {label}."

    summary = make_summary(
        [first, second],
        strengths=long("strengths"),
        aspirations=long("aspirations"),
        views=long("views"),
    )
    assert all(len(summary[key]) <= 4000 for key in ("strengths", "aspirations", "views"))
    assert sum(len(summary[key]) for key in ("strengths", "aspirations", "views")) > 11_900
    pdf = render_summary_pdf(summary)
    pages = page_count(pdf, tmp_path)
    assert pages > 3  # the short summary is three pages; 12,000 more characters add more
    text = pdf_text(pdf, tmp_path)
    assert text.count("\f") >= pages - 1
    flattened = flat(text)
    for label in ("strengths", "aspirations", "views"):
        assert f"End of {label}." in flattened  # nothing cut off
        assert flattened.count(f"{label} sentence about") >= 40


def test_unknown_values_are_not_shown_as_zero(tmp_path):
    # Sensory and physical not rated at all; provision and confidence only partly known.
    ratings = {code: level for code, level in AUTUMN_2025.items() if not code.startswith("SP.")}
    incomplete = score(ratings, provision={"CI": 1, "CL": 2}, family_confidence={"CI": 3})
    assert not incomplete.complete
    pdf = render_summary_pdf(make_summary([(date(2026, 10, 2), incomplete)]))
    text = pdf_text(pdf, tmp_path)
    flattened = flat(text)
    assert "Not banded: the profile is incomplete" in flattened
    assert "Not rated: Sensory and/or physical." in flattened

    # A row of the profile table: it starts with the area's name and says how
    # many of its indicators were rated ("3 of 3"); chart labels do not.
    rows = {
        area.name.split()[0]: next(
            line
            for line in text.splitlines()
            if line.strip().startswith(area.name.split()[0]) and re.search(r"\d of \d", line)
        )
        for area in AREAS
    }
    sensory = rows["Sensory"]
    assert sensory.count("not rated") == 2  # need level and intensity
    assert sensory.count("not known") == 3  # provision, gap and family confidence
    assert re.sub(r"\b0 of 5\b", "", sensory).count("0") == 0
    independence = rows["Independence"]
    assert independence.count("not known") == 3
    assert "1 Low" in independence
    communication = rows["Communication"]
    assert "not known" not in communication  # everything is known here
    assert "3 of 4" in communication  # family confidence 3


def test_html_in_free_text_is_escaped_and_shown_literally(first, tmp_path):
    hostile = '<b>bold</b> & <script>alert("x")</script> <img src="file:///etc/passwd">'
    summary = make_summary([first], strengths=hostile, views="Line one\nLine two")

    from django.template.loader import render_to_string

    html = render_to_string(TEMPLATE_NAME, summary_context(summary))
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;" in html
    assert "<script" not in html and "<b>bold" not in html
    assert "Line one<br>Line two" in html  # line breaks are kept

    text = flat(pdf_text(render_summary_pdf(summary), tmp_path))
    assert '<b>bold</b> & <script>alert("x")</script> <img src="file:///etc/passwd">' in text


def test_page_one_renders_to_a_png(first, second, tmp_path):
    source = tmp_path / "summary.pdf"
    source.write_bytes(render_summary_pdf(make_summary([first, second])))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    stem = ARTIFACTS / "summary-page"
    subprocess.run(
        [
            poppler("pdftoppm"),
            "-png",
            "-r",
            "50",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(source),
            str(stem),
        ],
        check=True,
        capture_output=True,
    )
    png = stem.with_suffix(".png")
    assert png.read_bytes().startswith(b"\x89PNG")
    assert png.stat().st_size > 8_000

    from PIL import Image

    with Image.open(png) as image:
        width, height = image.size
        assert (width, height) == (pytest.approx(413, abs=2), pytest.approx(585, abs=2))  # A4
        greys = image.convert("L")
        dark = sum(1 for value in greys.tobytes() if value < 128)
        colours = image.convert("RGB").getcolors(maxcolors=1 << 16) or []
    assert dark > 2_000  # text, not a blank page
    assert len(colours) > 50  # charts and shading, not only black on white


def test_xhtml2pdf_errors_raise_a_clear_error(first, monkeypatch):
    from xhtml2pdf import pisa
    from xhtml2pdf.default import PML_ERROR

    class Status:
        err = 1
        log = [(PML_ERROR, 12, "something went wrong", "<td>")]

    monkeypatch.setattr(pisa, "CreatePDF", lambda *args, **kwargs: Status())
    with pytest.raises(PdfRenderError, match="1 error.*something went wrong"):
        render_summary_pdf(make_summary([first]))
    assert issubclass(PdfRenderError, RuntimeError)


def test_xhtml2pdf_exceptions_become_the_clear_error(first, monkeypatch):
    from xhtml2pdf import pisa

    def explode(*args, **kwargs):
        raise ValueError("bad table")

    monkeypatch.setattr(pisa, "CreatePDF", explode)
    with pytest.raises(PdfRenderError, match="bad table"):
        render_summary_pdf(make_summary([first]))


def test_a_date_of_birth_shows_only_month_and_year(first):
    child = {"given_name": "Amara", "case_reference": "NS-000123", "born": date(2017, 3, 14)}
    context = summary_context(make_summary([first], child=child))
    assert context["child"]["born"] == "March 2017"
