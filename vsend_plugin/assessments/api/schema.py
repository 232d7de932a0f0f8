"""What the OpenAPI schema adds to the views: path parameters and examples.

The examples are scored by the scoring module itself, so they cannot go stale.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter

from vsend_plugin.scoring import ScoringError, score

from .serializers import RATING_SECTIONS

CHILD_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="A child's id."
)
ASSESSMENT_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="An assessment's id."
)
RETRY_AFTER = OpenApiParameter(
    "Retry-After",
    OpenApiTypes.INT,
    OpenApiParameter.HEADER,
    response=[202],
    description="Seconds to wait before asking again.",
)

EXAMPLE_INPUT = {
    "need": {
        "CI.receptive": 1,
        "CI.expressive": 2,
        "CI.social": 3,
        "CL.literacy": 2,
        "CL.numeracy": 1,
        "CL.processing": 2,
        "SEMH.regulation": 2,
        "SEMH.wellbeing": 1,
        "SEMH.relationships": 1,
        "SP.hearing": 0,
        "SP.vision": 0,
        "SP.physical": 1,
        "SP.sensory": 1,
        "SP.health": None,
        "IND.selfcare": 1,
        "IND.travel": 1,
        "IND.choices": 1,
        "IND.community": 0,
    },
    "provision": {"CI": 2, "CL": 2, "SEMH": 1, "SP": 1, "IND": 1},
    "family_confidence": {"CI": 2, "CL": 3, "SEMH": 1, "SP": 4, "IND": 3},
}
EXAMPLE_BAD_INPUT = {
    "need": {"CI.receptive": 5, "CI.listening": 2, "CL.literacy": "2", "SEMH.wellbeing": 2.0},
    "provision": [1, 2],
}


def _example_errors():
    try:
        score(*(EXAMPLE_BAD_INPUT.get(section) for section in RATING_SECTIONS))
    except ScoringError as error:
        return error.errors
    raise AssertionError("the bad example scored")  # pragma: no cover


SCORE_EXAMPLES = [
    OpenApiExample("A needs mapping", value=EXAMPLE_INPUT, request_only=True),
    OpenApiExample(
        "Its profile",
        value=score(*(EXAMPLE_INPUT[section] for section in RATING_SECTIONS)).as_dict(),
        response_only=True,
        status_codes=["200"],
    ),
    OpenApiExample("Ratings that cannot be scored", value=EXAMPLE_BAD_INPUT, request_only=True),
    OpenApiExample(
        "Every problem sorted by field",
        value={"errors": _example_errors()},
        response_only=True,
        status_codes=["400"],
    ),
]
