from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from vsend_plugin.assessments import api as assessments
from vsend_plugin.benchmarking import api as benchmarking
from vsend_plugin.core.api import PublicAPIMixin

app_name = "vsend_api"


class SchemaView(PublicAPIMixin, SpectacularAPIView):
    """The OpenAPI schema, for anyone; credentials sent with it are not read."""


class DocsView(PublicAPIMixin, SpectacularSwaggerView):
    """The browsable documentation, for anyone."""


urlpatterns = [
    path("score/", assessments.ScoreView.as_view(), name="score"),
    path("children/", assessments.ChildListView.as_view(), name="child-list"),
    path("children/<int:id>/", assessments.ChildDetailView.as_view(), name="child-detail"),
    path(
        "children/<int:id>/assessments/",
        assessments.ChildAssessmentsView.as_view(),
        name="child-assessments",
    ),
    path("assessments/", assessments.AssessmentCreateView.as_view(), name="assessment-list"),
    path(
        "assessments/<int:id>/pdf/", assessments.AssessmentPdfView.as_view(), name="assessment-pdf"
    ),
    path("benchmarks/", benchmarking.BenchmarksView.as_view(), name="benchmarks"),
    path(
        "benchmarks/periods/", benchmarking.BenchmarkPeriodsView.as_view(), name="benchmark-periods"
    ),
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(url_name="vsend_api:schema"), name="docs"),
]
