"""Everything vsend serves outside Wagtail's page tree; include it once in a project's urls.

    path("", include("vsend_plugin.urls")),

must come before ``wagtail.urls``, which catches every other path.
"""

from django.urls import include, path

from vsend_plugin.core.sign_in import SignInView, SignOutView

urlpatterns = [
    path("sign-in/", SignInView.as_view(), name="vsend_sign_in"),
    path("sign-out/", SignOutView.as_view(), name="vsend_sign_out"),
    path("api/vsend/v1/", include("vsend_plugin.api.urls")),
    path("api/oruk/", include("vsend_plugin.local_offer.oruk_urls")),
    path("", include("vsend_plugin.planning.urls")),
    path("", include("vsend_plugin.moderation.urls")),
    path("", include("vsend_plugin.records.urls")),
    path("", include("vsend_plugin.assessments.urls")),
]
