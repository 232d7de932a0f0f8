"""The records app's pages on a council's site; included by ``vsend_plugin.urls``."""

from django.urls import path

from . import views

urlpatterns = [
    path("children/<int:pk>/record.pdf", views.RecordPdfView.as_view(), name="vsend_record_pdf"),
]
