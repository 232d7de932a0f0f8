"""Quarters follow London's calendar, whatever UTC or an active time zone says."""

from datetime import UTC, datetime

import pytest
from django.utils import timezone

from vsend_plugin.benchmarking.periods import (
    PeriodError,
    parse_period,
    period_bounds,
    period_of,
    previous_period,
)


@pytest.mark.parametrize(
    ("moment", "period"),
    [
        # British Summer Time: half past eleven UTC is already the next day in London.
        (datetime(2026, 3, 31, 22, 59, tzinfo=UTC), "2026-Q1"),
        (datetime(2026, 3, 31, 23, 30, tzinfo=UTC), "2026-Q2"),
        (datetime(2026, 6, 30, 23, 30, tzinfo=UTC), "2026-Q3"),
        (datetime(2026, 9, 30, 23, 0, tzinfo=UTC), "2026-Q4"),
        # Greenwich Mean Time: London and UTC agree.
        (datetime(2026, 12, 31, 23, 59, tzinfo=UTC), "2026-Q4"),
        (datetime(2027, 1, 1, 0, 0, tzinfo=UTC), "2027-Q1"),
    ],
)
def test_a_moment_falls_in_its_london_quarter(moment, period):
    assert period_of(moment) == period


def test_an_active_time_zone_does_not_move_a_quarter():
    """A request may run in another zone; the quarter of an assessment stays London's."""
    moment = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)  # 00:30 on 1 July in London
    for zone in ("America/New_York", "Asia/Tokyo", "UTC"):
        with timezone.override(zone):
            assert period_of(moment) == "2026-Q3"
            assert period_bounds("2026-Q3")[0] == datetime(2026, 6, 30, 23, 0, tzinfo=UTC)


def test_bounds_are_london_midnights_and_meet():
    start, end = period_bounds("2026-Q2")
    assert start == datetime(2026, 3, 31, 23, 0, tzinfo=UTC)  # BST began on 29 March
    assert end == datetime(2026, 6, 30, 23, 0, tzinfo=UTC)
    assert period_bounds("2026-Q3")[0] == end
    assert period_bounds("2026-Q4") == (
        datetime(2026, 9, 30, 23, 0, tzinfo=UTC),
        datetime(2027, 1, 1, 0, 0, tzinfo=UTC),
    )
    assert period_of(start) == "2026-Q2"
    assert period_of(end - timezone.timedelta(microseconds=1)) == "2026-Q2"


def test_previous_period_crosses_the_year():
    assert previous_period("2026-Q1") == "2025-Q4"
    assert previous_period("2026-Q3") == "2026-Q2"


@pytest.mark.parametrize(
    "text",
    [
        "",
        None,
        2026,
        "2026-Q5",
        "2026-Q0",
        "2026Q3",
        "26-Q3",
        "2026-q3",
        " 2026-Q3",
        "2026-Q3\n",
        "\u0662\u0660\u0662\u0666-Q3",
        "1800-Q1",
    ],
)
def test_anything_but_a_quarter_is_a_period_error_naming_it(text):
    with pytest.raises(PeriodError) as error:
        parse_period(text)
    assert repr(text) in str(error.value)
    assert "2026-Q3" in str(error.value)  # the message shows how to write one
