"""vsend's OpenAPI schema: what it documents, and drf-spectacular's settings for it.

The settings apply to vsend's schema and documentation views only, never
through the project's ``SPECTACULAR_SETTINGS``. To write the schema to a file:

    python manage.py spectacular --custom-settings vsend_plugin.api.schema.SCHEMA_SETTINGS
"""

API_PREFIX = "/api/vsend/"


def only_vsend_paths(endpoints, **kwargs):
    """drf-spectacular preprocessing hook: document vsend's public API only.

    Without it the schema also picks up Wagtail's internal admin API, whose
    views drf-spectacular cannot describe.
    """
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(API_PREFIX)]


#: drf-spectacular's settings for vsend's schema, applied to its own views only, so that
#: a project's ``SPECTACULAR_SETTINGS`` (for its own API) neither change nor need them.
SCHEMA_SETTINGS = {
    "TITLE": "vsend API",
    "DESCRIPTION": "Scoring, children, assessments and disclosure-controlled benchmarks.",
    "VERSION": "1",
    # vsend's API only, not Wagtail's pages or admin API nor the project's own
    "PREPROCESSING_HOOKS": ["vsend_plugin.api.schema.only_vsend_paths"],
}
#: The documentation page's scripts and styles, from drf-spectacular-sidecar (no CDN).
DOCS_SETTINGS = {"SWAGGER_UI_DIST": "SIDECAR", "SWAGGER_UI_FAVICON_HREF": "SIDECAR"}
