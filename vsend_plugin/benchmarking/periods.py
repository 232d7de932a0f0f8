"""Reporting periods: calendar quarters, written ``2026-Q3``.

Quarters are calendar quarters in the project's time zone (``TIME_ZONE``), so
an assessment made at half past midnight on 1 October in London counts in Q4
though UTC still says 30 September. Always the project's zone, never the one
active for a request (the Wagtail admin activates each user's own), or an
assessment's quarter would depend on who recorded it.
"""

import re
from datetime import datetime

from django.utils import timezone

PERIOD_PATTERN = re.compile(r"(?P<year>[0-9]{4})-Q(?P<quarter>[1-4])")


class PeriodError(ValueError):
    """A period that is not written ``YYYY-Qn``."""


def period_of(moment: datetime) -> str:
    """The quarter a moment falls in, in the project's time zone."""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment, timezone.get_default_timezone())
    return f"{moment.year}-Q{(moment.month - 1) // 3 + 1}"


def parse_period(text) -> tuple[int, int]:
    """``(year, quarter)`` of ``"2026-Q3"``; :class:`PeriodError` with a message otherwise."""
    match = PERIOD_PATTERN.fullmatch(text) if isinstance(text, str) else None
    if match is None or not 1990 <= int(match["year"]) <= 2200:
        raise PeriodError(f"Give a quarter as YEAR-Qn, for example 2026-Q3; got {text!r}.")
    return int(match["year"]), int(match["quarter"])


def period_bounds(period: str) -> tuple[datetime, datetime]:
    """The aware start (inclusive) and end (exclusive) of a quarter."""
    year, quarter = parse_period(period)
    first_month = 3 * (quarter - 1) + 1
    start = datetime(year, first_month, 1)
    end = datetime(year + 1, 1, 1) if quarter == 4 else datetime(year, first_month + 3, 1)
    zone = timezone.get_default_timezone()
    return timezone.make_aware(start, zone), timezone.make_aware(end, zone)


def previous_period(period: str) -> str:
    year, quarter = parse_period(period)
    return f"{year - 1}-Q4" if quarter == 1 else f"{year}-Q{quarter - 1}"


def period_sort_key(period: str) -> tuple[int, int]:
    return parse_period(period)
