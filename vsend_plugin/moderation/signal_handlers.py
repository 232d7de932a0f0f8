"""Keeping second ratings blind when who may see a child changes."""

from django.db.models.signals import m2m_changed

from vsend_plugin.assessments.models import Child

from .models import SecondRating


def withdraw_when_assigned(sender, instance, action, reverse, model, pk_set, **kwargs):
    """A rater assigned to the child can now see its assessments: their open rating goes.

    Either way round: ``child.practitioners.add(user)`` or ``user.vsend_children.add(child)``.
    """
    if action != "post_add" or not pk_set:
        return
    if reverse:  # instance is the user, pk_set children
        ratings = SecondRating.objects.open().filter(rater=instance, assessment__child__in=pk_set)
    else:
        ratings = SecondRating.objects.open().filter(assessment__child=instance, rater__in=pk_set)
    ratings.delete()


def register_signal_handlers():
    m2m_changed.connect(
        withdraw_when_assigned,
        sender=Child.practitioners.through,
        dispatch_uid="vsend_moderation_withdraw_when_assigned",
    )
