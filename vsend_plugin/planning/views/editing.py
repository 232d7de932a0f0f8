"""The practitioner's pages that change a plan: support, outcomes, and provision towards 18.

Each page changes one thing in the plan as the API carries it (an item added,
changed or removed; an outcome; the trajectory) and saves the whole plan
through the same serializer and :func:`~vsend_plugin.planning.plans.save_plan`
as ``PUT children/{id}/plan/``, so every change is a version. A form that
fails is shown again with the GOV.UK error summary, and nothing is stored.

Support is added in two steps, one question a page: where it comes from (the
council's catalogue, which fills in its kind, name and typical hours, or
something not in it), then its details.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from .. import scheme
from ..forms import OutcomeForm, SupportItemForm, TrajectoryForm
from ..models import ProvisionService
from ..road import item_row
from .base import PlanMixin, PlanRefused

FREE_ENTRY = "free"


def _find(rows, pk):
    for index, row in enumerate(rows):
        if row["id"] == pk:
            return index, row
    raise Http404("There is nothing with this id in this plan.")


class EditingMixin(PlanMixin):
    template_name = ""

    def render_page(self, request, context, status=200):
        self.log_read(request)  # the page shows (part of) the child's plan
        return render(
            request,
            self.template_name,
            {"child": self.child, "back_url": self.plan_url(), **context},
            status=status,
        )

    def saved(self, request, changed, message, anchor, **kwargs):
        try:
            self.save(request, changed, **kwargs)
        except PlanRefused as refused:
            return refused
        messages.success(request, message)
        return redirect(self.plan_url(anchor))


class SupportSourceView(EditingMixin, View):
    """Where the support comes from: one of the council's catalogue, or something else."""

    template_name = "vsend/planning/support_source.html"

    def get(self, request, pk):
        self.setup_plan(request, pk, write=True)
        catalogue = list(ProvisionService.objects.filter(council=self.council).order_by("name"))
        details = reverse("vsend_plan_support_new", args=[self.child.pk])
        if not catalogue:
            return redirect(f"{details}?from={FREE_ENTRY}")
        error = None
        if "from" in request.GET and not request.GET["from"]:
            error = "Select where the support comes from"
        return self.render_page(
            request,
            {
                "catalogue": catalogue,
                "details_url": details,
                "free_entry": FREE_ENTRY,
                "error": error,
            },
            status=400 if error else 200,
        )


class SupportItemView(EditingMixin, View):
    """Adding support (``item`` is None) or changing an item of the plan."""

    template_name = "vsend/planning/support_form.html"

    def setup_item(self, request, pk, item=None):
        self.setup_plan(request, pk, write=True)
        self.row, self.index, self.entry = None, None, None
        if item is not None:
            self.index, self.row = _find(self.document["support"], item)
            self.entry = self.plan.support.get(pk=item).catalogue_entry
        else:
            source = request.GET.get("from") or request.POST.get("from") or FREE_ENTRY
            if source != FREE_ENTRY:
                try:
                    self.entry = ProvisionService.objects.get(council=self.council, pk=int(source))
                except (ValueError, ProvisionService.DoesNotExist):
                    raise Http404("That is not in the council's catalogue.") from None

    def form(self, data=None):
        initial = SupportItemForm.initial_for(self.row, None if self.row else self.entry)
        return SupportItemForm(data, initial=initial, catalogue_entry=self.entry)

    def page(self, request, form, status=200, problems=()):
        heading = "Change support" if self.row else "Add support"
        return self.render_page(
            request,
            {
                "form": form,
                "heading": heading,
                "entry": self.entry,
                "source": self.entry.pk if self.entry else FREE_ENTRY,
                "adding": self.row is None,
                "intrusive_question": scheme.INTRUSIVE_QUESTION,
                "problems": list(problems),
                "back_url": reverse("vsend_plan_support_add", args=[self.child.pk])
                if self.row is None and self.entry is not None
                else self.plan_url("support"),
            },
            status=status,
        )

    def get(self, request, pk, item=None):
        self.setup_item(request, pk, item)
        if item is None and not request.GET.get("from"):  # nothing chosen on the page before
            return redirect(reverse("vsend_plan_support_add", args=[pk]) + "?from=")
        return self.page(request, self.form())

    def post(self, request, pk, item=None):
        self.setup_item(request, pk, item)
        form = self.form(request.POST)
        if not form.is_valid():
            return self.page(request, form, status=400)
        changed = dict(self.document)
        support = list(changed["support"])
        if self.row is None:
            support.append(form.document)
            kwargs = {"catalogue_entry": self.entry}
        else:
            support[self.index] = {**form.document, "id": self.row["id"]}
            kwargs = {}
        changed["support"] = support
        verb = "added to" if self.row is None else "changed in"
        result = self.saved(
            request, changed, f"{form.document['name']} {verb} the plan.", "support", **kwargs
        )
        if isinstance(result, PlanRefused):
            return self.page(
                request, form, 400, [{"message": m, "href": ""} for m in result.messages()]
            )
        return result


class OutcomeView(EditingMixin, View):
    """Adding an outcome (``outcome`` is None) or changing one; its review status is kept."""

    template_name = "vsend/planning/outcome_form.html"

    def setup_outcome(self, request, pk, outcome=None):
        self.setup_plan(request, pk, write=True)
        self.index, self.row = (
            (None, None) if outcome is None else _find(self.document["outcomes"], outcome)
        )

    def form(self, data=None):
        initial = {}
        if self.row:
            initial = {
                "area": self.row["area"],
                "text": self.row["text"],
                "horizon": self.row["horizon"],
                "adulthood": self.row["adulthood"] or "none",
            }
        return OutcomeForm(data, initial=initial)

    def page(self, request, form, status=200, problems=()):
        return self.render_page(
            request,
            {
                "form": form,
                "heading": "Change an outcome" if self.row else "Add an outcome",
                "problems": list(problems),
                "back_url": self.plan_url("outcomes"),
            },
            status=status,
        )

    def get(self, request, pk, outcome=None):
        self.setup_outcome(request, pk, outcome)
        return self.page(request, self.form())

    def post(self, request, pk, outcome=None):
        self.setup_outcome(request, pk, outcome)
        form = self.form(request.POST)
        if not form.is_valid():
            return self.page(request, form, status=400)
        changed = dict(self.document)
        outcomes = list(changed["outcomes"])
        if self.row is None:
            outcomes.append(form.document)
            message = "Outcome added to the plan."
        else:
            outcomes[self.index] = {**self.row, **form.document}
            outcomes[self.index].pop("reviewed_at", None)
            message = "Outcome changed."
        changed["outcomes"] = outcomes
        result = self.saved(request, changed, message, "outcomes")
        if isinstance(result, PlanRefused):
            return self.page(
                request, form, 400, [{"message": m, "href": ""} for m in result.messages()]
            )
        return result


class RemoveView(EditingMixin, View):
    """Asks, then removes a support item or an outcome (the plan's history keeps it)."""

    template_name = "vsend/planning/confirm_remove.html"
    kind = "support"

    def setup_remove(self, request, pk, thing):
        self.setup_plan(request, pk, write=True)
        self.index, self.row = _find(self.document[self.kind], thing)

    def get(self, request, pk, thing):
        self.setup_remove(request, pk, thing)
        if self.kind == "support":
            item = item_row(self.plan.support.get(pk=thing))
            what = item["name"]
        else:
            what = self.row["text"]
        return self.render_page(
            request, {"what": what, "kind": self.kind, "back_url": self.plan_url(self.kind)}
        )

    def post(self, request, pk, thing):
        self.setup_remove(request, pk, thing)
        changed = dict(self.document)
        changed[self.kind] = [row for row in changed[self.kind] if row["id"] != thing]
        what = "Support" if self.kind == "support" else "Outcome"
        result = self.saved(request, changed, f"{what} removed from the plan.", self.kind)
        if isinstance(result, PlanRefused):  # pragma: no cover - the plan's own rows pass
            raise Http404
        return result


class TrajectoryView(EditingMixin, View):
    """The planned provision level in each area at now, the next phase, 16 and 18."""

    template_name = "vsend/planning/trajectory_form.html"

    def page(self, request, form, status=200):
        return self.render_page(
            request, {"form": form, "back_url": self.plan_url("road")}, status=status
        )

    def get(self, request, pk):
        self.setup_plan(request, pk, write=True)
        return self.page(
            request, TrajectoryForm(initial=TrajectoryForm.initial_for(self.document["trajectory"]))
        )

    def post(self, request, pk):
        self.setup_plan(request, pk, write=True)
        form = TrajectoryForm(request.POST)
        if not form.is_valid():
            return self.page(request, form, status=400)
        changed = {**self.document, "trajectory": form.document}
        result = self.saved(request, changed, "Planned provision saved.", "road")
        if isinstance(result, PlanRefused):  # pragma: no cover
            raise Http404
        return result
