"""vsend's API views choose every policy DRF would otherwise read from ``REST_FRAMEWORK``.

A project's ``REST_FRAMEWORK`` is for its own API (Wagtail's pages API, say):
whatever it says, vsend's endpoints keep their token-first authentication,
their permissions, throttles, error shape and schema.
"""

import ast
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import get_resolver
from drf_spectacular.openapi import AutoSchema
from rest_framework.views import APIView

from tests.url_table import walk
from vsend_plugin.assessments.api import ScoreRateThrottle
from vsend_plugin.benchmarking.api import BenchmarkThrottle
from vsend_plugin.core.api_errors import exception_handler

#: Every attribute through which an APIView reads ``REST_FRAMEWORK``'s defaults.
POLICIES = (
    "authentication_classes",
    "permission_classes",
    "throttle_classes",
    "renderer_classes",
    "parser_classes",
    "content_negotiation_class",
    "metadata_class",
    "versioning_class",
    "schema",
)
#: And those of a GenericAPIView.
GENERIC_POLICIES = ("pagination_class", "filter_backends")


def vsend_api_views():
    views = {}
    for route, _, pattern in walk(get_resolver().url_patterns):
        view_class = getattr(pattern.callback, "cls", None)
        if view_class and issubclass(view_class, APIView) and route.startswith("api/"):
            if view_class.__module__.startswith("vsend_plugin"):
                views[view_class.__qualname__] = view_class
    return views


def defined_by(view_class, attribute):
    return next(cls for cls in view_class.__mro__ if attribute in vars(cls))


def test_there_are_api_views_to_check():
    assert {"ScoreView", "ChildListView", "BenchmarksView", "SchemaView"} <= set(vsend_api_views())


@pytest.mark.parametrize("name", sorted(vsend_api_views()))
def test_each_policy_is_vsends_own(name):
    view_class = vsend_api_views()[name]
    policies = POLICIES + (GENERIC_POLICIES if hasattr(view_class, "pagination_class") else ())
    for attribute in policies:
        owner = defined_by(view_class, attribute)
        assert owner.__module__.startswith("vsend_plugin"), (
            f"{name}.{attribute} comes from {owner.__module__}.{owner.__qualname__}, "
            "that is from the project's REST_FRAMEWORK settings"
        )
    assert view_class().get_exception_handler() is exception_handler
    assert isinstance(view_class().schema, AutoSchema)


def test_throttle_rates_are_vsends_setting():
    assert ScoreRateThrottle().get_rate() == "600/min"
    assert BenchmarkThrottle().get_rate() == "120/min"
    with override_settings(VSEND_THROTTLE_RATES={"score": "2/min"}):
        assert ScoreRateThrottle().get_rate() == "2/min"
        # a scope the setting leaves out keeps vsend's default
        assert BenchmarkThrottle().get_rate() == "120/min"


HOSTILE_REST_FRAMEWORK = {
    "DEFAULT_THROTTLE_RATES": {"score": "1/day", "benchmarks": "1/day", "vsend_score": "1/day"},
    "EXCEPTION_HANDLER": "rest_framework.views.exception_handler",
}


def test_drfs_throttle_rates_and_exception_handler_do_not_reach_vsend(db, django_user_model):
    from rest_framework.test import APIClient

    user = django_user_model.objects.create_user("scorer")
    client = APIClient()
    client.force_authenticate(user)
    with override_settings(REST_FRAMEWORK=HOSTILE_REST_FRAMEWORK):
        statuses = [
            client.post("/api/vsend/v1/score/", {"need": {}}, format="json").status_code
            for _ in range(3)
        ]
        refused = client.post("/api/vsend/v1/score/", {"need": {"CI.receptive": 9}}, format="json")
    assert 429 not in statuses
    assert refused.status_code == 400
    assert "errors" in refused.json()


def test_vsends_api_modules_extend_the_schema_through_core():
    """drf-spectacular's ``extend_schema`` on a method builds on REST_FRAMEWORK's schema class."""
    package = Path(__file__).resolve().parents[2] / "vsend_plugin"
    offenders = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom)
        and node.module == "drf_spectacular.utils"
        and any(alias.name == "extend_schema" for alias in node.names)
    ]
    assert offenders == [], "import extend_schema from vsend_plugin.core.api"
