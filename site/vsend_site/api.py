"""The site's own API: Wagtail's pages API, public, as many councils' sites already have.

vsend's API (``/api/vsend/v1/``) asks for credentials whatever this one does;
tests/site/test_public_pages_api.py holds the two side by side.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
