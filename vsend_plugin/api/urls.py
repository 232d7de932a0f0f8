from django.urls import path
from drf_spectacular.settings import patched_settings
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from vsend_plugin.assessments import api as assessments
from vsend_plugin.benchmarking import api as benchmarking
from vsend_plugin.core.api import PublicAPIMixin, extend_schema, no_such_endpoint_path
from vsend_plugin.moderation import api as moderation
from vsend_plugin.planning import api as planning
from vsend_plugin.records import api as records

from .schema import DOCS_SETTINGS, SCHEMA_SETTINGS

app_name = "vsend_api"


class SchemaView(PublicAPIMixin, SpectacularAPIView):
    """The OpenAPI schema, for anyone; credentials sent with it are not read."""

    renderer_classes = SpectacularAPIView.renderer_classes
    custom_settings = SCHEMA_SETTINGS

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class DocsView(PublicAPIMixin, SpectacularSwaggerView):
    """The browsable documentation, for anyone."""

    renderer_classes = SpectacularSwaggerView.renderer_classes
    title = SCHEMA_SETTINGS["TITLE"]

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        with patched_settings(DOCS_SETTINGS):
            return super().get(request, *args, **kwargs)


urlpatterns = [
    path("score/", assessments.ScoreView.as_view(), name="score"),
    path("children/", assessments.ChildListView.as_view(), name="child-list"),
    path("children/<int:id>/", records.ChildView.as_view(), name="child-detail"),
    path(
        "children/<int:id>/assessments/",
        assessments.ChildAssessmentsView.as_view(),
        name="child-assessments",
    ),
    path("assessments/", assessments.AssessmentCreateView.as_view(), name="assessment-list"),
    path(
        "assessments/<int:id>/pdf/", assessments.AssessmentPdfView.as_view(), name="assessment-pdf"
    ),
    path("children/<int:id>/plan/", planning.ChildPlanView.as_view(), name="child-plan"),
    path("children/<int:id>/record/", records.ChildRecordView.as_view(), name="child-record"),
    path("children/import/", records.ChildImportView.as_view(), name="child-import"),
    path("forms/<slug:slug>/fhir/", records.FormFhirView.as_view(), name="form-fhir"),
    path(
        "assessments/<int:id>/fhir/", records.AssessmentFhirView.as_view(), name="assessment-fhir"
    ),
    path(
        "children/<int:id>/plan/outcomes/<int:outcome_id>/",
        planning.OutcomeReviewView.as_view(),
        name="child-plan-outcome",
    ),
    path(
        "benchmarks/support/", planning.SupportBenchmarksView.as_view(), name="benchmarks-support"
    ),
    path("benchmarks/", benchmarking.BenchmarksView.as_view(), name="benchmarks"),
    path("moderation/rounds/", moderation.RoundsView.as_view(), name="moderation-rounds"),
    path(
        "moderation/assignments/",
        moderation.AssignmentsView.as_view(),
        name="moderation-assignments",
    ),
    path(
        "moderation/assignments/<int:id>/rating/",
        moderation.AssignmentRatingView.as_view(),
        name="moderation-assignment-rating",
    ),
    path("moderation/agreement/", moderation.AgreementView.as_view(), name="moderation-agreement"),
    path(
        "benchmarks/periods/", benchmarking.BenchmarkPeriodsView.as_view(), name="benchmark-periods"
    ),
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(url_name="vsend_api:schema"), name="docs"),
    no_such_endpoint_path(),
]
