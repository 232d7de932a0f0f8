"""A column that is PostgreSQL's ``tsvector`` there, and unused text on other databases."""

from django.db import models


class SearchVectorColumn(models.TextField):
    """Holds a stored full-text vector on PostgreSQL; other databases match stems instead.

    Django's own ``SearchVectorField`` would make every database create a
    ``tsvector`` column and needs psycopg to import; this field is plain text
    wherever PostgreSQL is not the database.
    """

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else super().db_type(connection)
