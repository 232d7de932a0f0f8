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
