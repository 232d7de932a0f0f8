"""Storing assessments: validate, score, store and queue, all or nothing.

Everything that makes an assessment (the assessment, its first version with
raw ratings and profile, the tasks to run after) happens in one transaction;
the tasks are sent to the broker only once it has committed.

Where tasks run in the request's own process (eager tasks, as in ``make demo``
and the embedded default with no broker), the PDF summary is not made when
the assessment is recorded, which would keep the practitioner waiting, but
when someone first asks for it (:func:`pdf_summary`).
"""

from celery import current_app
from django.db import transaction
from django.utils import timezone
from wagtail import hooks

from vsend_plugin.core import outbox
from vsend_plugin.core.models import PendingTask
from vsend_plugin.scoring import SCHEME, score

from .models import Assessment, AssessmentVersion, PdfSummary, VersionSource

PDF_TASK = "vsend.assessments.make_pdf_summary"

#: The Wagtail hook run with each new assessment version (a practitioner's
#: assessment or a family's contribution), inside the transaction that stores
#: it: benchmarking queues its rollup here. See docs/architecture.md.
AFTER_RECORD_ASSESSMENT = "after_record_vsend_assessment"


def _score(need, provision, family_confidence):
    """Raises ScoringError (with every problem) before anything is stored."""
    return score(need, provision or {}, family_confidence or {})


@transaction.atomic
def record_assessment(
    child,
    author,
    *,
    need,
    provision=None,
    family_confidence=None,
    strengths="",
    aspirations="",
    views="",
    council_form=None,
    taken_at=None,
    answers=None,
    queue_tasks=True,
):
    """Store a practitioner's needs mapping of ``child``; returns the new version.

    ``queue_tasks=False`` (bulk loads) leaves the PDF to be made when first asked for.
    """
    profile = _score(need, provision, family_confidence)
    assessment = Assessment.objects.create(
        child=child,
        council=child.council,
        taken_at=taken_at or timezone.now(),
        created_by=author,
    )
    version = AssessmentVersion.objects.create(
        assessment=assessment,
        number=1,
        source=VersionSource.PRACTITIONER,
        author=author,
        form=council_form,
        form_version=council_form.version if council_form else None,
        need=_ratings(need),
        provision=_ratings(provision),
        family_confidence=_ratings(family_confidence),
        strengths=strengths,
        aspirations=aspirations,
        views=views,
        answers=answers or {},
        scheme=SCHEME,
        profile=profile.as_dict(),
    )
    if queue_tasks:
        _after(version)
    return version


@transaction.atomic
def add_family_contribution(
    assessment,
    author,
    *,
    family_confidence,
    family_views="",
    family_aspirations="",
    council_form=None,
):
    """A family's view: a new version of the assessment, re-scored, the old one kept."""
    latest = assessment.versions.select_for_update().order_by("-number").first()
    confidence = {**latest.family_confidence, **_ratings(family_confidence)}
    profile = _score(latest.need, latest.provision, confidence)
    version = AssessmentVersion.objects.create(
        assessment=assessment,
        number=latest.number + 1,
        source=VersionSource.FAMILY,
        author=author,
        form=council_form or latest.form,
        form_version=council_form.version if council_form else latest.form_version,
        need=latest.need,
        provision=latest.provision,
        family_confidence=confidence,
        strengths=latest.strengths,
        aspirations=latest.aspirations,
        views=latest.views,
        family_views=family_views,
        family_aspirations=family_aspirations,
        scheme=SCHEME,
        profile=profile.as_dict(),
    )
    _after(version)
    return version


def _ratings(ratings):
    return {code: level for code, level in (ratings or {}).items() if level is not None}


def request_pdf(version):
    """Ask for a version's PDF summary (idempotent: the task makes it once)."""
    outbox.enqueue(PDF_TASK, version.pk)


def discard_pdf(version):
    """Forget a version's made PDF summary: something it shows changed outside the assessment.

    The summary carries sections other apps add (the child's support plan, for
    one), so when those change the made PDF is out of date. Its file is
    removed once the transaction commits; the next person to ask for the PDF
    has it made again (:func:`pdf_summary`), so a run of changes makes it once.
    """
    made = PdfSummary.objects.filter(version=version).first()
    if made is not None:
        name, storage = made.file.name, made.file.storage
        made.delete()
        if name:
            transaction.on_commit(lambda: storage.delete(name))


def pdf_summary(version):
    """The version's PDF summary if it is made; otherwise make sure it has been asked for.

    Data loaded in bulk never asked for its PDFs; the first person to want one
    asks here (with eager tasks, as in development, it is made at once).
    Returns the made :class:`PdfSummary`, or ``None`` while it is being made.
    """
    summary = PdfSummary.objects.filter(version=version).first()
    if (
        summary is None
        and not PendingTask.objects.filter(
            name=PDF_TASK, arguments=[version.pk], sent_at__isnull=True
        ).exists()
    ):
        with transaction.atomic():
            request_pdf(version)
        summary = PdfSummary.objects.filter(version=version).first()
    return summary if summary is not None and summary.ready else None


def pdf_made_on_first_download() -> bool:
    """True where tasks run in process: the PDF waits for its first download, not the recording."""
    return bool(current_app.conf.task_always_eager)


def _after(version):
    if not pdf_made_on_first_download():
        request_pdf(version)  # a worker makes it now, ready for whoever downloads it
    for hook in hooks.get_hooks(AFTER_RECORD_ASSESSMENT):
        hook(version)
