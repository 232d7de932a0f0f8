"""Admin forms that only offer the user's own councils' objects, and refuse any other's.

:class:`CouncilScopedFormMixin` is the one place that does it, for snippet
forms (:class:`CouncilOwnedAdminForm`) and page forms
(:class:`CouncilScopedPageForm`) alike: every choice field whose objects
belong to councils (localities, settings, organisations, categories, forms,
pages, children...) lists only

* the council the object being edited belongs to, when that is fixed (a page
  belongs to the council whose tree it is in), or else
* the councils the user works for (every council for a superuser),

and a choice of another council's object is a field error, not a saved row.
"""

from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from .ownership import (
    OWNER_FIELDS,
    council_id_of,
    council_references,
    cross_council_errors,
    is_council_owned,
    owned_by,
    page_council_id,
)
from .permissions import councils_for


class CouncilScopedFormMixin:
    """Limits council-owned choices to the user's (or the object's) council; refuses others."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_council_choices()

    def fixed_council_id(self):
        """The council the edited object belongs to, when the form does not choose it."""
        if any(name in self.fields for name in OWNER_FIELDS):
            return None
        instance = self.instance
        parent = getattr(self, "parent_page", None)
        if hasattr(instance, "path") and not instance.path:
            return page_council_id(instance, parent) if parent is not None else None
        return council_id_of(instance)

    def users_council_ids(self):
        user = getattr(self, "for_user", None)
        if user is None or user.is_superuser:
            return None
        return set(councils_for(user).values_list("pk", flat=True))

    def limit_council_choices(self):
        fixed = self.fixed_council_id()
        users = self.users_council_ids()
        if fixed is not None:
            allowed = {fixed} if users is None or fixed in users else set()
        else:
            allowed = users
        if allowed is None:
            return
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and is_council_owned(queryset.model):
                field.queryset = owned_by(queryset, allowed)
        if not self.instance.pk:
            for name in OWNER_FIELDS:
                field = self.fields.get(name)
                if field is not None and len(allowed) == 1 and not self.initial.get(name):
                    field.initial = next(iter(allowed))

    def clean(self):
        cleaned_data = super().clean()
        owner = next((cleaned_data.get(n) for n in OWNER_FIELDS if n in self.fields), None)
        if owner is not None:
            council_id = council_id_of(owner)
        elif any(name in self.fields for name in OWNER_FIELDS):
            return cleaned_data  # the council itself is missing: its own error says so
        else:
            council_id = self.fixed_council_id()
            if council_id is None and not getattr(self.instance, "path", True):
                return cleaned_data
        values = {}
        for field in council_references(self._meta.model):
            if field.name in cleaned_data and field.name not in self.errors:
                value = cleaned_data[field.name]
                values[field.name] = list(value) if field.many_to_many else [value]
        for name, messages in cross_council_errors(self._meta.model, council_id, values).items():
            self.add_error(name, messages)
        return cleaned_data


class CouncilOwnedAdminForm(CouncilScopedFormMixin, WagtailAdminModelForm):
    """The admin form of every council-owned snippet (localities, settings, children...)."""


class CouncilScopedPageForm(CouncilScopedFormMixin, WagtailAdminPageForm):
    """The admin form of vsend pages: choices only from the council whose tree the page is in."""
