"""A section's table: the one set of figures behind its charts, its page table and its CSV.

Each section is one :class:`Table`, so that the page, the chart's text
alternative and the CSV download say the same numbers in the same words, and
a missing figure is always named (see :mod:`..missing`), never shown as 0.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats, timezone

from ..missing import EXPLANATIONS, Missing

__all__ = ["Column", "Table", "cell_text"]


@dataclass(frozen=True, slots=True)
class Column:
    heading: str
    kind: str = "text"  # text, count, mean, correlation, percent or time

    @property
    def numeric(self):
        return self.kind != "text"


def cell_text(value, kind="text") -> str:
    """A cell as the page and the CSV write it."""
    if isinstance(value, Missing):
        return str(value)
    if value is None:
        return ""
    if kind == "count":
        return str(int(value))
    if kind in ("mean", "correlation"):
        return f"{Decimal(str(value)).quantize(Decimal('0.01'), ROUND_HALF_UP)}"
    if kind == "percent":
        return f"{value}"
    if kind == "time":
        return formats.date_format(timezone.localtime(value), "j M Y, H:i")
    return str(value)


@dataclass
class Table:
    caption: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)
    #: Rows to emphasise, by index (this council among others).
    emphasised: frozenset = frozenset()

    def text_rows(self):
        return [
            [cell_text(value, column.kind) for value, column in zip(row, self.columns, strict=True)]
            for row in self.rows
        ]

    def html_rows(self):
        """Rows for the template: each cell with its text, whether numeric, and why missing."""
        return [
            {
                "emphasis": index in self.emphasised,
                "cells": [
                    {
                        "text": cell_text(value, column.kind),
                        "numeric": column.numeric,
                        "missing": value.name.lower() if isinstance(value, Missing) else "",
                        "header": position == 0,
                    }
                    for position, (value, column) in enumerate(zip(row, self.columns, strict=True))
                ],
            }
            for index, row in enumerate(self.rows)
        ]

    def notes(self):
        """What each kind of missing figure in the table means, for those that occur."""
        found = {value for row in self.rows for value in row if isinstance(value, Missing)}
        return [EXPLANATIONS[reason] for reason in Missing if reason in found]
