"""Fixtures for children's records: a parent carer, an API client, private PDF storage."""

import pytest


def create_parent(child, username):
    """A parent carer: no council role, only the object permission to see their own child."""
    from django.contrib.auth import get_user_model
    from guardian.shortcuts import assign_perm

    parent = get_user_model().objects.create_user(username, password="correct horse battery staple")
    assign_perm("vsend_assessments.view_child", parent, child)
    return parent


@pytest.fixture
def make_parent(db):
    """A parent carer: no council role, only the object permission to see their own child."""
    return create_parent


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def pdf_storage(tmp_path, monkeypatch):
    """PDF summaries go to a temporary directory rather than the site's private one."""
    from django.core.files.storage import FileSystemStorage

    from vsend_plugin.assessments.models import PdfSummary

    storage = FileSystemStorage(location=tmp_path / "private", base_url=None)
    monkeypatch.setattr(PdfSummary._meta.get_field("file"), "storage", storage)
    return storage
