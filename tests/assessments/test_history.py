"""A child's history: the newest version of each assessment, and the latest of them all."""

import datetime

from django.utils import timezone

from vsend_plugin.assessments.history import latest_version, latest_versions
from vsend_plugin.assessments.recording import add_family_contribution, record_assessment
from vsend_plugin.core.models import Role
from vsend_plugin.scoring import AREA_CODES, INDICATORS


def test_the_latest_version_is_the_newest_of_the_latest_assessment(
    northshire, make_member, make_child, django_user_model
):
    author = make_member(northshire, Role.PRACTITIONER)
    family = django_user_model.objects.create_user("a-parent-carer")
    child = make_child(northshire, "H-1")
    assert latest_version(child) is None

    now = timezone.now()
    earlier = record_assessment(
        child, author, need=dict.fromkeys(INDICATORS, 2), taken_at=now - datetime.timedelta(days=90)
    )
    later = record_assessment(child, author, need=dict.fromkeys(INDICATORS, 1), taken_at=now)
    # A family's view added to the earlier assessment afterwards: newer, but of an older one.
    add_family_contribution(
        earlier.assessment, family, family_confidence=dict.fromkeys(AREA_CODES, 1)
    )
    amended = add_family_contribution(
        later.assessment, family, family_confidence=dict.fromkeys(AREA_CODES, 3)
    )

    assert latest_version(child) == amended == latest_versions(child)[-1]
    assert [version.assessment for version in latest_versions(child)] == [
        earlier.assessment,
        later.assessment,
    ]
