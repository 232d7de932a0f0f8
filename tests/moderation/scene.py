"""A council whose practitioner has mapped three children, and the people moderation involves."""

from pathlib import Path

from guardian.shortcuts import assign_perm

from tests.conftest import create_child, create_council, create_member
from vsend_plugin.assessments.recording import record_assessment
from vsend_plugin.core.models import Practitioner, Role
from vsend_plugin.needs_forms.importing import import_form
from vsend_plugin.needs_forms.library import read_library_file
from vsend_plugin.scoring import INDICATORS

LIBRARY = Path(__file__).resolve().parents[2] / "forms_library"
PASSWORD = "correct horse battery staple"


def need(level=1, **levels):
    """Every indicator at ``level``, with some others (``SEMH__wellbeing=3``)."""
    ratings = dict.fromkeys(INDICATORS, level)
    ratings.update({code.replace("__", "."): value for code, value in levels.items()})
    return ratings


def make_moderation_scene():
    """Northshire: an author with three children mapped, a psychologist, officers; Westmoor too."""
    from django.contrib.auth import get_user_model

    northshire = create_council("northshire", "E06000047")
    westmoor = create_council("westmoor", "E06000048")
    for council in (northshire, westmoor):
        import_form(read_library_file(LIBRARY / "needs-mapping" / "core.yaml"), council)
    author = create_member(northshire, Role.PRACTITIONER, "ns-author")
    psychologist = create_member(northshire, Role.PRACTITIONER, "ns-psychologist")
    Practitioner.objects.create(
        user=psychologist, council=northshire, job_title="Educational psychologist"
    )
    colleague = create_member(northshire, Role.PRACTITIONER, "ns-colleague")
    officer = create_member(northshire, Role.OFFICER, "ns-officer")
    children, assessments = [], []
    for number, level in enumerate((1, 2, 3), start=1):
        child = create_child(northshire, f"NS-{number:04}", f"Child {number}")
        child.practitioners.add(author)
        version = record_assessment(
            child, author, need=need(level, SEMH__wellbeing=4), queue_tasks=False
        )
        children.append(child)
        assessments.append(version.assessment)
    children[0].practitioners.add(colleague)
    parent = get_user_model().objects.create_user("ns-parent", password=PASSWORD)
    assign_perm("vsend_assessments.view_child", parent, children[0])
    westmoor_practitioner = create_member(westmoor, Role.PRACTITIONER, "wm-practitioner")
    westmoor_child = create_child(westmoor, "WM-0001", "Westmoor child")
    westmoor_child.practitioners.add(westmoor_practitioner)
    westmoor_assessment = record_assessment(
        westmoor_child, westmoor_practitioner, need=need(2), queue_tasks=False
    ).assessment
    return {
        "northshire": northshire,
        "westmoor": westmoor,
        "author": author,
        "psychologist": psychologist,
        "colleague": colleague,
        "officer": officer,
        "parent": parent,
        "children": children,
        "assessments": assessments,
        "westmoor_officer": create_member(westmoor, Role.OFFICER, "wm-officer"),
        "westmoor_practitioner": westmoor_practitioner,
        "westmoor_assessment": westmoor_assessment,
        "host": northshire.site.hostname,
    }
