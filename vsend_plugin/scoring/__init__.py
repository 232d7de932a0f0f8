"""The shared scoring scheme that makes councils' results comparable.

Councils word, order and illustrate their needs-mapping forms however they
like, but every scored question binds to one of the canonical indicators of
the scheme ``vsend-core/1`` and is rated on its 0 to 4 level scale. This
package turns those ratings into a profile (:func:`score`), compares two
profiles of a child (:func:`compare`) and aggregates a group of children for
benchmarking, with disclosure control (:func:`aggregate`, and
:func:`aggregate_groups` for many groups of one population at once).

It imports nothing outside the Python standard library, on purpose: anyone
(another council, a researcher, an auditor) can check a published figure
against the normative spec and its conformance vectors without installing
Django or Wagtail. Keep it that way.

    >>> from vsend_plugin.scoring import score
    >>> profile = score({"CI.receptive": 2, "CI.expressive": 1})
    >>> profile.areas["CI"].level, profile.complete
    (2, False)
"""

from .aggregates import (
    DEFAULT_MIN_GROUP,
    MIN_GROUP_FLOOR,
    Aggregate,
    AreaAverages,
    AssessmentRecord,
    aggregate,
    complete_histories,
)
from .comparison import AreaChange, Comparison, area_direction, compare
from .errors import ScoringError
from .grouping import aggregate_groups
from .profile import AreaResult, Profile, score
from .scheme import (
    AREA_CODES,
    AREAS,
    BANDS,
    INDICATORS,
    LEVELS,
    SCHEME,
    WEIGHTS,
    Area,
    Band,
    Indicator,
    Level,
)

__all__ = [
    "AREAS",
    "AREA_CODES",
    "BANDS",
    "DEFAULT_MIN_GROUP",
    "INDICATORS",
    "LEVELS",
    "MIN_GROUP_FLOOR",
    "SCHEME",
    "WEIGHTS",
    "Aggregate",
    "Area",
    "AreaAverages",
    "AreaChange",
    "AreaResult",
    "AssessmentRecord",
    "Band",
    "Comparison",
    "Indicator",
    "Level",
    "Profile",
    "ScoringError",
    "aggregate",
    "aggregate_groups",
    "area_direction",
    "compare",
    "complete_histories",
    "score",
]
