"""The one chart palette: every colour that means something can be seen on white."""

import pytest

from vsend_plugin.charts import (
    DATA_COLOURS,
    SECONDARY_TEXT,
    SERIES_STYLES,
    TEXT,
    WHITE,
    contrast_ratio,
    ink_on,
    shade,
)
from vsend_plugin.charts.palette import DARK_BLUE


@pytest.mark.parametrize("colour", DATA_COLOURS + tuple(style.colour for style in SERIES_STYLES))
def test_every_meaningful_colour_has_at_least_3_to_1_contrast_on_white(colour):
    """WCAG 1.4.11, non-text contrast; vsend holds its marks to the 4.5:1 of text as well."""
    assert contrast_ratio(colour, WHITE) >= 3
    assert contrast_ratio(colour, WHITE) >= 4.5


@pytest.mark.parametrize("colour", [TEXT, SECONDARY_TEXT])
def test_chart_text_has_at_least_4_5_to_1_contrast_on_white(colour):
    assert contrast_ratio(colour, WHITE) >= 4.5


def test_contrast_follows_the_wcag_definition():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21)
    assert contrast_ratio("#1d70b8", "#1d70b8") == pytest.approx(1)
    # GOV.UK orange is known to fail on white; the palette's orange must not be it.
    assert contrast_ratio("#f47738", WHITE) < 3


def test_series_differ_in_colour_marker_and_dash_so_colour_is_never_alone():
    assert len(SERIES_STYLES) == 5
    for attribute in ("colour", "marker", "dash_name"):
        assert len({getattr(style, attribute) for style in SERIES_STYLES}) == 5, attribute


def test_text_on_a_shade_is_written_in_whichever_ink_reads_better():
    for share in (0, 0.2, 0.4, 0.6, 0.8, 1):
        fill = shade(share)
        ink = ink_on(fill)
        assert contrast_ratio(fill, ink) >= 4.5, (fill, ink)
    assert ink_on(WHITE) == TEXT and ink_on(DARK_BLUE) == WHITE


def test_shades_run_from_white_to_dark_blue_and_stay_in_range():
    assert shade(0) == WHITE and shade(1) == DARK_BLUE
    assert shade(-1) == WHITE and shade(2) == DARK_BLUE
