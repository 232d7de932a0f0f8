"""Nothing lost: what the server acknowledged is stored, its PDF made, the rollups exact.

Run once the load is over and the queue has drained. Every acknowledged
submission is found by the marker its text carries: the assessment (with
its scored profile) for a needs mapping, the family's version for a view.
Every version those made must have its PDF summary, on disk. And the
stored rollups must equal what a rebuild computes now, group for group.
"""

import json
from pathlib import Path

from django.db.models import Q

from vsend_plugin.assessments.models import AssessmentVersion, PdfSummary
from vsend_plugin.benchmarking.models import Rollup
from vsend_plugin.benchmarking.rollups import compute, periods_with_assessments
from vsend_plugin.core.models import Council, PendingTask
from vsend_plugin.scoring import SCHEME


def read_acknowledged(path):
    path = Path(path)
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def version_of(acknowledgement):
    """The version an acknowledged submission made, or ``None`` if it is not stored."""
    marker = acknowledgement["marker"]
    versions = AssessmentVersion.objects.filter(
        Q(strengths__contains=marker) | Q(views__contains=marker) | Q(family_views__contains=marker)
    ).select_related("assessment")
    if acknowledgement["kind"] == "api":
        versions = versions.filter(assessment_id=acknowledgement["id"])
    return versions.order_by("number").first()


def acknowledged_versions(acknowledged):
    """``(found, lost)``: the versions of acknowledged submissions, and those not stored."""
    found, lost = [], []
    for acknowledgement in acknowledged:
        version = version_of(acknowledgement)
        if (
            version is None
            or version.assessment.child_id != acknowledgement["child"]
            or version.scheme != SCHEME
            or not version.profile
        ):
            lost.append(acknowledgement)
        else:
            found.append(version)
    return found, lost


def pdfs_missing(versions, private_root):
    """The versions whose PDF summary is not made, or not on disk in ``private_root``."""
    made = {
        summary.version_id: summary.file.name
        for summary in PdfSummary.objects.filter(version__in=versions).exclude(file="")
    }
    return [
        version
        for version in versions
        if version.pk not in made or not (Path(private_root) / made[version.pk]).is_file()
    ]


def stored_rollups(council):
    return {
        (row.period, row.dimension, row.group): (row.label, row.position, row.figures)
        for row in Rollup.objects.filter(council=council, scheme=SCHEME)
    }


def rebuilt_rollups(council):
    """What a rebuild would store for the council, computed without storing it."""
    return {
        (row.period, row.dimension, row.group): (row.label, row.position, row.figures)
        for period in periods_with_assessments(council)
        for row in compute(council, period)
    }


def rollup_differences(councils=None):
    """``[(council, key, stored, rebuilt)]`` for every group whose stored figures differ."""
    differences = []
    for council in councils or Council.objects.order_by("slug"):
        stored, rebuilt = stored_rollups(council), rebuilt_rollups(council)
        for key in sorted(set(stored) | set(rebuilt)):
            # JSON round trip: stored figures come back from the database as JSON does
            if json.loads(json.dumps(rebuilt.get(key))) != json.loads(json.dumps(stored.get(key))):
                differences.append((council.slug, key, stored.get(key), rebuilt.get(key)))
    return differences


def nothing_lost(acknowledged, private_root):
    """The checks' figures; ``lost`` counts acknowledged submissions not stored whole."""
    found, lost = acknowledged_versions(acknowledged)
    missing = pdfs_missing(found, private_root)
    differences = rollup_differences()
    return {
        "acknowledged": len(acknowledged),
        "acknowledged_by_kind": {
            kind: sum(a["kind"] == kind for a in acknowledged) for kind in ("api", "form", "family")
        },
        "stored": len(found),
        "lost": len(lost),
        "lost_examples": lost[:5],
        "pdfs_made": len(found) - len(missing),
        "pdfs_missing": len(missing),
        "rollup_groups": Rollup.objects.filter(scheme=SCHEME).count(),
        "rollup_differences": len(differences),
        "rollup_difference_examples": [str(d)[:300] for d in differences[:3]],
        "outbox_unsent": PendingTask.objects.filter(sent_at__isnull=True).count(),
    }


def waiting_work(acknowledged, private_root):
    """How much is still to do: unsent outbox rows and acknowledged versions without a PDF."""
    found, _ = acknowledged_versions(acknowledged)
    return PendingTask.objects.filter(sent_at__isnull=True).count(), len(
        pdfs_missing(found, private_root)
    )
