"""Fixtures for children and their records: a child, a parent carer, an API client."""

import pytest


@pytest.fixture
def make_child(db):
    """A child of ``council`` at one of its settings, in that setting's locality."""
    from vsend_plugin.assessments.models import Child

    def make(council, case_reference, given_name="Amara", *, setting=None, year_group="year_4"):
        setting = setting or council.settings.order_by("pk").first()
        return Child.objects.create(
            council=council,
            setting=setting,
            locality=setting.locality,
            case_reference=case_reference,
            given_name=given_name,
            birth_month=3,
            birth_year=2017,
            year_group=year_group,
        )

    return make


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
