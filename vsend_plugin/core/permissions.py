"""The one place that decides whether a user may see a council's object.

Every view, API endpoint and admin listing of vsend asks these functions
rather than checking groups itself, so that a rule changes in one place.

The rule:

* a superuser sees everything;
* a member of a council (editor, SEND officer, practitioner) sees that
  council's objects of a kind their role sees council-wide (a model says which
  roles those are with ``vsend_council_wide_roles``; by default every role);
* anyone else, a parent carer or a practitioner for objects that are not
  council-wide such as a child, needs a django-guardian object permission
  ``<app_label>.view_<model>`` on that very object;
* nobody sees another council's objects through a role.

Objects name their council with a ``council`` attribute (a
:class:`~vsend_plugin.core.models.Council` is its own council). A model whose
objects are seen by whoever may see another object (an assessment by whoever
may see its child) names that object's field with ``vsend_permission_parent``.
"""

from django.apps import apps
from django.db.models import Q
from guardian.shortcuts import get_objects_for_user
from wagtail.permission_policies import ModelPermissionPolicy

from .role_choices import Role

ALL_ROLES = frozenset(Role)


def _model(name):
    """Looked up in the app registry: :mod:`.models` (its log entries) builds on this module."""
    return apps.get_model("vsend_core", name)


def _is_signed_in(user):
    return bool(user and user.is_authenticated and user.is_active)


def roles_of(user, council):
    """The roles the user holds in this council, as a frozenset of :class:`Role`."""
    if not _is_signed_in(user) or council is None:
        return frozenset()
    cache = user.__dict__.setdefault("_vsend_roles", {})
    if council.pk not in cache:
        cache[council.pk] = frozenset(
            Role(role)
            for role in _model("CouncilGroup")
            .objects.filter(council_id=council.pk, group__user=user)
            .values_list("role", flat=True)
        )
    return cache[council.pk]


def is_council_staff(user):
    """Does the user work for any council on this install, or run the install itself?

    Staff are members of any council's editor, officer or practitioner group,
    have a practitioner record, or are Django staff or superusers. Only a
    user who is none of these is a parent carer, who may be given a child's
    record by a family invitation.
    """
    if not _is_signed_in(user):
        return False
    return bool(
        user.is_staff
        or user.is_superuser
        or _model("CouncilGroup").objects.filter(group__user=user).exists()
        or user.vsend_practitioner_roles.exists()
    )


def is_parent_carer(user):
    """A signed-in user who is not staff of any council (see :func:`is_council_staff`)."""
    return _is_signed_in(user) and not is_council_staff(user)


def councils_for(user, roles=ALL_ROLES):
    """Councils where the user holds one of ``roles`` (every council for a superuser)."""
    if not _is_signed_in(user):
        return _model("Council").objects.none()
    if user.is_superuser:
        return _model("Council").objects.all()
    return (
        _model("Council")
        .objects.filter(
            role_groups__role__in=[Role(r) for r in roles], role_groups__group__user=user
        )
        .distinct()
    )


def council_wide_roles(model):
    return frozenset(getattr(model, "vsend_council_wide_roles", ALL_ROLES))


def _view_permission(model):
    return f"{model._meta.app_label}.view_{model._meta.model_name}"


def can_view(user, obj):
    """May ``user`` see ``obj``, an object that belongs to a council?"""
    if not _is_signed_in(user):
        return False
    if user.is_superuser:
        return True
    model = type(obj)
    parent = getattr(model, "vsend_permission_parent", None)
    if parent:
        return can_view(user, getattr(obj, parent))
    if roles_of(user, obj.council) & council_wide_roles(model):
        return True
    return user.has_perm(_view_permission(model), obj)


def visible_to(user, queryset, council_field="council"):
    """Narrow ``queryset`` to the objects :func:`can_view` allows."""
    if not _is_signed_in(user):
        return queryset.none()
    if user.is_superuser:
        return queryset
    model = queryset.model
    parent = getattr(model, "vsend_permission_parent", None)
    if parent:
        parent_model = model._meta.get_field(parent).related_model
        return queryset.filter(
            **{f"{parent}__in": visible_to(user, parent_model._default_manager.all()).values("pk")}
        )
    if council_field == "pk" or issubclass(model, _model("Council")):
        by_role = Q(pk__in=councils_for(user, council_wide_roles(model)).values("pk"))
    else:
        by_role = Q(
            **{f"{council_field}__in": councils_for(user, council_wide_roles(model)).values("pk")}
        )
    by_object = Q(
        pk__in=get_objects_for_user(
            user,
            _view_permission(model),
            klass=model,
            accept_global_perms=False,
            with_superuser=False,
        ).values("pk")
    )
    return queryset.filter(by_role | by_object)


class CouncilPermissionPolicy(ModelPermissionPolicy):
    """Wagtail permission policy: the model permission, and only the user's own councils.

    Used by the admin viewsets, so that an editor of one council neither lists
    nor opens (the views answer 404) another council's objects.
    """

    def __init__(self, model, council_field="council", auth_model=None):
        super().__init__(model, auth_model=auth_model)
        self.council_field = council_field

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and can_view(user, instance)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return visible_to(user, self.model._default_manager.all(), self.council_field)
