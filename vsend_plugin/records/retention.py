"""How long a child's record is kept, and which records are past it.

A record is kept until the end of the school year (31 August) in which the
child turns ``VSEND_RETENTION_AGE`` (25 by default, the last age an EHC plan
can run). A child born in September to December turns that age in the school
year that ends the following August. Only the month and year of birth are
stored, which is all this needs.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from vsend_plugin.assessments.models import Child
from vsend_plugin.conf import vsend_settings

from .erasure import erase_child

SCHOOL_YEAR_STARTS = 9  # September


def kept_until(birth_year, birth_month, age=None):
    """The last day a record of a child born then is kept: 31 August of a school year."""
    age = vsend_settings.RETENTION_AGE if age is None else age
    year = birth_year + age + (1 if birth_month >= SCHOOL_YEAR_STARTS else 0)
    return date(year, 8, 31)


def last_birth_year_due(today, age):
    """The latest birth year that may be due on ``today``, to narrow the query."""
    return today.year - age


@dataclass(frozen=True)
class Due:
    child: Child
    kept_until: date


def due_for_erasure(councils=None, *, today=None):
    """Children whose records are past their retention on ``today``, oldest first."""
    today = today or timezone.localdate()
    age = vsend_settings.RETENTION_AGE
    children = Child.objects.filter(birth_year__lte=last_birth_year_due(today, age))
    if councils is not None:
        children = children.filter(council__in=councils)
    found = []
    for child in children.select_related("council", "setting").order_by(
        "birth_year", "birth_month", "pk"
    ):
        until = kept_until(child.birth_year, child.birth_month, age)
        if until < today:
            found.append(Due(child, until))
    return found


def apply_retention(councils=None, *, today=None, progress=None):
    """Erase every record past its retention; returns how many. ``progress(done, child)``."""
    due = due_for_erasure(councils, today=today)
    for done, item in enumerate(due, start=1):
        erase_child(item.child)
        if progress is not None:
            progress(done, item.child)
    return len(due)
