"""The dashboard page in the Wagtail admin, its CSV downloads, and who may open them.

Only a SEND officer of a council (or a superuser) sees that council's
dashboard; who that is comes from :func:`~vsend_plugin.core.permissions.councils_for`,
the one place that knows. Everyone else with admin access is refused with a
403, and a council the user is not an officer of answers 404, as if it did not
exist, whether it does or not. The council and quarter come from the query
string and are checked before anything is read: a quarter that is not written
``YYYY-Qn`` is a 400, one without figures a 404, both with a page that says
so and offers the quarters there are.

Figures are read from stored rollups only (see :mod:`.figures`), so the
page, the API and a federated peer show the same numbers. Which sections the
page has is up to the ``construct_vsend_dashboard_sections`` hook (see
:mod:`.registry`); the CSV of a section the page does not have is a 404.
"""

import csv
from dataclasses import dataclass

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from vsend_plugin.core.models import Role
from vsend_plugin.core.permissions import councils_for
from vsend_plugin.scoring import SCHEME

from ..models import Dimension, Rollup
from ..periods import PeriodError, parse_period, period_sort_key
from ..serving import min_group
from .figures import Dashboard
from .readings import quarter_name
from .registry import dashboard_sections

PLAIN_TEXT = "text/plain; charset=utf-8"


def officer_councils(user):
    """Councils whose dashboard ``user`` may open: where they are a SEND officer.

    Every council for a superuser.
    """
    return councils_for(user, [Role.OFFICER]).order_by("name")


def may_see_dashboard(user):
    return officer_councils(user).exists()


def quarters_with_figures(council):
    """Quarters with stored figures for the council, oldest first."""
    periods = (
        Rollup.objects.filter(council=council, scheme=SCHEME, dimension=Dimension.COUNCIL)
        .order_by()
        .values_list("period", flat=True)
        .distinct()
    )
    return sorted(set(periods), key=period_sort_key)


class ChoiceError(Exception):
    """A council or quarter in the query that cannot be shown, with the status to answer."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status, self.message = status, message


@dataclass
class Choice:
    councils: list
    council: object = None
    quarters: list = None
    period: str | None = None

    def query(self, **changes):
        values = {"council": self.council.slug, "period": self.period, **changes}
        return urlencode({key: value for key, value in values.items() if value})


def choose(request):
    """The council and quarter asked for, checked; :class:`ChoiceError` when they cannot be shown.

    With no council given, the first of the user's councils; with no quarter,
    the latest with figures.
    """
    councils = list(officer_councils(request.user))
    if not councils:
        raise ChoiceError(403, "The benchmarking dashboard is for SEND officers.")
    choice = Choice(councils)
    slug = request.GET.get("council") or None
    if slug is None:
        choice.council = councils[0]
    else:
        choice.council = next((council for council in councils if council.slug == slug), None)
        if choice.council is None:
            choice.council = councils[0]
            raise _with(
                choice,
                ChoiceError(
                    404,
                    f"There is no council “{slug[:60]}” among the councils whose figures you "
                    "may see.",
                ),
            )
    choice.quarters = quarters_with_figures(choice.council)
    text = request.GET.get("period") or None
    if text is None:
        choice.period = choice.quarters[-1] if choice.quarters else None
        return choice
    try:
        parse_period(text)
    except PeriodError as error:
        raise _with(choice, ChoiceError(400, str(error))) from None
    if text not in choice.quarters:
        raise _with(
            choice,
            ChoiceError(
                404,
                f"{choice.council.name} has no figures for {text}. Choose one of the quarters "
                "listed.",
            ),
        )
    choice.period = text
    return choice


def _with(choice, error):
    error.choice = choice
    return error


class DashboardView(WagtailAdminTemplateMixin, TemplateView):
    """One council's benchmarks for one quarter: each chart with its table and CSV link."""

    template_name = "vsend/benchmarking/dashboard.html"
    page_title = "Benchmarking"
    header_icon = "table"

    def get(self, request, *args, **kwargs):
        try:
            self.choice = choose(request)
        except ChoiceError as error:
            if error.status == 403:
                return TemplateResponse(
                    request,
                    "vsend/benchmarking/dashboard_forbidden.html",
                    {**super().get_context_data(), "message": error.message},
                    status=403,
                )
            self.choice = getattr(error, "choice", None)
            context = self.get_context_data(error=error.message)
            return self.render_to_response(context, status=error.status)
        return self.render_to_response(self.get_context_data())

    def get_page_subtitle(self):
        choice = getattr(self, "choice", None)
        if choice and choice.council and choice.period:
            return f"{choice.council.name}, {choice.period}"
        return ""

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": "Benchmarking"}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        choice = self.choice
        context["choice"] = choice
        context["quarter_options"] = [
            {"value": period, "label": f"{quarter_name(period)} ({period})"}
            for period in reversed(choice.quarters or [])
        ]
        if "error" not in context and choice.period:
            dashboard = Dashboard(
                self.request.user, choice.council, choice.period, dashboard_sections(self.request)
            )
            csv_url = reverse("vsend_benchmarking_dashboard_csv", args=["SECTION"])
            sections = dashboard.sections()
            for section in sections:
                section.csv_url = csv_url.replace("SECTION", section.slug) + "?" + choice.query()
            context["dashboard"] = dashboard
            context["summary"] = dashboard.summary()
            context["sections"] = sections
            context["quarter_label"] = quarter_name(choice.period)
            context["min_group"] = min_group()
        return context


def dashboard_csv(request, section):
    """One section's table as CSV, under the same checks as the page."""
    sections = [kind for kind in dashboard_sections(request) if kind.slug == section]
    if not sections:
        raise Http404
    try:
        choice = choose(request)
    except ChoiceError as error:
        return HttpResponse(error.message, status=error.status, content_type=PLAIN_TEXT)
    if choice.period is None:
        return HttpResponse(
            f"{choice.council.name} has no figures yet.", status=404, content_type=PLAIN_TEXT
        )
    table = Dashboard(request.user, choice.council, choice.period, sections).section(section).table
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"vsend-{choice.council.slug}-{choice.period}-{section}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow([column.heading for column in table.columns])
    for row in table.text_rows():
        writer.writerow(
            [
                _safe_for_spreadsheets(text) if not column.numeric else text
                for text, column in zip(row, table.columns, strict=True)
            ]
        )
    return response


def _safe_for_spreadsheets(text):
    """A name someone typed (a setting's, say) must not run as a formula when the CSV is opened."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class DashboardMenuItem(MenuItem):
    """Shown only to users who may open the dashboard of some council."""

    def is_shown(self, request):
        return may_see_dashboard(request.user)


def menu_item():
    return DashboardMenuItem(
        "Benchmarking",
        reverse("vsend_benchmarking_dashboard"),
        icon_name="table",
        order=290,
        name="benchmarking",
    )


urlpatterns = [
    path("benchmarking/", DashboardView.as_view(), name="vsend_benchmarking_dashboard"),
    path("benchmarking/<slug:section>.csv", dashboard_csv, name="vsend_benchmarking_dashboard_csv"),
]
