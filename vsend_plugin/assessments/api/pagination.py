"""How lists of children are paged."""

from rest_framework.pagination import PageNumberPagination


class ChildPagination(PageNumberPagination):
    page_size = 50
