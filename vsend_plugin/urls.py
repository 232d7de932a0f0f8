"""Everything vsend serves outside Wagtail's page tree; include it once in a project's urls.

    path("", include("vsend_plugin.urls")),

must come before ``wagtail.urls``, which catches every other path.
"""

from django.urls import include, path

urlpatterns = [
    path("api/vsend/v1/", include("vsend_plugin.api.urls")),
]
