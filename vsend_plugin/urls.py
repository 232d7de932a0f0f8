"""Everything vsend serves outside Wagtail's page tree; include it once in a project's urls.

    path("", include("vsend_plugin.urls")),

must come before ``wagtail.urls``, which catches every other path.
"""

from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path(
        "sign-in/",
        auth_views.LoginView.as_view(
            template_name="vsend/core/sign_in.html", next_page="/", redirect_authenticated_user=True
        ),
        name="vsend_sign_in",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(next_page="/"), name="vsend_sign_out"),
    path("api/vsend/v1/", include("vsend_plugin.api.urls")),
    path("api/oruk/", include("vsend_plugin.local_offer.oruk_urls")),
    path("", include("vsend_plugin.assessments.urls")),
]
