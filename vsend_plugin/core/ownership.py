"""Which council an object belongs to, and the wall that keeps references inside it.

Councils share one database. Most of their objects name their council in a
``council`` field; pages belong to the council whose site's page tree holds
them; a streamforms form to the council of its site. This module answers
"whose is this?" for all of them in one place, so that:

* admin and front-end forms offer only one council's objects
  (:func:`owned_by`, used by :class:`vsend_plugin.core.admin_forms.CouncilScopedFormMixin`);
* a model that points at council-owned objects (a service page's localities, a
  child's setting) refuses one of another council, in ``clean()`` for forms and
  in ``save()`` for every other code path (:class:`CouncilWall`).

A reference is discovered from the model itself: every ForeignKey,
OneToOneField, ManyToManyField or ParentalManyToManyField that a vsend model
declares towards a council-owned model, besides the ``council`` field that says
whose the object is. A new field of that kind is walled without further code.
"""

from functools import cache

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.db.models.signals import m2m_changed
from django.utils.translation import gettext_lazy as _

#: Fields through which an object's own council is set (not references to check).
OWNER_FIELDS = ("council",)


def owner_field(model):
    """The field that says whose an object is: ``council``, or the parent it belongs to.

    A model without a council of its own (an assessment's version, a service's
    location) names the object it belongs to with ``vsend_council_parent``; the
    ``vsend_permission_parent`` of :mod:`vsend_plugin.core.permissions` (whoever
    may see the parent may see it) serves when that is not given.
    """
    if _has_council_field(model):
        return "council"
    return getattr(model, "vsend_council_parent", None) or getattr(
        model, "vsend_permission_parent", None
    )


def _page_model():
    from wagtail.models import Page

    return Page


def _form_model():
    from wagtailstreamforms.models import Form

    return Form


def _site_model():
    from wagtail.models import Site

    return Site


def _council_model():
    """Looked up in the app registry: :mod:`.models` builds on this module, not back."""
    return apps.get_model("vsend_core", "Council")


def _has_council_field(model):
    try:
        field = model._meta.get_field("council")
    except Exception:  # noqa: BLE001 - FieldDoesNotExist; no council field
        return False
    return getattr(field, "related_model", None) is _council_model()


def is_council_owned(model):
    """Does every object of ``model`` belong to exactly one council (or none)?"""
    return (
        issubclass(model, (_council_model(), _page_model(), _site_model(), _form_model()))
        or owner_field(model) is not None
    )


def _ancestor_paths(path):
    step = _page_model().steplen
    return [path[:end] for end in range(step, len(path) + 1, step)]


def page_council_id(page, parent=None):
    """The council whose site's page tree holds ``page`` (or would, under ``parent``)."""
    path = page.path or (parent.path + "0" * _page_model().steplen if parent is not None else "")
    if not path:
        return None
    found = (
        _council_model()
        .objects.filter(site__root_page__path__in=_ancestor_paths(path))
        .order_by("-site__root_page__depth")
        .values_list("pk", flat=True)
    )
    return found.first()


def council_id_of(obj):
    """The primary key of the council ``obj`` belongs to, or None when it is no council's."""
    if obj is None:
        return None
    if isinstance(obj, _council_model()):
        return obj.pk
    if isinstance(obj, _page_model()):
        return page_council_id(obj)
    if isinstance(obj, _site_model()):
        return _council_model().objects.filter(site_id=obj.pk).values_list("pk", flat=True).first()
    if isinstance(obj, _form_model()):
        if obj.site_id is None:
            return None
        return council_id_of(obj.site)
    owner = owner_field(type(obj))
    if owner is not None and owner != "council":
        return council_id_of(getattr(obj, owner, None))
    return getattr(obj, "council_id", None)


def owned_by(queryset, council_ids):
    """Narrow ``queryset`` of a council-owned model to objects of the councils ``council_ids``."""
    council_ids = list(council_ids)
    model = queryset.model
    if issubclass(model, _council_model()):
        return queryset.filter(pk__in=council_ids)
    if issubclass(model, _page_model()):
        roots = (
            _council_model()
            .objects.filter(pk__in=council_ids)
            .values_list("site__root_page__path", flat=True)
        )
        within = Q(pk__in=[])
        for path in roots:
            within |= Q(path__startswith=path)
        return queryset.filter(within)
    if issubclass(model, _site_model()):
        return queryset.filter(council__in=council_ids)
    if issubclass(model, _form_model()):
        return queryset.filter(site__council__in=council_ids)
    field = owner_field(model)
    if field != "council":
        parent = model._meta.get_field(field).related_model
        parents = owned_by(parent._default_manager.all(), council_ids)
        return queryset.filter(**{f"{field}__in": parents})
    return queryset.filter(council__in=council_ids)


@cache
def council_references(model):
    """The fields of ``model`` that point at council-owned objects and must stay in its council.

    Only fields a vsend model declares count: Wagtail's own page fields (owner,
    locale, revisions) are Wagtail's business.
    """
    fields = []
    for field in model._meta.get_fields():  # read once the app registry is ready
        if not (field.is_relation and field.concrete) or field.auto_created:
            continue
        if not (field.many_to_one or field.one_to_one or field.many_to_many):
            continue
        if field.name == owner_field(model) or not field.model._meta.app_label.startswith("vsend"):
            continue
        if is_council_owned(field.related_model) and not issubclass(
            field.related_model, (_council_model(), _site_model())
        ):
            fields.append(field)
    return tuple(fields)


def referenced_objects(obj, field):
    """What ``obj`` points at through ``field``, as a list, read from memory where possible."""
    if not field.many_to_many:
        if getattr(obj, field.attname) is None:
            return []
        return [getattr(obj, field.name)]
    from modelcluster.fields import ParentalManyToManyField

    if isinstance(field, ParentalManyToManyField) or obj.pk is not None:
        return list(getattr(obj, field.name).all())
    return []


def wrong_council_message(field, council_id):
    council = _council_model().objects.filter(pk=council_id).first()
    noun = field.related_model._meta.verbose_name
    if council is None:
        return _("Choose a %(noun)s of this council.") % {"noun": noun}
    return _("Choose a %(noun)s of %(council)s.") % {"noun": noun, "council": council}


def cross_council_errors(model, council_id, values):
    """Field errors for ``values`` (field name to list of objects) not of ``council_id``."""
    errors = {}
    for field in council_references(model):
        chosen = [value for value in values.get(field.name, ()) if value is not None]
        if any(council_id_of(value) != council_id for value in chosen):
            errors[field.name] = [wrong_council_message(field, council_id)]
    return errors


def check_council_references(obj, field_names=None):
    """Raise ValidationError, per field, for any reference of ``obj`` to another council.

    An object whose own council cannot be told yet (a page not in the tree, a
    record whose council is still empty) is left to the required-field checks.
    """
    if isinstance(obj, _page_model()) and not obj.path:
        return
    owner = owner_field(type(obj))
    if owner is not None and getattr(obj, type(obj)._meta.get_field(owner).attname) is None:
        return
    council_id = council_id_of(obj)
    values = {
        field.name: referenced_objects(obj, field)
        for field in council_references(type(obj))
        if field_names is None or field.name in field_names or field.attname in field_names
    }
    errors = cross_council_errors(type(obj), council_id, values)
    if errors:
        raise ValidationError(errors)


def references_to(obj):
    """The walled fields that point at objects of ``obj``'s model, with what points at ``obj``."""
    for model in walled_models():
        for field in council_references(model):
            if isinstance(obj, field.related_model):
                referring = model._default_manager.filter(**{field.name: obj.pk})
                yield model, field, referring


def check_not_moved_while_referenced(obj):
    """An object others point at keeps its council: moving it would take them across the wall."""
    if obj.pk is None or not _has_council_field(type(obj)):
        return
    stored = type(obj)._default_manager.filter(pk=obj.pk)
    before = stored.values_list("council_id", flat=True).first()
    if before is None or before == obj.council_id:
        return
    for model, _field, referring in references_to(obj):
        if referring.exists():
            raise ValidationError(
                {
                    "council": _(
                        "This cannot move to another council: "
                        "%(things)s of its council refer to it."
                    )
                    % {"things": model._meta.verbose_name_plural}
                }
            )


class CouncilWall:
    """Model mixin: an object may only point at objects of its own council.

    Every model that points at council-owned objects uses it, and so does every
    model others point at (a locality, an organisation): one of those cannot
    move to another council while anything still refers to it.

    ``clean()`` reports a reference to another council's object as an error on
    its field (so admin forms show it there), and ``save()`` runs the same check
    so that code outside forms (imports, the shell, the API, loaders) is refused
    too. ``save(update_fields=...)`` checks only the fields it writes.
    """

    def clean(self):
        super().clean()
        errors = {}
        for check in (check_council_references, check_not_moved_while_referenced):
            try:
                check(self)
            except ValidationError as error:
                errors.update(error.message_dict)
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        check_council_references(self, update_fields)
        if update_fields is None or "council" in update_fields or "council_id" in update_fields:
            check_not_moved_while_referenced(self)
        return super().save(*args, **kwargs)


def refuse_cross_council_m2m(sender, instance, action, reverse, model, pk_set, **kwargs):
    """``m2m_changed``: adding another council's objects to a walled many-to-many is refused.

    ``.add()`` and ``.set()`` write at once, without ``save()``; this is the
    same wall for them. Both directions are covered.
    """
    if action != "pre_add" or not pk_set:
        return
    owner_model = model if reverse else type(instance)
    if not issubclass(owner_model, CouncilWall):
        return
    for field in council_references(owner_model):
        if not field.many_to_many or field.remote_field.through is not sender:
            continue
        if reverse:
            owners, targets = list(model._default_manager.filter(pk__in=pk_set)), [instance]
        else:
            owners, targets = [instance], list(model._default_manager.filter(pk__in=pk_set))
        for owner in owners:
            errors = cross_council_errors(owner_model, council_id_of(owner), {field.name: targets})
            if errors:
                raise ValidationError(errors)


m2m_changed.connect(refuse_cross_council_m2m, dispatch_uid="vsend_refuse_cross_council_m2m")


@cache
def walled_models():
    """Every vsend model with a reference to a council-owned object, for checks and tests."""
    return tuple(
        model
        for model in apps.get_models()
        if model._meta.app_label.startswith("vsend") and council_references(model)
    )


__all__ = [
    "CouncilWall",
    "check_council_references",
    "council_id_of",
    "council_references",
    "cross_council_errors",
    "is_council_owned",
    "owned_by",
    "page_council_id",
    "walled_models",
]
