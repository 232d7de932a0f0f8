"""A small writer of standalone SVG documents that are accessible and print in PDFs.

Charts are written as SVG text by hand rather than by a plotting library, for
two reasons:

- accessibility: the document is ``role="img"`` with a ``<title>`` and a
  ``<desc>`` (named by ``aria-labelledby``) that say in words what the chart
  shows, so a screen reader user gets the same facts;
- PDFs: xhtml2pdf draws SVG images with svglib, as vectors. Only elements and
  attributes svglib understands are used (no CSS, scripts, clip paths or
  patterns), and every chart has a white background covering its whole
  canvas, because xhtml2pdf sizes an SVG image by the bounds of what is drawn.

Every text and attribute value is escaped, so names people typed are safe.
"""

import base64
import hashlib
from collections.abc import Mapping
from xml.sax.saxutils import escape, quoteattr

from .palette import TEXT, WHITE
from .text import format_number

__all__ = ["FONT_FAMILY", "MARKER_SHAPES", "Canvas", "svg_data_uri"]

FONT_FAMILY = "Helvetica, Arial, sans-serif"
MARKER_SHAPES = ("circle", "square", "triangle", "triangle-down", "diamond")


def svg_data_uri(svg: str) -> str:
    """The SVG as a base64 ``data:`` URI, for an ``<img src>`` in HTML or a PDF."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _attributes(attributes: Mapping) -> str:
    return "".join(
        f" {key}={quoteattr(str(value))}" for key, value in attributes.items() if value is not None
    )


class Canvas:
    """One chart being drawn: shapes and text added in order, then :meth:`render`.

    ``title`` and ``description`` become the ``<title>`` and ``<desc>``. Their
    ids start with ``id_prefix``, or with ``vsend-<kind>-`` and a digest of the
    text, so that several charts on one page never share an id. A ``fluid``
    chart is as wide as its container (``width="100%"``), scaled by its
    ``viewBox``.
    """

    def __init__(self, width, height, title, description, *, kind, id_prefix=None, fluid=False):
        self.width, self.height = width, height
        self.title, self.description = title, description
        self.fluid = fluid
        if id_prefix is None:
            digest = hashlib.sha1(f"{kind}\n{title}\n{description}".encode()).hexdigest()[:10]
            id_prefix = f"vsend-{kind}-{digest}"
        self.id_prefix = id_prefix
        self.parts: list[str] = []

    # Structure.

    def element(self, name, attributes):
        """An empty element, ``<name …/>``; attributes that are ``None`` are left out."""
        self.parts.append(f"<{name}{_attributes(attributes)}/>")

    def open_group(self, attributes):
        self.parts.append(f"<g{_attributes(attributes)}>")

    def close_group(self):
        self.parts.append("</g>")

    # Shapes.

    def line(self, x1, y1, x2, y2, *, stroke, width, dash=None):
        self.element(
            "line",
            {
                "x1": format_number(x1),
                "y1": format_number(y1),
                "x2": format_number(x2),
                "y2": format_number(y2),
                "stroke": stroke,
                "stroke-width": format_number(width),
                "stroke-dasharray": dash,
            },
        )

    def polyline(self, points, *, stroke, width, dash=None):
        self.element(
            "polyline",
            {
                "class": "line",
                "points": " ".join(f"{format_number(x)},{format_number(y)}" for x, y in points),
                "fill": "none",
                "stroke": stroke,
                "stroke-width": format_number(width),
                "stroke-dasharray": dash,
                "stroke-linejoin": "round",
                "stroke-linecap": "round" if dash == "2 3" else "butt",
            },
        )

    def rect(self, x, y, w, h, *, fill, stroke=None, cls=None, stroke_width="1.5", dash=None):
        self.element(
            "rect",
            {
                "class": cls,
                "x": format_number(x),
                "y": format_number(y),
                "width": format_number(w),
                "height": format_number(h),
                "fill": fill,
                "stroke": stroke,
                "stroke-width": stroke_width if stroke else None,
                "stroke-dasharray": dash,
            },
        )

    def path(self, points, *, fill, closed=True):
        """A filled outline through ``points``, ``[(x, y), …]``."""
        d = "M " + " L ".join(f"{format_number(x)} {format_number(y)}" for x, y in points)
        self.element("path", {"d": d + (" Z" if closed else ""), "fill": fill})

    def hatched_rect(self, x, y, w, h, colour):
        """An outlined box with diagonal stripes: a part told apart without colour."""
        self.open_group({"class": "gap"})
        self.rect(x, y, w, h, fill=WHITE)
        spacing = 5.0
        # Lines x + t = c for a sweep of c, clipped to the box by hand (svglib
        # has no clip paths on plain shapes, and no patterns).
        strokes = []
        c = x - h
        while c < x + w:
            x_start, y_start = max(x, c), y + h - max(0.0, x - c)
            x_end = min(x + w, c + h)
            y_end = y + h - (x_end - c)
            if x_end > x_start:
                strokes.append(
                    f"M {format_number(x_start)} {format_number(y_start)} "
                    f"L {format_number(x_end)} {format_number(y_end)}"
                )
            c += spacing
        if strokes:
            # One path for all the stripes: far quicker for svglib than many lines.
            self.element(
                "path",
                {"d": " ".join(strokes), "fill": "none", "stroke": colour, "stroke-width": "1.5"},
            )
        self.rect(x + 0.75, y + 0.75, max(w - 1.5, 0), h - 1.5, fill="none", stroke=colour)
        self.close_group()

    def marker(self, shape, x, y, colour, size=5.5):
        """A point marker of one of :data:`MARKER_SHAPES`, centred on ``(x, y)``."""
        attributes = {
            "class": "marker",
            "data-shape": shape,
            "fill": colour,
            "stroke": WHITE,
            "stroke-width": "1",
        }
        s = size
        if shape == "circle":
            self.element(
                "circle",
                {
                    **attributes,
                    "cx": format_number(x),
                    "cy": format_number(y),
                    "r": format_number(s),
                },
            )
            return
        if shape == "square":
            corners = [
                (x - s * 0.9, y - s * 0.9),
                (x + s * 0.9, y - s * 0.9),
                (x + s * 0.9, y + s * 0.9),
                (x - s * 0.9, y + s * 0.9),
            ]
        elif shape == "triangle":
            corners = [(x, y - s * 1.2), (x + s * 1.1, y + s * 0.8), (x - s * 1.1, y + s * 0.8)]
        elif shape == "triangle-down":
            corners = [(x, y + s * 1.2), (x + s * 1.1, y - s * 0.8), (x - s * 1.1, y - s * 0.8)]
        elif shape == "diamond":
            corners = [(x, y - s * 1.3), (x + s * 1.1, y), (x, y + s * 1.3), (x - s * 1.1, y)]
        else:
            raise ValueError(f"No marker shape {shape!r}: use one of {', '.join(MARKER_SHAPES)}.")
        d = "M " + " L ".join(f"{format_number(cx)} {format_number(cy)}" for cx, cy in corners)
        self.element("path", {**attributes, "d": d + " Z"})

    def text(self, x, y, content, *, size, anchor=None, fill=TEXT, bold=False, italic=False):
        attributes = {
            "x": format_number(x),
            "y": format_number(y),
            "font-size": format_number(size),
            "fill": fill,
            "text-anchor": anchor,
            "font-weight": "bold" if bold else None,
            "font-style": "italic" if italic else None,
        }
        self.parts.append(f"<text{_attributes(attributes)}>{escape(str(content))}</text>")

    # The document.

    @property
    def title_id(self):
        return f"{self.id_prefix}-title"

    @property
    def description_id(self):
        return f"{self.id_prefix}-desc"

    def render(self) -> str:
        """The whole SVG document, background first, then everything drawn in order."""
        root = {
            "xmlns": "http://www.w3.org/2000/svg",
            "role": "img",
            "width": "100%" if self.fluid else str(self.width),
            "height": None if self.fluid else str(self.height),
            "viewBox": f"0 0 {self.width} {self.height}",
            "aria-labelledby": f"{self.title_id} {self.description_id}",
            "font-family": FONT_FAMILY,
        }
        return "".join(
            [
                f"<svg{_attributes(root)}>",
                f"<title id={quoteattr(self.title_id)}>{escape(str(self.title))}</title>",
                f"<desc id={quoteattr(self.description_id)}>{escape(str(self.description))}</desc>",
                f'<rect x="0" y="0" width="{self.width}" height="{self.height}" fill="{WHITE}"/>',
                *self.parts,
                "</svg>\n",
            ]
        )
