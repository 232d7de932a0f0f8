"""Erasing a child: everything vsend keeps about them goes, in one transaction.

The child, every assessment and version, drafts, the support plan and its
versions, second ratings, family invitations and the family's and
practitioners' object permissions are deleted together; the stored PDF files
are removed once the deletion has committed (a rolled-back erasure keeps
them). The access log and the council's history keep their entries, with
the child named by a one-way pseudonym instead, so that a council can still
show who read a record and when, without saying whose. The benchmark
rollups of the quarters the child was assessed in are recomputed.
"""

import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from guardian.models import GroupObjectPermission, UserObjectPermission

from vsend_plugin.assessments.models import (
    AccessEvent,
    Assessment,
    AssessmentVersion,
    Child,
    FamilyInvitation,
    NeedsMappingDraft,
    PdfSummary,
)
from vsend_plugin.benchmarking.periods import period_of
from vsend_plugin.benchmarking.rollups import update_rollup
from vsend_plugin.core.models import CouncilLogEntry
from vsend_plugin.moderation.models import SecondRating
from vsend_plugin.planning.models import SupportPlan, SupportPlanVersion

from .models import ChildTransfer, TransferStatus


def pseudonym_of(child):
    """A stable, one-way name for an erased child: the same child always gives the same one."""
    message = f"{child.council_id}:{child.pk}:{child.case_reference}".encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()
    return f"erased-{digest[:16]}"


@dataclass(frozen=True)
class WhatGoes:
    """What erasing a child removes, as the confirmation page and the API's log say it."""

    assessments: int
    versions: int
    pdf_files: int
    drafts: int
    plan_versions: int
    second_ratings: int
    invitations: int
    people_with_access: int

    def in_words(self):
        parts = [
            (self.assessments, "needs mapping", "needs mappings"),
            (self.versions, "version of them", "versions of them"),
            (self.pdf_files, "PDF summary", "PDF summaries"),
            (self.drafts, "draft", "drafts"),
            (self.plan_versions, "version of the support plan", "versions of the support plan"),
            (self.second_ratings, "second rating", "second ratings"),
            (self.invitations, "family invitation", "family invitations"),
            (self.people_with_access, "person's access", "people's access"),
        ]
        return [f"{count} {one if count == 1 else many}" for count, one, many in parts if count]


def _permissions(child):
    content_type = ContentType.objects.get_for_model(Child)
    return (
        UserObjectPermission.objects.filter(content_type=content_type, object_pk=str(child.pk)),
        GroupObjectPermission.objects.filter(content_type=content_type, object_pk=str(child.pk)),
    )


def what_goes(child):
    users, _groups = _permissions(child)
    return WhatGoes(
        assessments=Assessment.objects.filter(child=child).count(),
        versions=AssessmentVersion.objects.filter(assessment__child=child).count(),
        pdf_files=PdfSummary.objects.filter(version__assessment__child=child)
        .exclude(file="")
        .count(),
        drafts=NeedsMappingDraft.objects.filter(child=child).count(),
        plan_versions=SupportPlanVersion.objects.filter(plan__child=child).count(),
        second_ratings=SecondRating.objects.filter(assessment__child=child).count(),
        invitations=FamilyInvitation.objects.filter(child=child).count(),
        people_with_access=users.values("user").distinct().count(),
    )


#: Who the access log says erased a record when no person did (the retention schedule).
RETENTION = "retention schedule"


def erase_child(child, *, by=None):
    """Erase ``child`` and everything about them; returns the pseudonym the logs keep.

    The erasure is logged under that pseudonym, as done by ``by`` (a user) or,
    without one, by the retention schedule.
    """
    pseudonym = pseudonym_of(child)
    council_id = child.council_id
    periods = {period_of(taken) for taken in child.assessments.values_list("taken_at", flat=True)}
    files = [
        (summary.file.storage, summary.file.name)
        for summary in PdfSummary.objects.filter(version__assessment__child=child)
        if summary.file
    ]
    with transaction.atomic():
        AccessEvent.objects.filter(child=child).update(
            child=None, assessment=None, child_pseudonym=pseudonym, path=""
        )
        content_type = ContentType.objects.get_for_model(Child)
        CouncilLogEntry.objects.filter(content_type=content_type, object_id=str(child.pk)).update(
            label=f"Erased child {pseudonym}", data={}
        )
        for permissions in _permissions(child):
            permissions.delete()
        # A transfer keeps its entry, naming the child by the pseudonym; a waiting one ends.
        transfers = ChildTransfer.objects.filter(child=child)
        transfers.filter(status=TransferStatus.PENDING).update(status=TransferStatus.WITHDRAWN)
        transfers.update(case_reference=pseudonym, note="")
        SupportPlan.objects.filter(child=child).delete()
        child.delete()  # assessments, versions, PDF rows, drafts, invitations, second ratings
        AccessEvent.objects.create(
            council_id=council_id,
            user=by,
            username=by.get_username() if by else RETENTION,
            action=AccessEvent.Action.ERASED,
            child_pseudonym=pseudonym,
        )
        for storage, name in files:
            transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
        for period in sorted(periods):
            transaction.on_commit(lambda period=period: update_rollup(council_id, period))
    return pseudonym
