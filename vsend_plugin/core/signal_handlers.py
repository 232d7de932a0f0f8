"""Keep a council's groups in step with the council."""

from django.db.models.signals import post_save

from .models import Council


def council_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    from .roles import set_up_council_groups

    set_up_council_groups(instance)


def register_signal_handlers():
    post_save.connect(council_saved, sender=Council, dispatch_uid="vsend_council_groups")
