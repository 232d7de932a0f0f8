"""Keep guardian object permissions in step with who is assigned to a child."""

from django.db.models.signals import m2m_changed


def practitioners_changed(sender, instance, action, pk_set, **kwargs):
    from django.contrib.auth import get_user_model
    from guardian.shortcuts import assign_perm, remove_perm

    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    users = get_user_model().objects.filter(
        pk__in=pk_set if pk_set is not None else instance.practitioners.values("pk")
    )
    for user in users:
        if action == "post_add":
            assign_perm("vsend_assessments.view_child", user, instance)
        else:
            remove_perm("vsend_assessments.view_child", user, instance)


def register_signal_handlers():
    from .models import Child

    m2m_changed.connect(
        practitioners_changed, sender=Child.practitioners.through, dispatch_uid="vsend_child_practitioners"
    )
