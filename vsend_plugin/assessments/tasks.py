"""Celery tasks of the assessments app. Late acknowledgement: each may run twice, safely."""

from celery import shared_task
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from .recording import PDF_TASK


@shared_task(name=PDF_TASK, acks_late=True, reject_on_worker_lost=True, max_retries=5)
def make_pdf_summary(version_id):
    """Render and store the PDF summary of an assessment version.

    Idempotent: a version's summary is made once; a second delivery (after a
    worker died mid-task, say) finds it made and stops.
    """
    from .models import AssessmentVersion, PdfSummary
    from .pdf import pdf_sections, render_summary_pdf
    from .summaries import summary_for

    version = (
        AssessmentVersion.objects.select_related("assessment__child").filter(pk=version_id).first()
    )
    if version is None:
        return "gone"
    summary, _ = PdfSummary.objects.get_or_create(version=version)
    if summary.ready:
        return "already made"
    PdfSummary.objects.filter(pk=summary.pk).update(attempts=summary.attempts + 1)
    content = render_summary_pdf({**summary_for(version), "sections": pdf_sections(version)})
    with transaction.atomic():
        locked = PdfSummary.objects.select_for_update().get(pk=summary.pk)
        if locked.ready:
            return "already made"
        child = version.assessment.child
        locked.file.save(
            f"{child.council.slug}-{child.pk}-{version.assessment_id}-v{version.number}.pdf",
            ContentFile(content),
            save=False,
        )
        locked.made_at = timezone.now()
        locked.save()
    return "made"
