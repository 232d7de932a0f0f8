"""ORUK's page envelope: ``total_items``, ``total_pages``, ``page_number``, ``size``, and the rest.

Pages are asked for with ``page`` (from 1) and ``per_page`` (50 unless
given, at most 200). A page past the end is an empty page, not an error,
and no offset beyond the last item reaches the database.
"""

import math

from rest_framework import serializers
from rest_framework.pagination import BasePagination
from rest_framework.response import Response

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200


def whole_number(params, name, default, maximum=None):
    """The query parameter ``name`` as a whole number from 1 (to ``maximum``); 400 otherwise."""
    raw = params.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        problem = f"{name} must be a whole number, not '{raw}'."
    else:
        if value < 1:
            problem = f"{name} must be 1 or more."
        elif maximum is not None and value > maximum:
            problem = f"{name} must be {maximum} or fewer."
        else:
            return value
    raise serializers.ValidationError({name: [problem]})


class OrukPagination(BasePagination):
    """One page of a queryset or list, in ORUK's envelope."""

    page_query_param = "page"
    page_size_query_param = "per_page"
    page_size = DEFAULT_PER_PAGE
    max_page_size = MAX_PER_PAGE

    def paginate_queryset(self, queryset, request, view=None):
        problems = self.parameter_errors(request)
        if problems:
            raise serializers.ValidationError(problems)
        self.total_items = len(queryset) if isinstance(queryset, list) else queryset.count()
        start = (self.page_number - 1) * self.per_page
        if start >= self.total_items:
            return []
        return list(queryset[start : start + self.per_page])

    def parameter_errors(self, request):
        """Read ``page`` and ``per_page``; the problems with them, by parameter (none: ``{}``)."""
        params, problems = request.query_params, {}
        try:
            self.page_number = whole_number(params, self.page_query_param, 1)
        except serializers.ValidationError as error:
            problems.update(error.detail)
        try:
            self.per_page = whole_number(
                params, self.page_size_query_param, self.page_size, self.max_page_size
            )
        except serializers.ValidationError as error:
            problems.update(error.detail)
        return problems

    def get_paginated_response(self, data):
        total_pages = math.ceil(self.total_items / self.per_page)
        return Response(
            {
                "total_items": self.total_items,
                "total_pages": total_pages,
                "page_number": self.page_number,
                "size": len(data),
                "first_page": self.page_number == 1,
                "last_page": self.page_number >= total_pages,
                "empty": not data,
                "contents": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        whole = {"type": "integer"}
        flag = {"type": "boolean"}
        return {
            "type": "object",
            "required": [
                "total_items",
                "total_pages",
                "page_number",
                "size",
                "first_page",
                "last_page",
                "empty",
                "contents",
            ],
            "properties": {
                "total_items": whole,
                "total_pages": whole,
                "page_number": whole,
                "size": whole,
                "first_page": flag,
                "last_page": flag,
                "empty": flag,
                "contents": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": "The page to show, from 1.",
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Items a page, {self.page_size} unless given.",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]
