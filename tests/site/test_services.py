"""The suite runs against the database it was asked for, never silently against another."""

import os

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_the_database_is_the_one_database_url_names():
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
