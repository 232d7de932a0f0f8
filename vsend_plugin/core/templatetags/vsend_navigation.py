"""The header and footer of every page: the user's links, the council's sections and footer links.

The user's links come from :mod:`vsend_plugin.core.navigation`; sections and
footer links from the council's own page tree.
"""

from django import template
from wagtail.models import Site

from vsend_plugin.core.navigation import acting_for, links_for

from ..public_pages import public_pages_for_site

register = template.Library()


@register.simple_tag(takes_context=True)
def service_navigation_links(context):
    """``[(link, is_current_page), ...]`` for the request in the template's context."""
    request = context.get("request")
    if request is None or not hasattr(request, "user"):
        return []
    return [(link, link.is_active(request.path)) for link in links_for(request)]


def _site(context):
    request = context.get("request")
    return Site.find_for_request(request) if request is not None else None


@register.inclusion_tag("vsend/core/includes/site_sections.html", takes_context=True)
def vsend_site_sections(context):
    """The council's main sections (its home page's live children shown in menus) for the header."""
    request = context.get("request")
    site = _site(context)
    sections = []
    if site is not None:
        for section in site.root_page.get_children().live().public().in_menu().specific():
            url = section.get_url(request)
            if not url:
                continue
            current = request.path == url
            sections.append(
                {
                    "title": section.title,
                    "url": url,
                    "current": current,
                    "active": current or request.path.startswith(url),
                }
            )
    return {"sections": sections}


@register.inclusion_tag("vsend/core/includes/footer_links.html", takes_context=True)
def vsend_footer_links(context):
    """Links to the council's accessibility statement, privacy notice and cookies page."""
    request = context.get("request")
    pages = public_pages_for_site(_site(context))
    return {"links": [{"title": page.title, "url": page.get_url(request)} for page in pages]}


@register.inclusion_tag("vsend/core/includes/acting_for.html", takes_context=True)
def vsend_acting_for(context):
    """Which council a member of several is working for here, with links to the others."""
    request = context.get("request")
    return {"acting": acting_for(request) if request is not None else None}
