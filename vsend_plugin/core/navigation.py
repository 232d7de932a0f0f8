"""The links in the service header, and where a user lands after signing in.

Both answer the same question, "where is this user's work?", so they come
from one list: the links every app contributes for the signed-in user. The
first link marked as a destination is where signing in leads.

Core knows about the admin and signing in and out; the apps above it add
their own links with the Wagtail hook ``register_vsend_navigation_links``: a
function taking the request and returning :class:`NavigationLink` objects
(for instance, assessments adds "Your children" for practitioners and parent
carers). Core never imports those apps.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail import hooks

from .permissions import councils_for, roles_of
from .sites import council_for_request

#: Order of a link in the header: lower first. Work links come before the admin.
WORK, ADMIN = 10, 50


@dataclass(frozen=True)
class NavigationLink:
    label: str
    url: str
    #: Signing in may lead here (the first destination in order wins).
    destination: bool = False
    order: int = WORK
    #: Which URL prefix makes this link the current page in the header.
    active_prefix: str = ""

    def is_active(self, path):
        prefix = self.active_prefix or self.url
        return prefix != "/" and path.startswith(prefix)


def may_use_admin(user):
    """Editors, officers, superusers: anyone Wagtail lets into its admin."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))
    )


def admin_links(request):
    if not may_use_admin(request.user):
        return []
    council = council_for_request(request)
    label = "Admin" if council is None or not roles_of(request.user, council) else "Council admin"
    return [NavigationLink(label, reverse("wagtailadmin_home"), destination=True, order=ADMIN)]


def links_for(request):
    """Every navigation link for this request's user, in header order."""
    if not request.user.is_authenticated:
        return []
    links = admin_links(request)
    for contribute in hooks.get_hooks("register_vsend_navigation_links"):
        links += list(contribute(request) or ())
    return sorted(links, key=lambda link: link.order)


@dataclass(frozen=True)
class ActingFor:
    """The council a member of several works for on this site, and the others they may switch to."""

    council: object
    others: list


def acting_for(request):
    """For staff of more than one council, on one of their councils' sites; else ``None``.

    Each council's site shows only that council's children and work, so the
    site a practitioner is on is the council they act for; switching council
    is going to the other council's site, with the same sign-in.
    """
    user = getattr(request, "user", None)  # none on a 400 page for a host that is not ours
    if user is None or not user.is_authenticated or user.is_superuser:
        return None
    council = council_for_request(request)
    if council is None or not roles_of(user, council):
        return None
    others = list(councils_for(user).exclude(pk=council.pk).select_related("site").order_by("name"))
    if not others:
        return None
    return ActingFor(council, [(other, other.site.root_url + "/") for other in others])


def is_safe_next(request, url):
    return bool(url) and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def destination_for(request):
    """Where signing in leads: a safe ``next``, else the user's work, else the home page."""
    next_url = request.POST.get("next") or request.GET.get("next")
    if is_safe_next(request, next_url):
        return next_url
    for link in links_for(request):
        if link.destination:
            return link.url
    return "/"
