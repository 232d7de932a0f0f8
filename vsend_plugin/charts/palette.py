"""One accessible palette for every vsend chart: GOV.UK colours, checked for contrast.

Every colour that carries meaning (a bar, a line, a marker) has a contrast
ratio of at least 4.5:1 on white, more than the 3:1 WCAG asks of graphics, so
that the same colour can also be used for text beside its mark. Series never
rely on colour alone: each :class:`SeriesStyle` also has a marker shape and a
line dash pattern. Fills behind text (:data:`SUPPRESSED_FILL`,
:data:`EMPHASIS_FILL`) and gridlines are pale on purpose and carry no meaning.

The contrast functions follow WCAG 2.2's definitions of relative luminance
and contrast ratio, so tests and charts work out the same numbers.
"""

from dataclasses import dataclass

__all__ = [
    "AXIS",
    "BLUE",
    "DARK_BLUE",
    "DATA_COLOURS",
    "EMPHASIS_FILL",
    "GREEN",
    "GRID",
    "ORANGE",
    "PURPLE",
    "RED",
    "SECONDARY_TEXT",
    "SERIES_STYLES",
    "SUPPRESSED_FILL",
    "TEXT",
    "WHITE",
    "SeriesStyle",
    "contrast_ratio",
    "ink_on",
    "relative_luminance",
    "shade",
]

TEXT = "#0b0c0c"  # GOV.UK text colour
SECONDARY_TEXT = "#505a5f"  # GOV.UK secondary text, 7:1 on white
AXIS = "#505a5f"
GRID = "#cecece"  # gridlines only: pale so that they stay behind the marks
WHITE = "#ffffff"
SUPPRESSED_FILL = "#f3f2f1"  # GOV.UK light grey, behind the word "suppressed"
EMPHASIS_FILL = "#e8f1f8"  # a pale GOV.UK blue behind an emphasised row

BLUE = "#1d70b8"
DARK_BLUE = "#003078"
RED = "#d4351c"
GREEN = "#00703c"
# GOV.UK orange (#f47738) is only 2.8:1 on white, so a darker orange (5:1) stands in for it.
ORANGE = "#b65200"
PURPLE = "#4c2c92"


@dataclass(frozen=True, slots=True)
class SeriesStyle:
    """How one series is drawn: a colour, a marker shape and a line dash pattern."""

    colour: str
    marker: str  # circle, square, triangle, triangle-down or diamond
    dash: str | None  # an SVG stroke-dasharray, or None for a solid line
    dash_name: str


#: Styles for up to five series, told apart by shape and dash as well as colour.
SERIES_STYLES = (
    SeriesStyle(BLUE, "circle", None, "solid"),
    SeriesStyle(RED, "square", "10 5", "dashed"),
    SeriesStyle(GREEN, "triangle", "2 3", "dotted"),
    SeriesStyle(ORANGE, "diamond", "10 3 2 3", "dash-dot"),
    SeriesStyle(PURPLE, "triangle-down", "6 3 2 3 2 3", "dash-dot-dot"),
)

#: Every colour a chart may give meaning to; each is held to 4.5:1 on white by the tests.
DATA_COLOURS = (BLUE, DARK_BLUE, RED, GREEN, ORANGE, PURPLE, SECONDARY_TEXT, TEXT)


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of a ``#rrggbb`` colour, from 0 (black) to 1 (white)."""

    def channel(hex_pair):
        value = int(hex_pair, 16) / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(colour[index : index + 2]) for index in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(one: str, other: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours, from 1 to 21."""
    lighter, darker = sorted((relative_luminance(one), relative_luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def ink_on(fill: str) -> str:
    """Text colour for writing on ``fill``: black or white, whichever contrasts more."""
    return TEXT if contrast_ratio(fill, TEXT) >= contrast_ratio(fill, WHITE) else WHITE


def shade(share: float, start: str = WHITE, end: str = DARK_BLUE) -> str:
    """A colour ``share`` (0 to 1) of the way from ``start`` to ``end``: white to dark blue."""
    share = min(max(share, 0.0), 1.0)
    ends = [[int(colour[index : index + 2], 16) for index in (1, 3, 5)] for colour in (start, end)]
    red, green, blue = (round(a + (b - a) * share) for a, b in zip(*ends, strict=True))
    return f"#{red:02x}{green:02x}{blue:02x}"
