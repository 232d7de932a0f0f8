"""Fonts for PDF summaries, so that every family's name and words print.

ReportLab's built-in fonts cover Latin-1 only: "Łucja Żółć" or Urdu, Bengali
and Chinese words came out as black boxes. No one font covers every script
English councils' families write in, and xhtml2pdf does not fall back from
one font to another glyph by glyph, so :func:`fonts_by_script` wraps each run
of text in a script that needs its own font in a ``<span>`` naming it, after
the template is rendered. Right-to-left runs (Arabic, Urdu, Hebrew) are put
in visual order by xhtml2pdf itself.

The fonts are Noto (Debian's ``fonts-noto-core``) and WenQuanYi Zen Hei
(``fonts-wqy-zenhei``, TrueType, for Chinese: ReportLab cannot embed the
CFF-flavoured Noto CJK fonts), found at run time under
``VSEND_PDF_FONT_DIRS``. A font that is not installed is left out, its script
then prints in the base font as before, and system check ``vsend.W001`` says
which packages to install.
"""

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from vsend_plugin.conf import vsend_settings

#: The family the summary's text is set in; Helvetica when Noto Sans is not installed.
BASE_FAMILY = "VsendSans"
FALLBACK_FAMILY = "Helvetica"


@dataclass(frozen=True)
class ScriptFont:
    family: str
    regular: str
    bold: str | None
    ranges: tuple  # ((first, last), ...) code points this font is used for
    package: str
    subfont: int = 0


SCRIPT_FONTS = (
    ScriptFont(
        "VsendArabic",
        "NotoNaskhArabic-Regular.ttf",
        "NotoNaskhArabic-Bold.ttf",
        ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
        "fonts-noto-core",
    ),
    ScriptFont(
        "VsendHebrew",
        "NotoSansHebrew-Regular.ttf",
        "NotoSansHebrew-Bold.ttf",
        ((0x0590, 0x05FF),),
        "fonts-noto-core",
    ),
    ScriptFont(
        "VsendBengali",
        "NotoSansBengali-Regular.ttf",
        "NotoSansBengali-Bold.ttf",
        ((0x0980, 0x09FF),),
        "fonts-noto-core",
    ),
    ScriptFont(
        "VsendDevanagari",
        "NotoSansDevanagari-Regular.ttf",
        "NotoSansDevanagari-Bold.ttf",
        ((0x0900, 0x097F),),
        "fonts-noto-core",
    ),
    ScriptFont(
        "VsendGurmukhi",
        "NotoSansGurmukhi-Regular.ttf",
        "NotoSansGurmukhi-Bold.ttf",
        ((0x0A00, 0x0A7F),),
        "fonts-noto-core",
    ),
    ScriptFont(
        "VsendGujarati",
        "NotoSansGujarati-Regular.ttf",
        "NotoSansGujarati-Bold.ttf",
        ((0x0A80, 0x0AFF),),
        "fonts-noto-core",
    ),
    ScriptFont(
        "VsendTamil",
        "NotoSansTamil-Regular.ttf",
        "NotoSansTamil-Bold.ttf",
        ((0x0B80, 0x0BFF),),
        "fonts-noto-core",
    ),
    ScriptFont(
        "VsendSinhala",
        "NotoSansSinhala-Regular.ttf",
        "NotoSansSinhala-Bold.ttf",
        ((0x0D80, 0x0DFF),),
        "fonts-noto-core",
    ),
    ScriptFont(
        "VsendThai",
        "NotoSansThai-Regular.ttf",
        "NotoSansThai-Bold.ttf",
        ((0x0E00, 0x0E7F),),
        "fonts-noto-core",
    ),
    ScriptFont(
        "VsendEthiopic",
        "NotoSansEthiopic-Regular.ttf",
        "NotoSansEthiopic-Bold.ttf",
        ((0x1200, 0x139F),),
        "fonts-noto-core",
    ),
    ScriptFont(
        "VsendChinese",
        "wqy-zenhei.ttc",
        None,
        (
            (0x2E80, 0x2FDF),
            (0x3000, 0x30FF),
            (0x3100, 0x312F),
            (0x3400, 0x4DBF),
            (0x4E00, 0x9FFF),
            (0xF900, 0xFAFF),
            (0xFF00, 0xFFEF),
            (0xAC00, 0xD7AF),
            (0x1100, 0x11FF),
            (0x3130, 0x318F),
        ),
        "fonts-wqy-zenhei",
    ),
)
#: The base font: Latin (all of Europe's), Greek and Cyrillic.
BASE_FONT = ScriptFont(
    BASE_FAMILY, "NotoSans-Regular.ttf", "NotoSans-Bold.ttf", (), "fonts-noto-core"
)


def font_dirs():
    return [Path(folder) for folder in vsend_settings.PDF_FONT_DIRS]


@functools.cache
def _font_files():
    """File name -> path of every font file under the font folders (looked for once)."""
    found = {}
    for folder in font_dirs():
        if folder.is_dir():
            for path in sorted(folder.rglob("*.tt[fc]")):
                found.setdefault(path.name, path)
    return found


def missing_packages():
    """Debian packages whose fonts were not found, for the system check."""
    files = _font_files()
    return sorted(
        {font.package for font in (BASE_FONT, *SCRIPT_FONTS) if font.regular not in files}
    )


@functools.cache
def registered_fonts():
    """Register the fonts that are installed with ReportLab and xhtml2pdf, once per process.

    Returns ``(base_family, [ScriptFont, ...])`` of what can be used.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from xhtml2pdf import default

    files = _font_files()

    def register(font):
        if font.regular not in files:
            return False
        regular = TTFont(font.family, str(files[font.regular]), subfontIndex=font.subfont)
        pdfmetrics.registerFont(regular)
        bold_name = font.family
        if font.bold and font.bold in files:
            bold_name = f"{font.family}-Bold"
            pdfmetrics.registerFont(TTFont(bold_name, str(files[font.bold])))
        pdfmetrics.registerFontFamily(
            font.family,
            normal=font.family,
            bold=bold_name,
            italic=font.family,
            boldItalic=bold_name,
        )
        default.DEFAULT_FONT[font.family.lower()] = font.family
        return True

    base = BASE_FAMILY if register(BASE_FONT) else FALLBACK_FAMILY
    return base, [font for font in SCRIPT_FONTS if register(font)]


def _family_of(character, fonts):
    point = ord(character)
    for font in fonts:
        if any(first <= point <= last for first, last in font.ranges):
            return font.family
    return None


def _is_neutral(character):
    """Spaces, punctuation, marks and digits belong to whatever run they sit in."""
    return unicodedata.category(character)[0] in "ZPNSMC"


_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_RAW_TEXT_ELEMENTS = re.compile(r"<(style|title|script)\b", re.IGNORECASE)


def wrap_runs(text, fonts):
    """``text`` (HTML text, no tags) with each run in another script wrapped in a span."""
    out, run, run_family = [], [], None

    def flush():
        if not run:
            return
        chunk = "".join(run)
        out.append(
            f'<span style="font-family: {run_family}">{chunk}</span>' if run_family else chunk
        )
        run.clear()

    for character in text:
        family = None if _is_neutral(character) else _family_of(character, fonts)
        if family != run_family and not _is_neutral(character):
            flush()
            run_family = family
        run.append(character)
    flush()
    return "".join(out)


def fonts_by_script(html, fonts):
    """The rendered HTML with every run of text in a script of ``fonts`` set in its font."""
    if not fonts:
        return html
    parts = _TAG_OR_TEXT.split(html)
    raw = None  # inside <style> or <title>: leave alone
    for index, part in enumerate(parts):
        if part.startswith("<"):
            if raw and part.lower().startswith(f"</{raw}"):
                raw = None
            elif (match := _RAW_TEXT_ELEMENTS.match(part)) and not part.endswith("/>"):
                raw = match.group(1).lower()
        elif part and not raw and not part.isascii():
            parts[index] = wrap_runs(part, fonts)
    return "".join(parts)
