"""What every plan page shares: the child, their plan, and who may change it.

Anyone who may see the child reads the plan (a practitioner assigned to them,
the council's officers, their family); only a practitioner who may assess
the child changes it. Someone who may see the child but not change the plan
is refused with a 403; anyone else gets the 404 of a child they cannot see.
Every change goes through :func:`vsend_plugin.planning.plans.save_plan`, after
the whole plan has passed the API's serializer, so it is a new version.
"""

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from vsend_plugin.assessments.access import can_assess, child_for
from vsend_plugin.assessments.audit import Action, record_access
from vsend_plugin.assessments.family import is_family_of
from vsend_plugin.assessments.history import latest_versions
from vsend_plugin.assessments.views.base import CouncilSiteMixin

from ..forms import check_plan
from ..plans import document, plan_of, save_plan


class PlanRefused(Exception):
    """The whole plan failed the serializer (an id from another plan, say): nothing stored."""

    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors

    def messages(self):
        found = []

        def walk(value, where):
            if isinstance(value, dict):
                for key, inner in value.items():
                    walk(inner, f"{where}.{key}" if where else str(key))
            elif isinstance(value, list):
                for index, inner in enumerate(value):
                    walk(inner, where if isinstance(inner, str) else f"{where}.{index}")
            else:
                found.append(f"{where}: {value}")

        walk(self.errors, "")
        return found


class PlanMixin(CouncilSiteMixin):
    """Finds the child (404 if they may not be seen) and their plan; ``write`` needs can_assess."""

    def setup_plan(self, request, pk, *, write=False):
        self.child = child_for(request, pk, self.council)
        self.can_write = can_assess(request.user, self.child)
        self.is_family = is_family_of(request.user, self.child)
        if write and not self.can_write:
            raise PermissionDenied("Only a practitioner working with the child changes the plan.")
        self.plan = plan_of(self.child)
        self.document = document(self.plan)

    def log_read(self, request):
        record_access(request, Action.VIEW_PLAN, child=self.child)

    def latest_version(self):
        versions = latest_versions(self.child)
        return versions[-1] if versions else None

    def plan_url(self, anchor=""):
        url = reverse("vsend_plan", args=[self.child.pk])
        return f"{url}#{anchor}" if anchor else url

    def save(self, request, changed, *, catalogue_entry=None):
        """Save ``changed`` (the plan as the API carries it) as a new version.

        ``catalogue_entry`` is the council's catalogue entry of a support item
        added last, which the API's shape does not carry.
        """
        validated, errors = check_plan(changed, self.plan)
        if errors:
            raise PlanRefused(errors)
        if catalogue_entry is not None:
            validated["support"][-1]["catalogue_entry"] = catalogue_entry
        self.plan = save_plan(self.child, validated, author=request.user)
        return self.plan
