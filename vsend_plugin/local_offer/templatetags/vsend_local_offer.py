"""Links between the local offer's results and its service pages that keep the family's search."""

from urllib.parse import urlencode, urlsplit

from django import template
from django.utils.http import url_has_allowed_host_and_scheme

register = template.Library()

#: Longer ``back`` addresses are not ones the search page made.
LONGEST_BACK = 2000


@register.simple_tag(takes_context=True)
def service_link(context, service):
    """The service's address, carrying the search it was found by (as ``back``) if there was one."""
    request = context.get("request")
    url = service.get_url(request)
    if request is not None and request.GET:
        url = f"{url}?{urlencode({'back': request.get_full_path()})}"
    return url


def safe_back(request, index_url):
    """``request``'s ``back`` if it is the local offer's own search page on this site, else None.

    Only a relative address whose path is exactly the local offer index's is
    accepted, so the link can never lead elsewhere (an open redirect) or to
    another page of the site.
    """
    back = request.GET.get("back", "") if request is not None else ""
    if not back or len(back) > LONGEST_BACK or "\\" in back or not index_url:
        return None
    if any(ord(character) < 32 for character in back):
        return None
    parts = urlsplit(back)
    if parts.scheme or parts.netloc or parts.fragment or parts.path != urlsplit(index_url).path:
        return None
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return None
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


@register.simple_tag(takes_context=True)
def back_to_search(context, page):
    """Where "Back to local offer" goes: the family's search if it came from one, else the index."""
    request = context.get("request")
    index = page.get_parent()
    index_url = index.get_url(request)
    return safe_back(request, index_url) or index_url
