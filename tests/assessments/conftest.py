"""Fixtures for children's records: a parent carer, an API client, private PDF storage."""

import pytest


@pytest.fixture
def make_parent(db, django_user_model):
    """A parent carer: no council role, only the object permission to see their own child."""
    from guardian.shortcuts import assign_perm

    def make(child, username):
        parent = django_user_model.objects.create_user(
            username, password="correct horse battery staple"
        )
        assign_perm("vsend_assessments.view_child", parent, child)
        return parent

    return make


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
