"""Signing in and out of a council's site, and the page shown when sign-in is throttled.

Sign-in leads where the user's work is (see :mod:`vsend_plugin.core.navigation`).
Repeated wrong passwords lock the account and the address out for a while:
django-axes counts the failures (for this page and the Wagtail admin's alike)
and calls :func:`locked_out` for the page it answers with.
"""

import math

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import render

from .navigation import destination_for


class SignInView(auth_views.LoginView):
    template_name = "vsend/core/sign_in.html"
    redirect_authenticated_user = True

    def get_success_url(self):
        return destination_for(self.request)


class SignOutView(auth_views.LogoutView):
    next_page = "/"


def cool_off_minutes():
    from axes.helpers import get_cool_off

    cool_off = get_cool_off()
    return math.ceil(cool_off.total_seconds() / 60) if cool_off else None


def locked_out(request, response=None, credentials=None, *args, **kwargs):
    """GOV.UK words for a throttled sign-in, with 429 Too Many Requests."""
    return render(
        request,
        "vsend/core/locked_out.html",
        {"minutes": cool_off_minutes()},
        status=getattr(settings, "AXES_HTTP_RESPONSE_CODE", 429),
    )
