"""The one problem type of the forms library, and the error that carries them.

Every reader of library files (forms, toolkit pages, the catalogue) reports
what is wrong as :class:`Problem` values, each naming the file, the line and
the place in the file, so that an editor can go straight to it and a command
can print them one per line.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a library file: ``core.yaml, line 12, fields[3].indicator: ...``."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self):
        where = f", line {self.line}" if self.line else ""
        return f"{self.file}{where}, {self.field}: {self.message}"


class LibraryError(Exception):
    """A library file that cannot be used; ``problems`` lists every reason, in file order."""

    def __init__(self, problems):
        self.problems = sorted(problems, key=lambda problem: problem.line or 0)
        super().__init__("\n".join(str(problem) for problem in self.problems))
