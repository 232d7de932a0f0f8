"""Each chart in a PDF is parsed from SVG once, not at every use.

xhtml2pdf hands an SVG image to svglib when it sizes the image and again
each time it draws it, and a document with "page N of M" is laid out twice:
three parses of every chart, about a third of a summary's render time.
:func:`install` puts :func:`parse_once` in svglib's place for xhtml2pdf: the
parsed drawing of recent charts is kept by their bytes, and each use gets its
own copy, because xhtml2pdf scales the drawing it is given. The copy is
shallow: scaling sets the drawing's own transform, and nothing in xhtml2pdf
or ReportLab's renderer changes the shapes inside, which are shared.
"""

import copy
import functools
from io import BytesIO

#: Charts kept parsed: a few documents' worth, for a worker making one after another.
KEPT = 32


@functools.lru_cache(maxsize=KEPT)
def _parsed(data: bytes, resolve_entities: bool):
    from svglib.svglib import svg2rlg

    return svg2rlg(BytesIO(data), resolve_entities=resolve_entities)


def parse_once(source, resolve_entities=False, **options):
    """svglib's ``svg2rlg`` for a file-like ``source``, its parse kept for the next use."""
    if options or not hasattr(source, "getvalue"):
        from svglib.svglib import svg2rlg

        return svg2rlg(source, resolve_entities=resolve_entities, **options)
    drawing = _parsed(source.getvalue(), resolve_entities)
    return copy.copy(drawing) if drawing is not None else None


def install():
    """Let xhtml2pdf parse SVG through :func:`parse_once` (idempotent)."""
    from xhtml2pdf import xhtml2pdf_reportlab

    if xhtml2pdf_reportlab.svg2rlg is not None:
        xhtml2pdf_reportlab.svg2rlg = parse_once
