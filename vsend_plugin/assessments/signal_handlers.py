"""Keep guardian object permissions in step with who is assigned to a child.

Assigning a practitioner is what gives them the child's record, so only the
child's own council's practitioners can be assigned, however the assignment
is made (admin, shell, code): nobody of another council attaches themselves
to a child this way.
"""

from django.core.exceptions import ValidationError
from django.db.models.signals import m2m_changed


def refuse_other_councils_practitioners(child, users):
    from vsend_plugin.core.models import Role

    group = child.council.group_for(Role.PRACTITIONER)
    if users.exclude(groups=group).exists():
        raise ValidationError(
            f"Only {child.council}'s practitioners can be assigned to {child.given_name}."
        )


def practitioners_changed(sender, instance, action, pk_set, reverse=False, **kwargs):
    """Either way round: ``child.practitioners.add(user)`` or ``user.vsend_children.add(child)``."""
    from django.contrib.auth import get_user_model
    from guardian.shortcuts import assign_perm, remove_perm

    from .models import Child

    if action not in ("pre_add", "post_add", "post_remove", "pre_clear"):
        return
    User = get_user_model()
    if reverse:
        if pk_set is not None:
            children = Child.objects.filter(pk__in=pk_set)
        else:
            children = instance.vsend_children.all()
        user = User.objects.filter(pk=instance.pk)
        pairs = [(child, user) for child in children.select_related("council")]
    else:
        users = User.objects.filter(
            pk__in=pk_set if pk_set is not None else instance.practitioners.values("pk")
        )
        pairs = [(instance, users)]
    for child, users in pairs:
        if action == "pre_add":
            refuse_other_councils_practitioners(child, users)
            continue
        for user in users:
            if action == "post_add":
                assign_perm("vsend_assessments.view_child", user, child)
            else:
                remove_perm("vsend_assessments.view_child", user, child)


def register_signal_handlers():
    from .models import Child

    m2m_changed.connect(
        practitioners_changed,
        sender=Child.practitioners.through,
        dispatch_uid="vsend_child_practitioners",
    )
