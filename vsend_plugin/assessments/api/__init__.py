"""The HTTP API of children and assessments: scoring, reading records, recording a needs mapping.

Laid out as DRF is: :mod:`.fields` and :mod:`.serializers` (what a body
holds and an answer shows), :mod:`.permissions`, :mod:`.throttling`,
:mod:`.pagination`, :mod:`.negotiation`, :mod:`.schema` (OpenAPI parameters
and examples) and :mod:`.views`. ``vsend_plugin.api.urls`` routes to the views
named here.

The endpoints answer to the same rules as the practitioners' pages
(:mod:`vsend_plugin.assessments.views`):

* who may see a child is decided by :mod:`vsend_plugin.core.permissions`
  alone: an officer sees every child of their council, a practitioner or a
  family only the children they are given, an editor none;
* a child the caller may not see is answered exactly like one that does not
  exist (404, or a "No such child." field error in a body), never with a 403
  that would tell them the child is there;
* only a practitioner assigned to a child records a needs mapping of them
  (:func:`vsend_plugin.assessments.access.can_assess`);
* every read of a child's record is written to the access log.

Unlike the pages, the API is not tied to a council's site: it answers for
every council the caller belongs to.
"""

from .permissions import NOT_ASSIGNED
from .schema import SCORE_EXAMPLES
from .throttling import ScoreRateThrottle
from .views import (
    AssessmentCreateView,
    AssessmentPdfView,
    ChildAssessmentsView,
    ChildDetailView,
    ChildListView,
    ScoreView,
)

__all__ = [
    "NOT_ASSIGNED",
    "SCORE_EXAMPLES",
    "AssessmentCreateView",
    "AssessmentPdfView",
    "ChildAssessmentsView",
    "ChildDetailView",
    "ChildListView",
    "ScoreRateThrottle",
    "ScoreView",
]
