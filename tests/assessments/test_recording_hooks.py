"""The ``after_record_vsend_assessment`` hook: other apps act on each new assessment version."""

from wagtail import hooks

from vsend_plugin.assessments.recording import add_family_contribution, record_assessment
from vsend_plugin.core.models import Role
from vsend_plugin.scoring import AREA_CODES, INDICATORS


def test_each_new_version_is_handed_to_the_hook(
    northshire, make_member, make_child, django_user_model
):
    author = make_member(northshire, Role.PRACTITIONER)
    family = django_user_model.objects.create_user("a-parent-carer")
    child = make_child(northshire, "H-1")
    seen = []

    with hooks.register_temporarily("after_record_vsend_assessment", seen.append):
        practitioners = record_assessment(child, author, need=dict.fromkeys(INDICATORS, 2))
        families = add_family_contribution(
            practitioners.assessment, family, family_confidence=dict.fromkeys(AREA_CODES, 1)
        )

    assert seen == [practitioners, families]


def test_bulk_loads_run_no_hook(northshire, make_member, make_child):
    author = make_member(northshire, Role.PRACTITIONER)
    seen = []
    with hooks.register_temporarily("after_record_vsend_assessment", seen.append):
        child = make_child(northshire, "H-2")
        record_assessment(child, author, need=dict.fromkeys(INDICATORS, 2), queue_tasks=False)
    assert seen == []
