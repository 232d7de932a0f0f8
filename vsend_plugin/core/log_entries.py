"""Wagtail's history of vsend's objects, kept by council and read only within it.

Wagtail logs every create, edit and delete made in the admin, and its "Site
history" report (with its filters of users and types) lists every entry of a
model to anyone with any permission on that model. For pages that is already
limited to the pages the user may explore; for plain models it is not, so a
SEND officer of one council read that another council's officer had edited
"Ivy (NO-00002)". Here every vsend model (and any model an app adds with the
``register_vsend_council_log_models`` hook, such as streamforms' forms) is
logged to :class:`~vsend_plugin.core.models.CouncilLogEntry` with its council,
and an entry is viewable only by staff of that council. A model may also say
how its entries are labelled (``vsend_log_label``): a child is labelled by its
case reference, never by name, so a child's name is never written to the log.
"""

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from wagtail import hooks
from wagtail.models import BaseLogEntryManager, Page

#: Apps whose models are logged by council.
VSEND_APP_PREFIX = "vsend_"


def _extra_models():
    """{model: function(instance) -> council id or None} added by apps' hooks."""
    extra = {}
    for contribute in hooks.get_hooks("register_vsend_council_log_models"):
        extra.update(contribute())
    return extra


def council_id_of_collection(collection):
    """The council whose own collection is ``collection`` or one of its ancestors."""
    Council = apps.get_model("vsend_core", "Council")  # models.py builds on this module

    if collection is None:
        return None
    step = collection.steplen
    paths = [collection.path[:end] for end in range(step, len(collection.path) + 1, step)]
    return (
        Council.objects.filter(collection__path__in=paths)
        .order_by("-collection__depth")
        .values_list("pk", flat=True)
        .first()
    )


def _council_id_by_attributes(instance):
    Council = apps.get_model("vsend_core", "Council")  # models.py builds on this module

    if isinstance(instance, Council):
        return instance.pk
    if hasattr(instance, "council_id"):
        return instance.council_id
    parent = getattr(type(instance), "vsend_permission_parent", None)
    if parent:
        return council_id_of(getattr(instance, parent))
    return None


def _belongs_to_a_council(model):
    Council = apps.get_model("vsend_core", "Council")  # models.py builds on this module

    return (
        issubclass(model, Council)
        or any(field.name == "council" for field in model._meta.fields)
        or bool(getattr(model, "vsend_permission_parent", None))
    )


def council_id_of(instance):
    """The id of the council ``instance`` belongs to, or None (then only superusers read it)."""
    for model, resolve in _extra_models().items():
        if isinstance(instance, model):
            return resolve(instance)
    return _council_id_by_attributes(instance)


def council_log_models():
    """Every model whose log entries are kept by council."""
    models = [
        model
        for config in apps.get_app_configs()
        if config.label.startswith(VSEND_APP_PREFIX)
        for model in config.get_models()
        if not issubclass(model, Page) and _belongs_to_a_council(model)
    ]
    return models + list(_extra_models())


class CouncilLogEntryManager(BaseLogEntryManager):
    def log_action(self, instance, action, **kwargs):
        kwargs.update(object_id=str(instance.pk), council_id=council_id_of(instance))
        return super().log_action(instance, action, **kwargs)

    def get_instance_title(self, instance):
        label = getattr(instance, "vsend_log_label", None)
        if label is not None:
            return str(label() if callable(label) else label)
        return super().get_instance_title(instance)

    def for_instance(self, instance):
        return self.filter(
            content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
            object_id=str(instance.pk),
        )

    def viewable_by_user(self, user):
        """Entries of the user's own councils, on models they hold a permission for."""
        from .permissions import councils_for

        if user.is_superuser:
            return self.all()
        if not (user.is_authenticated and user.is_active):
            return self.none()
        used = self.values_list("content_type_id", flat=True).distinct()
        allowed = set()
        for permission in Permission.objects.filter(content_type_id__in=used).select_related(
            "content_type"
        ):
            if permission.content_type_id in allowed:
                continue
            if user.has_perm(f"{permission.content_type.app_label}.{permission.codename}"):
                allowed.add(permission.content_type_id)
        return self.filter(content_type_id__in=allowed, council__in=councils_for(user).values("pk"))


def move_model_log_entries(using="default"):
    """Move entries Wagtail wrote to ``ModelLogEntry`` for council objects here. Idempotent.

    Entries logged before vsend kept its own log (or by code that bypassed the
    registry) would otherwise stay readable across councils. A model that
    labels its entries itself (a child) is relabelled; an entry whose object
    is gone keeps no label but its type and id, and no council: only
    superusers read it.
    """
    from wagtail.models import ModelLogEntry

    CouncilLogEntry = apps.get_model("vsend_core", "CouncilLogEntry")

    fields = [
        "content_type_id",
        "label",
        "action",
        "data",
        "timestamp",
        "uuid",
        "user_id",
        "revision_id",
        "content_changed",
        "deleted",
        "object_id",
    ]
    moved = 0
    for model in council_log_models():
        content_type = ContentType.objects.db_manager(using).get_for_model(
            model, for_concrete_model=False
        )
        entries = ModelLogEntry.objects.using(using).filter(content_type=content_type)
        for entry in entries.iterator():
            values = {name: getattr(entry, name) for name in fields}
            instance = model._default_manager.using(using).filter(pk=entry.object_id).first()
            values["council_id"] = council_id_of(instance) if instance is not None else None
            if hasattr(model, "vsend_log_label"):
                values["label"] = (
                    CouncilLogEntry.objects.get_instance_title(instance)
                    if instance is not None
                    else f"{model._meta.verbose_name} {entry.object_id}"
                )
            CouncilLogEntry.objects.using(using).bulk_create([CouncilLogEntry(**values)])
            entry.delete()
            moved += 1
    return moved
