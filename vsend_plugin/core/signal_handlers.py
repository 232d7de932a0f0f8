"""Keep a council's groups in step with the council, and give a new council its required pages."""

from django.db.models.signals import post_migrate, post_save

from .models import Council


def council_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    from .public_pages import add_public_information_pages
    from .roles import set_up_council_groups

    set_up_council_groups(instance)
    if created:
        add_public_information_pages(instance)


def refresh_council_groups(sender, app_config=None, using="default", **kwargs):
    """After migrations, give every council's groups what newly installed apps add.

    Permissions of every app are created first: this handler may run before
    Django's own has reached a later app.
    """
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    from .roles import set_up_council_groups

    if sender is None or sender.name != "vsend_plugin.core":
        return
    for config in apps.get_app_configs():
        create_permissions(config, verbosity=0, using=using)
    for council in Council.objects.using(using).select_related("site"):
        set_up_council_groups(council)


def move_log_entries(sender, app_config=None, using="default", **kwargs):
    """After migrations, council objects' entries in Wagtail's own log move to the council log."""
    from .log_entries import move_model_log_entries

    if sender is None or sender.name != "vsend_plugin.core":
        return
    move_model_log_entries(using)


def register_signal_handlers():
    post_save.connect(council_saved, sender=Council, dispatch_uid="vsend_council_groups")
    post_migrate.connect(refresh_council_groups, dispatch_uid="vsend_refresh_council_groups")
    post_migrate.connect(move_log_entries, dispatch_uid="vsend_move_log_entries")
