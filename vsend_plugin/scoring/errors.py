"""The one exception the scoring package raises for bad input.

Every problem found in one input is reported at once, as a list of
``{"field": ..., "message": ...}`` sorted by field: the same shape the HTTP API
returns with a 400, so views can pass ``error.errors`` straight through and a
person fixing a form sees everything that is wrong in one go.
"""

from numbers import Number


class ScoringError(Exception):
    """Input that cannot be scored, compared or aggregated.

    ``errors`` is a list of ``{"field": ..., "message": ...}`` dicts, sorted by
    field. Messages are plain English sentences meant for the person who
    filled in the form, not for a developer.
    """

    def __init__(self, errors):
        self.errors = sorted(
            ({"field": str(error["field"]), "message": str(error["message"])} for error in errors),
            key=lambda error: error["field"],
        )
        super().__init__(
            "; ".join(f"{error['field']}: {error['message']}" for error in self.errors)
        )

    @classmethod
    def single(cls, field, message):
        """The common case of one problem with one field."""
        return cls([{"field": field, "message": message}])

    @property
    def fields(self):
        """The fields with a problem, in the order they are reported."""
        return [error["field"] for error in self.errors]


def describe(value):
    """A short, JSON-flavoured rendering of a bad value for an error message.

    Values mostly arrive as JSON, so ``true`` reads better than ``True`` and a
    quoted string makes it obvious that ``"3"`` is text, not a number.
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return f'"{text}" (text)'
    if isinstance(value, Number):
        return str(value)
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, (list, tuple)):
        return "a list"
    return f"a value of type {type(value).__name__}"
