"""The parts of every page that come from the council's own page tree: sections and footer links."""

from django import template
from wagtail.models import Site

from ..public_pages import public_pages_for_site

register = template.Library()


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
