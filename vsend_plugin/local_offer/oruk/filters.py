"""ORUK's query parameters: free text, taxonomy and ages for services, taxonomy for terms.

Each parameter is a form field that says what is wrong in the words the
API has always used (``minimum_age must be a number of years ...``), so a
bad value is a 400 naming the parameter, never a 500 or a silently ignored
filter. A blank parameter is no filter at all.
"""

import uuid
from decimal import Decimal, InvalidOperation

import django_filters
from django import forms
from django.db.models import Q
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import serializers
from rest_framework.filters import BaseFilterBackend

from ..models import AreaOfNeed, ServiceCategory, ServicePage
from ..search_index import matching, parse
from .identifiers import AREAS_TAXONOMY_ID, area_term_id, category_taxonomy_id

#: The longest free-text search, as on the local offer's own search page.
MAX_SEARCH_LENGTH = 200

#: The oldest age a parameter may give, in years.
MAX_AGE = 150


class ParameterField(forms.Field):
    """A form field that knows its query parameter's name, for its messages to say."""

    def __init__(self, *, parameter, **kwargs):
        self.parameter = parameter
        super().__init__(**{"required": False, **kwargs})

    def to_python(self, value):
        value = (value or "").strip()
        return self.parse(value) if value else None

    def parse(self, value):  # pragma: no cover - overridden
        raise NotImplementedError

    def fail(self, message):
        # As a parameter, not the message itself: readers format messages with ``%``, and
        # the message quotes what was sent, which may hold a ``%`` of its own.
        raise forms.ValidationError("%(message)s", code="invalid", params={"message": message})


class UUIDParameterField(ParameterField):
    def parse(self, value):
        try:
            return uuid.UUID(value)
        except ValueError:
            self.fail(
                f"{self.parameter} must be a UUID, such as 3f7b145d-84af-42d7-8fae-eaca714b02b2."
            )


class SearchTextField(ParameterField):
    """Free text; PostgreSQL cannot compare text holding NUL, so it is refused before any query."""

    def parse(self, value):
        if "\x00" in value:
            self.fail(f"{self.parameter} must not contain a null character.")
        if len(value) > MAX_SEARCH_LENGTH:
            self.fail(f"{self.parameter} must be {MAX_SEARCH_LENGTH} characters or fewer.")
        return value


class AgeField(ParameterField):
    def parse(self, value):
        try:
            age = Decimal(value)
        except InvalidOperation:
            self.fail(f"{self.parameter} must be a number of years, not '{value}'.")
        if not age.is_finite() or age < 0 or age > MAX_AGE:
            self.fail(f"{self.parameter} must be a number of years between 0 and {MAX_AGE}.")
        return age


class ParameterFilter(django_filters.Filter):
    """A filter whose form field is told the parameter's name."""

    @property
    def field(self):
        if not hasattr(self, "_field"):
            self._field = self.field_class(parameter=self.field_name, **self.extra)
        return self._field


class UUIDParameterFilter(ParameterFilter):
    field_class = UUIDParameterField


class SearchTextFilter(ParameterFilter):
    field_class = SearchTextField


class AgeFilter(ParameterFilter):
    field_class = AgeField


class ServiceFilterSet(django_filters.FilterSet):
    """ORUK's simple service filters: ``search`` (or ``text``), taxonomy, and ages.

    Needs the council whose services are filtered: its categories are one of
    the taxonomies.
    """

    search = SearchTextFilter(method="filter_text")
    text = SearchTextFilter(method="filter_text")
    taxonomy_term_id = UUIDParameterFilter(method="filter_taxonomy_term")
    taxonomy_id = UUIDParameterFilter(method="filter_taxonomy")
    # "a minimum age of at least" / "a maximum age equal to or below".
    minimum_age = AgeFilter(method="filter_minimum_age")
    maximum_age = AgeFilter(method="filter_maximum_age")

    class Meta:
        model = ServicePage
        fields = []

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.council = council

    def filter_text(self, services, name, text):
        if name == "text" and self.form.cleaned_data.get("search"):
            return services  # search wins when both are given
        # The local offer page's own search: stemming, synonyms, every word in any order.
        return matching(services, parse(text, self.council))

    def filter_taxonomy_term(self, services, name, term):
        codes = [area.code for area in AreaOfNeed.objects.all() if area_term_id(area.code) == term]
        return services.filter(
            Q(areas_of_need__code__in=codes)
            | Q(categories__oruk_id=term, categories__council=self.council)
        ).distinct()

    def filter_taxonomy(self, services, name, taxonomy):
        if taxonomy == AREAS_TAXONOMY_ID:
            return services.filter(areas_of_need__isnull=False).distinct()
        if taxonomy == category_taxonomy_id(self.council):
            return services.filter(categories__council=self.council).distinct()
        return services.none()

    def filter_minimum_age(self, services, name, age):
        # No minimum counts as 0.
        condition = Q(min_age__gte=age)
        if age <= 0:
            condition |= Q(min_age__isnull=True)
        return services.filter(condition)

    def filter_maximum_age(self, services, name, age):
        # No maximum counts as none at all.
        return services.filter(max_age__lte=age)


class CouncilFilterBackend(DjangoFilterBackend):
    """django-filter, with the view's council handed to the filter set."""

    def get_filterset_kwargs(self, request, queryset, view):
        return {**super().get_filterset_kwargs(request, queryset, view), "council": view.council}


class TaxonomyFilterBackend(BaseFilterBackend):
    """``taxonomy_id`` over a list of terms: areas of need and categories are two models."""

    parameter = "taxonomy_id"

    def filter_queryset(self, request, terms, view):
        field = UUIDParameterField(parameter=self.parameter)
        try:
            taxonomy = field.clean(request.query_params.get(self.parameter))
        except forms.ValidationError as error:
            raise serializers.ValidationError({self.parameter: error.messages}) from None
        if taxonomy is None:
            return terms
        if taxonomy == AREAS_TAXONOMY_ID:
            return [term for term in terms if isinstance(term, AreaOfNeed)]
        if taxonomy == category_taxonomy_id(view.council):
            return [term for term in terms if isinstance(term, ServiceCategory)]
        return []
