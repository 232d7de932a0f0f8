"""The family's part of the plan: their hopes for their child, in their own words."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views import View

from ..forms import AspirationsForm
from ..plans import add_family_aspirations
from .base import PlanMixin


class AspirationsView(PlanMixin, View):
    """Only the child's family writes here; what they wrote before is there to change."""

    template_name = "vsend/planning/aspirations.html"

    def setup_family(self, request, pk):
        self.setup_plan(request, pk)
        if not self.is_family:
            raise PermissionDenied("The family's hopes are written by the family.")

    def page(self, request, form, status=200):
        self.log_read(request)
        context = {"child": self.child, "form": form, "back_url": self.plan_url()}
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk):
        self.setup_family(request, pk)
        initial = {"aspirations": self.plan.family_aspirations if self.plan else ""}
        return self.page(request, AspirationsForm(initial=initial))

    def post(self, request, pk):
        self.setup_family(request, pk)
        form = AspirationsForm(request.POST)
        if not form.is_valid():
            return self.page(request, form, status=400)
        add_family_aspirations(self.child, form.cleaned_data["aspirations"], author=request.user)
        messages.success(request, "Thank you. Your hopes have been added to the plan.")
        return redirect(self.plan_url("hopes"))
