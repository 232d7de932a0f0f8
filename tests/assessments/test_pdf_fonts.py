"""Names and words in the languages English councils' families write print in the PDF.

ReportLab's own fonts cover Latin-1 only; the summary embeds Noto and
WenQuanYi fonts and sets each run of another script in its own font. The
test reads the text back with ``pdftotext``: a glyph the font lacks would come
back as a box or not at all.
"""

import subprocess
import unicodedata

import pytest

from tests.assessments.test_pdf import make_summary, pdf_text, poppler
from vsend_plugin.assessments.pdf import render_summary_pdf
from vsend_plugin.assessments.pdf_fonts import (
    BASE_FAMILY,
    fonts_by_script,
    missing_packages,
    registered_fonts,
)
from vsend_plugin.scoring import score

WORDS = {
    "Polish": "Łucja Żółć",
    "Urdu": "اردو",
    "Arabic": "مرحبا",
    "Bengali": "বাংলা",
    "Chinese": "中文",
    "Punjabi": "ਪੰਜਾਬੀ",
    "Gujarati": "ગુજરાતી",
    "Romanian": "Ștefan",
    "Greek": "Ελένη",
    "Russian": "Мария",
}
BIDI_CONTROLS = dict.fromkeys(
    [0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069]
)


def readable(text):
    """What a reader sees: Arabic presentation forms as letters, without direction marks."""
    return unicodedata.normalize("NFKC", text).translate(BIDI_CONTROLS)


def test_the_fonts_are_installed_on_this_machine():
    assert missing_packages() == [], "make test installs fonts-noto-core and fonts-wqy-zenhei"
    base, fonts = registered_fonts()
    assert base == BASE_FAMILY
    assert {"VsendArabic", "VsendBengali", "VsendChinese"} <= {font.family for font in fonts}


@pytest.fixture
def summary():
    profile = score({"CI.receptive": 2, "SEMH.wellbeing": 3}, {"CI": 1})
    return make_summary([(__import__("datetime").date(2026, 10, 2), profile)])


@pytest.mark.parametrize("language", list(WORDS))
def test_words_in_each_language_read_back_from_the_pdf(summary, tmp_path, language):
    words = WORDS[language]
    summary["child"]["given_name"] = words
    summary["family_views"] = f"{words} — {language}"

    text = readable(pdf_text(render_summary_pdf(summary), tmp_path, layout=False))

    assert words in text or words[::-1] in text
    assert "■" not in text


def test_a_line_mixing_scripts_prints_every_character(summary, tmp_path):
    summary["strengths"] = "Łucja Żółć — اردو বাংলা 中文"

    text = readable(pdf_text(render_summary_pdf(summary), tmp_path, layout=False))

    for words in ("Łucja Żółć", "বাংলা", "中文"):
        assert words in text
    assert "اردو" in text or "اردو"[::-1] in text


def test_the_fonts_are_embedded(summary, tmp_path):
    summary["strengths"] = "اردو বাংলা 中文"
    source = tmp_path / "summary.pdf"
    source.write_bytes(render_summary_pdf(summary))

    fonts = subprocess.run(
        [poppler("pdffonts"), str(source)], capture_output=True, text=True, check=True
    ).stdout

    for family in ("NotoSans-Regular", "NotoNaskhArabic", "NotoSansBengali", "WenQuanYiZenHei"):
        line = next(line for line in fonts.splitlines() if family in line)
        assert " yes " in line  # embedded (a subset)


def test_only_text_outside_tags_and_styles_is_wrapped():
    fonts = registered_fonts()[1]
    html = (
        "<style>p { font-family: VsendSans }</style><title>中文</title>"
        '<p title="中文">Amara 中文 and বাংলা.</p>'
    )

    wrapped = fonts_by_script(html, fonts)

    assert "<title>中文</title>" in wrapped and 'title="中文"' in wrapped
    assert '<span style="font-family: VsendChinese">中文 </span>' in wrapped
    assert '<span style="font-family: VsendBengali">বাংলা.</span>' in wrapped
    assert wrapped.startswith("<style>p { font-family: VsendSans }</style>")
