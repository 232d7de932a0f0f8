"""What to generate, checked before anything is written."""

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from django.utils import timezone

#: Generated councils are numbered 1 to 999 (slugs ``synthetic-001`` onwards).
MAX_COUNCILS = 999


class GenerationError(ValueError):
    """A request for synthetic data that cannot be met, said plainly."""


@dataclass(frozen=True)
class Plan:
    """How many councils, children per council and assessments per child, over which quarters.

    Assessments are spread over ``quarters`` calendar quarters ending with
    the one ``until`` falls in (today by default), and none is after
    ``until``. The same plan makes the same children and ratings.
    """

    councils: int
    children: int
    assessments_per_child: int
    quarters: int = 8
    until: date | None = None
    seed: int = 0

    def __post_init__(self):
        for name, low, high in (
            ("councils", 1, MAX_COUNCILS),
            ("children", 1, 10_000_000),
            ("assessments_per_child", 1, 100),
            ("quarters", 1, 80),
        ):
            value = getattr(self, name)
            if not isinstance(value, int) or not low <= value <= high:
                raise GenerationError(
                    f"{name.replace('_', ' ').capitalize()} must be a whole number from {low} to "
                    f"{high:,}; got {value!r}."
                )
        if self.until is not None and self.until > timezone.localdate():
            raise GenerationError(f"The data cannot end in the future; got {self.until}.")

    @cached_property
    def end(self) -> date:
        """The last day with assessments."""
        return self.until or timezone.localdate()

    @cached_property
    def start(self) -> date:
        """The first day of the first quarter."""
        months = 12 * self.end.year + (self.end.month - 1) // 3 * 3 - 3 * (self.quarters - 1)
        return date(months // 12, months % 12 + 1, 1)

    @property
    def assessments(self) -> int:
        return self.councils * self.children * self.assessments_per_child
