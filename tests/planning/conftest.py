import pytest

from vsend_plugin.core.models import Role


@pytest.fixture
def team(northshire, westmoor, make_member, make_child, django_user_model):
    """A child of Northshire, the practitioner assigned, and everyone else who might ask."""
    practitioner = make_member(northshire, Role.PRACTITIONER)
    child = make_child(northshire, "NS-0001", "Amara")
    child.practitioners.add(practitioner)
    from guardian.shortcuts import assign_perm

    parent = django_user_model.objects.create_user("a-parent", password="x")
    assign_perm("vsend_assessments.view_child", parent, child)
    return {
        "child": child,
        "practitioner": practitioner,
        "other_practitioner": make_member(northshire, Role.PRACTITIONER, "ns-other-practitioner"),
        "officer": make_member(northshire, Role.OFFICER),
        "editor": make_member(northshire, Role.EDITOR),
        "westmoor_officer": make_member(westmoor, Role.OFFICER),
        "westmoor_practitioner": make_member(westmoor, Role.PRACTITIONER),
        "parent": parent,
        "host": northshire.site.hostname,
    }
