from django.urls import path

from . import views

urlpatterns = [
    path("children/", views.ChildListView.as_view(), name="vsend_children"),
    path("children/<int:pk>/", views.ChildDetailView.as_view(), name="vsend_child"),
    path("children/<int:pk>/assess/", views.AssessView.as_view(), name="vsend_assess"),
    path("assessments/<int:pk>/pdf/", views.PdfSummaryView.as_view(), name="vsend_assessment_pdf"),
]
