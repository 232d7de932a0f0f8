"""docs/settings.md documents exactly vsend's settings, each with its default.

A setting added to ``vsend_plugin.conf.DEFAULTS`` without a section in the
reference fails here, and so does a section left behind for a setting that
has gone.
"""

import re
from pathlib import Path

from vsend_plugin.conf import vsend_settings

REFERENCE = Path(__file__).resolve().parents[2] / "docs" / "settings.md"
SETTING_HEADING = re.compile(r"^### `(VSEND_[A-Z0-9_]+)`\s*$", re.MULTILINE)


def documented_sections():
    """``{name: the text under its heading}`` of every setting the reference documents."""
    text = REFERENCE.read_text()
    headings = list(SETTING_HEADING.finditer(text))
    ends = [heading.start() for heading in headings[1:]] + [len(text)]
    return {
        heading.group(1): text[heading.end() : end].split("\n## ")[0]
        for heading, end in zip(headings, ends, strict=True)
    }


def test_the_reference_lists_exactly_vsends_settings():
    documented = set(documented_sections())
    settings = set(vsend_settings.names())
    missing = sorted(settings - documented)
    gone = sorted(documented - settings)
    assert not missing and not gone, (
        f"docs/settings.md: add a section (### `NAME`, its default and meaning) for "
        f"{', '.join(missing) or 'none'}; remove the sections of {', '.join(gone) or 'none'}, "
        "which are not in vsend_plugin.conf.DEFAULTS."
    )


def test_every_setting_says_its_default():
    without = sorted(
        name for name, text in documented_sections().items() if "\nDefault: " not in text
    )
    assert not without, f"docs/settings.md: say the default (a line 'Default: ...') of {without}"
