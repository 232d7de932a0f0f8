"""Charts in a PDF are parsed once and drawn as svglib alone would draw them."""

import subprocess
from io import BytesIO

import pytest
from svglib.svglib import svg2rlg
from xhtml2pdf import xhtml2pdf_reportlab

from vsend_plugin.assessments import pdf_drawings
from vsend_plugin.assessments.pdf import render_summary_pdf

from .test_pdf import first, make_summary, poppler, second  # noqa: F401  (fixtures)


@pytest.fixture
def parses(monkeypatch):
    """Counts svglib's parses of SVG, with nothing kept from earlier tests."""
    counted = []

    def counting_svg2rlg(source, **options):
        counted.append(source.getvalue())
        return svg2rlg(source, **options)

    monkeypatch.setattr("svglib.svglib.svg2rlg", counting_svg2rlg)
    pdf_drawings._parsed.cache_clear()
    yield counted
    pdf_drawings._parsed.cache_clear()


def pages_as_pixels(pdf: bytes, tmp_path, name) -> list[bytes]:
    source = tmp_path / f"{name}.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        [poppler("pdftoppm"), "-png", "-r", "40", str(source), str(tmp_path / name)],
        check=True,
        capture_output=True,
    )
    from PIL import Image

    pixels = []
    for page in sorted(tmp_path.glob(f"{name}-*.png")):
        with Image.open(page) as image:
            pixels.append(image.convert("RGB").tobytes())
    return pixels


def test_each_chart_is_parsed_once_however_often_it_is_drawn(parses, first, second):  # noqa: F811
    render_summary_pdf(make_summary([first, second]))
    assert xhtml2pdf_reportlab.svg2rlg is pdf_drawings.parse_once
    charts = set(parses)
    assert len(charts) >= 2  # the profile and the levels over time
    assert len(parses) == len(charts)  # sized, laid out twice and drawn: parsed once


def test_a_chart_drawn_again_is_parsed_from_memory(parses, first, second):  # noqa: F811
    summary = make_summary([first, second])
    render_summary_pdf(summary)
    before = len(parses)
    render_summary_pdf(summary)
    assert len(parses) == before


def test_every_use_gets_its_own_drawing_to_scale(parses):
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50">'
        b'<rect width="100" height="50" fill="#1d70b8"/></svg>'
    )
    one = pdf_drawings.parse_once(BytesIO(svg))
    one.scale(2, 2)
    two = pdf_drawings.parse_once(BytesIO(svg))
    assert len(parses) == 1
    assert one is not two
    assert two.transform == (1, 0, 0, 1, 0, 0)  # the first use's scaling did not carry over
    assert one.contents == two.contents


def test_the_pages_look_the_same_as_with_svglib_alone(
    parses,
    first,  # noqa: F811
    second,  # noqa: F811
    tmp_path,
    monkeypatch,
):
    summary = make_summary([first, second])
    kept = pages_as_pixels(render_summary_pdf(summary), tmp_path, "kept")
    again = pages_as_pixels(render_summary_pdf(summary), tmp_path, "again")
    monkeypatch.setattr(pdf_drawings, "install", lambda: None)
    monkeypatch.setattr(xhtml2pdf_reportlab, "svg2rlg", svg2rlg)
    plain = pages_as_pixels(render_summary_pdf(summary), tmp_path, "plain")
    assert len(plain) >= 2
    assert kept == plain
    assert again == plain
