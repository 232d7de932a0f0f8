"""Labels in charts: estimated widths, wrapping and numbers as written."""

from vsend_plugin.charts import format_number, text_width, wrap

NAME = "Social, emotional and mental health"


def test_wide_letters_take_more_room_than_narrow_ones_and_size_scales():
    assert text_width("mmmm", 12) > text_width("MMMM", 12) * 0.9 > text_width("iiii", 12)
    assert text_width(NAME, 24) == 2 * text_width(NAME, 12)
    assert text_width("", 12) == 0


def test_wrapped_lines_fit_the_width_and_keep_every_word_in_order():
    lines = wrap(NAME, 100, 12)
    assert len(lines) > 1
    assert all(text_width(line, 12) <= 100 for line in lines)
    assert " ".join(lines) == NAME


def test_text_that_fits_is_one_line():
    assert wrap(NAME, 1000, 12) == [NAME]


def test_a_word_longer_than_the_width_has_a_line_of_its_own():
    assert wrap("a Supercalifragilistic b", 30, 12) == ["a", "Supercalifragilistic", "b"]


def test_empty_text_is_one_empty_line():
    assert wrap("", 100, 12) == [""]
    assert wrap("   ", 100, 12) == [""]


def test_numbers_are_written_to_two_places_without_trailing_zeros():
    assert [format_number(value) for value in (3, 2.5, 2.125, 1 / 3, 0.0, -0.001, -1.5)] == [
        "3",
        "2.5",
        "2.12",
        "0.33",
        "0",
        "0",
        "-1.5",
    ]
