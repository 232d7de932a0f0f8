"""Creating a council creates its groups with permissions on its own subtree only."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page

from vsend_plugin.core.models import CouncilGroup, Role
from vsend_plugin.core.roles import set_up_council_groups

pytestmark = pytest.mark.django_db


def page_codenames(group):
    return {
        (p.page_id, p.permission.codename)
        for p in GroupPagePermission.objects.filter(group=group).select_related("permission")
    }


def test_creating_a_council_creates_one_group_per_role(northshire):
    roles = set(CouncilGroup.objects.filter(council=northshire).values_list("role", flat=True))
    assert roles == {Role.EDITOR, Role.OFFICER, Role.PRACTITIONER}
    assert northshire.group_for(Role.EDITOR).name == "Northshire Council content editors"


def test_editors_may_edit_and_publish_only_their_own_subtree(northshire, westmoor):
    editors = northshire.group_for(Role.EDITOR)
    home = northshire.site.root_page_id
    assert page_codenames(editors) == {
        (home, "add_page"),
        (home, "change_page"),
        (home, "publish_page"),
        (home, "lock_page"),
        (home, "unlock_page"),
    }
    assert not GroupPagePermission.objects.filter(
        group=editors, page=westmoor.site.root_page
    ).exists()
    assert not GroupPagePermission.objects.filter(
        group=editors, page=Page.get_first_root_node()
    ).exists()


def test_officers_draft_but_do_not_publish_and_practitioners_get_no_pages(northshire):
    home = northshire.site.root_page_id
    assert page_codenames(northshire.group_for(Role.OFFICER)) == {
        (home, "add_page"),
        (home, "change_page"),
    }
    assert page_codenames(northshire.group_for(Role.PRACTITIONER)) == set()


def test_admin_access_is_for_editors_and_officers_only(northshire):
    def codenames(role):
        return set(northshire.group_for(role).permissions.values_list("codename", flat=True))

    assert "access_admin" in codenames(Role.EDITOR)
    assert "access_admin" in codenames(Role.OFFICER)
    assert "access_admin" not in codenames(Role.PRACTITIONER)
    assert "delete_setting" in codenames(Role.EDITOR)
    assert "delete_setting" not in codenames(Role.OFFICER)


def test_editors_get_their_own_image_collection(northshire, westmoor):
    assert northshire.collection and westmoor.collection
    assert northshire.collection != westmoor.collection
    granted = GroupCollectionPermission.objects.filter(
        group=northshire.group_for(Role.EDITOR)
    ).values_list("collection_id", flat=True)
    assert set(granted) == {northshire.collection_id}


def test_set_up_is_idempotent_and_repairs_drift(northshire):
    editors = northshire.group_for(Role.EDITOR)
    GroupPagePermission.objects.filter(group=editors).delete()
    GroupPagePermission.objects.create(
        group=editors,
        page=Page.get_first_root_node(),
        permission=GroupPagePermission.objects.model._meta.get_field(
            "permission"
        ).related_model.objects.get(codename="publish_page"),
    )
    groups_before = Group.objects.count()

    set_up_council_groups(northshire)
    set_up_council_groups(northshire)

    assert Group.objects.count() == groups_before
    assert len(page_codenames(editors)) == 5
    assert all(page == northshire.site.root_page_id for page, _ in page_codenames(editors))


def test_renaming_a_council_renames_its_groups(northshire):
    northshire.name = "Northshire Unitary Council"
    northshire.save()
    assert northshire.group_for(Role.OFFICER).name == "Northshire Unitary Council SEND officers"
