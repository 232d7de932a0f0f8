"""Text in charts: how wide it will be, how to wrap it, and how numbers are written.

SVG has no text layout, so labels are placed from an estimate of their width
in Helvetica (the font both browsers and xhtml2pdf fall back to). Exact
metrics are not needed, only enough to keep labels from running into each
other.
"""

__all__ = ["format_number", "text_width", "wrap"]

# Rough Helvetica advance widths, in ems.
NARROW = frozenset("iljtfI.,:;'!|() ")
WIDE = frozenset("mwMW@")


def text_width(text: str, size: float) -> float:
    """The estimated width of ``text`` at font size ``size``, in the same units."""
    total = 0.0
    for char in text:
        if char in NARROW:
            total += 0.3
        elif char in WIDE:
            total += 0.85
        elif char.isupper():
            total += 0.64
        elif char.isdigit():
            total += 0.556
        else:
            total += 0.52
    return total * size


def wrap(text: str, width: float, size: float) -> list[str]:
    """``text`` broken into lines at spaces, each no wider than ``width`` where words allow.

    A word longer than the width has a line to itself; empty text is one empty line.
    """
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and text_width(candidate, size) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines or [""]


def format_number(value: float) -> str:
    """A coordinate or plain value to at most two decimal places, without trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
