"""Admin: a child's whole record from the children listing, as JSON or as the family's PDF.

For the SEND officers of the child's council and superusers, as the API's
record is. A child of another council answers 404, as if there were none;
someone who is no council's officer, 403. Each download is written to the
access log before the record is read, so the record holds its own export.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.http import content_disposition_header
from django.views import View
from wagtail.admin.widgets import Button

from vsend_plugin.assessments.audit import Action, record_access
from vsend_plugin.assessments.models import Child

from .admin_views import officer_council_ids, officer_councils
from .document import record_of
from .record_pdf import render_record_pdf
from .views import pdf_response


def officers_child(request, pk):
    return get_object_or_404(
        Child.objects.select_related("council", "setting", "locality"),
        pk=pk,
        council__in=officer_councils(request.user),
    )


class ExportRecordView(View):
    """The ``vsend-record/1`` document as a file to save."""

    def get(self, request, pk):
        child = officers_child(request, pk)
        record_access(request, Action.ADMIN_RECORD, child=child)
        body = json.dumps(record_of(child), indent=2, ensure_ascii=False, cls=DjangoJSONEncoder)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = content_disposition_header(
            True, f"record-{child.case_reference}.json"
        )
        return response


class RecordPdfView(View):
    """The PDF the family downloads, for an officer to send or print."""

    def get(self, request, pk):
        child = officers_child(request, pk)
        record_access(request, Action.RECORD_PDF, child=child)
        return pdf_response(child, render_record_pdf(record_of(child)))


def listing_buttons(snippet, user):
    """A row of the children listing: its record as JSON and as PDF, for its council's officers."""
    if not isinstance(snippet, Child) or snippet.council_id not in officer_council_ids(user):
        return []
    return [
        Button(
            "Export record",
            reverse("vsend_records_export", args=[snippet.pk]),
            icon_name="download",
            attrs={"download": ""},
            priority=60,
        ),
        Button(
            "Record PDF",
            reverse("vsend_records_pdf", args=[snippet.pk]),
            icon_name="doc-full",
            attrs={"download": ""},
            priority=61,
        ),
    ]


urlpatterns = [
    path(
        "records/children/<int:pk>/export.json",
        ExportRecordView.as_view(),
        name="vsend_records_export",
    ),
    path(
        "records/children/<int:pk>/record.pdf",
        RecordPdfView.as_view(),
        name="vsend_records_pdf",
    ),
]
