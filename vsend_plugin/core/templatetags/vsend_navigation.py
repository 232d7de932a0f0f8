"""The service header's links for the signed-in user (see :mod:`vsend_plugin.core.navigation`)."""

from django import template

from vsend_plugin.core.navigation import links_for

register = template.Library()


@register.simple_tag(takes_context=True)
def service_navigation_links(context):
    """``[(link, is_current_page), ...]`` for the request in the template's context."""
    request = context.get("request")
    if request is None or not hasattr(request, "user"):
        return []
    return [(link, link.is_active(request.path)) for link in links_for(request)]
