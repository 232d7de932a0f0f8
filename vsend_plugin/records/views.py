"""The whole record of a child as a PDF, on the council's site: for the family and SEND officers.

A family may ask for everything the council holds about their child at any
time (a subject access request), so they download it themselves rather than
write in. The council's SEND officers may too; a practitioner working with
the child may not (it holds the access log and second ratings), and gets a
403. A child the user may not see at all, or another council's, is a 404.
Every download is written to the access log, before the record is read, so
the PDF lists its own download.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views import View

from vsend_plugin.assessments.access import child_for
from vsend_plugin.assessments.audit import Action, record_access
from vsend_plugin.assessments.family import is_family_of
from vsend_plugin.assessments.page_sections import ChildPageSection
from vsend_plugin.assessments.views.base import CouncilSiteMixin
from vsend_plugin.core.models import Role
from vsend_plugin.core.permissions import councils_for

from .document import record_of
from .record_pdf import render_record_pdf

FOR_FAMILY_AND_OFFICERS = (
    "A child's whole record is for their family and the council's SEND officers."
)


def is_officer_of(user, council):
    """A SEND officer of ``council`` (every superuser is)."""
    return councils_for(user, {Role.OFFICER}).filter(pk=council.pk).exists()


def may_download_record(user, child):
    return is_family_of(user, child) or is_officer_of(user, child.council)


def pdf_response(child, pdf):
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        True, f"record-{child.case_reference}.pdf"
    )
    return response


class RecordPdfView(CouncilSiteMixin, View):
    def get(self, request, pk):
        child = child_for(request, pk, self.council)
        if not may_download_record(request.user, child):
            raise PermissionDenied(FOR_FAMILY_AND_OFFICERS)
        record_access(request, Action.RECORD_PDF, child=child)
        return pdf_response(child, render_record_pdf(record_of(child)))


def child_page_section(request, child, profile):
    """The link to the download, on the child's page of those who may download it."""
    if not may_download_record(request.user, child):
        return None
    context = {
        "child": child,
        "is_family": is_family_of(request.user, child),
        "url": reverse("vsend_record_pdf", args=[child.pk]),
    }
    html = render_to_string("vsend/records/child_section.html", context, request=request)
    return ChildPageSection(
        html, heading=f"Everything we hold about {child.given_name}", anchor="whole-record"
    )
