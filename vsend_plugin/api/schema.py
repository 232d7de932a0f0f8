"""OpenAPI schema helpers."""

API_PREFIX = "/api/vsend/"


def only_vsend_paths(endpoints, **kwargs):
    """drf-spectacular preprocessing hook: document vsend's public API only.

    Without it the schema also picks up Wagtail's internal admin API, whose
    views drf-spectacular cannot describe.
    """
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(API_PREFIX)]
