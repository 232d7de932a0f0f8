"""Which council a request is for: the council of the Wagtail site that answers it."""

from wagtail.models import Site

from .models import Council


def council_for_request(request):
    """The council whose site serves this request, or None (e.g. on the portal)."""
    if not hasattr(request, "_vsend_council"):
        site = Site.find_for_request(request)
        request._vsend_council = (
            Council.objects.filter(site=site).select_related("site").first() if site else None
        )
    return request._vsend_council
