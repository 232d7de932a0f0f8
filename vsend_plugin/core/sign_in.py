"""Signing in and out of a council's site, and the page shown when sign-in is throttled.

Sign-in leads where the user's work is (see :mod:`vsend_plugin.core.navigation`).
Repeated wrong passwords lock the account and the address out for a while:
django-axes counts the failures (for this page and the Wagtail admin's alike)
and calls :func:`locked_out` for the page it answers with.

vsend's own pages send someone who must sign in to ``VSEND_SIGN_IN_URL``
(vsend's sign-in page by default), never to the project's ``LOGIN_URL``: the
project's other pages keep their own sign-in (single sign-on, say).
"""

import math

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import render

from vsend_plugin.conf import vsend_settings

from .navigation import destination_for


def redirect_to_sign_in(request):
    """Send someone to vsend's sign-in page, to come back to this page once signed in."""
    return auth_views.redirect_to_login(request.get_full_path(), vsend_settings.SIGN_IN_URL)


class SignInRequiredMixin(LoginRequiredMixin):
    """Django's ``LoginRequiredMixin``, to vsend's sign-in page rather than ``LOGIN_URL``."""

    def get_login_url(self):
        return self.login_url or vsend_settings.SIGN_IN_URL


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
