"""The permission API: who may see a council's objects."""

import pytest
from django.contrib.auth.models import AnonymousUser
from guardian.shortcuts import assign_perm

from vsend_plugin.core.models import Council, Locality, Role, Setting
from vsend_plugin.core.permissions import can_view, councils_for, roles_of, visible_to

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", list(Role))
def test_members_see_their_own_councils_objects_and_no_others(
    role, northshire, westmoor, make_member
):
    user = make_member(northshire, role)
    own = northshire.localities.first()
    other = westmoor.localities.first()

    assert can_view(user, own)
    assert can_view(user, northshire)
    assert not can_view(user, other)
    assert not can_view(user, westmoor)
    assert set(visible_to(user, Locality.objects.all())) == set(northshire.localities.all())
    assert list(councils_for(user)) == [northshire]
    assert roles_of(user, northshire) == {role}
    assert roles_of(user, westmoor) == frozenset()


def test_anonymous_and_inactive_users_see_nothing(northshire, make_member):
    inactive = make_member(northshire, Role.EDITOR)
    inactive.is_active = False
    inactive.save()
    for user in (AnonymousUser(), inactive, None):
        assert not can_view(user, northshire.localities.first())
        assert not visible_to(user, Locality.objects.all()).exists()
        assert not councils_for(user).exists()


def test_a_user_with_no_role_sees_only_objects_granted_to_them(
    northshire, westmoor, django_user_model
):
    parent = django_user_model.objects.create_user("a-parent-carer")
    setting = westmoor.settings.first()
    assert not can_view(parent, setting)

    assign_perm("vsend_core.view_setting", parent, setting)

    assert can_view(parent, setting)
    assert list(visible_to(parent, Setting.objects.all())) == [setting]
    assert not can_view(parent, westmoor.settings.exclude(pk=setting.pk).first())
    assert not can_view(parent, northshire.settings.first())


def test_members_of_two_councils_see_both(northshire, westmoor, make_member):
    user = make_member(northshire, Role.OFFICER)
    user.groups.add(westmoor.group_for(Role.PRACTITIONER))
    assert set(councils_for(user)) == {northshire, westmoor}
    assert set(councils_for(user, roles=[Role.OFFICER])) == {northshire}
    assert set(visible_to(user, Council.objects.all(), council_field="pk")) == {
        northshire,
        westmoor,
    }


def test_superusers_see_everything(northshire, westmoor, django_user_model):
    admin = django_user_model.objects.create_superuser("root", password="x")
    assert can_view(admin, westmoor.settings.first())
    assert visible_to(admin, Setting.objects.all()).count() == Setting.objects.count()


def test_council_wide_roles_are_declared_by_the_model(northshire, make_member, monkeypatch):
    """A model can keep its objects from some roles (children will use this)."""
    practitioner = make_member(northshire, Role.PRACTITIONER)
    setting = northshire.settings.first()
    monkeypatch.setattr(Setting, "vsend_council_wide_roles", {Role.OFFICER}, raising=False)
    practitioner.__dict__.pop("_vsend_roles", None)
    assert not can_view(practitioner, setting)
    assert not visible_to(practitioner, Setting.objects.all()).exists()

    assign_perm("vsend_core.view_setting", practitioner, setting)
    practitioner = type(practitioner).objects.get(pk=practitioner.pk)
    assert can_view(practitioner, setting)
    assert list(visible_to(practitioner, Setting.objects.all())) == [setting]
