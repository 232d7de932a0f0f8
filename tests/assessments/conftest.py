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
