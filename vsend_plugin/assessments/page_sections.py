"""What other apps add to a child's page, through the ``vsend_child_page_sections`` hook.

A hook returns HTML, shown with the local help at the end of the page, or a
:class:`ChildPageSection`: a part of the page in its own right, shown before
the local help and listed in the page's contents, so a family finds it from
the top of a long page.
"""

from dataclasses import dataclass

from django.utils.safestring import mark_safe
from wagtail import hooks


@dataclass(frozen=True)
class ChildPageSection:
    html: str
    #: The words of the section's link in the page's contents.
    heading: str
    #: The ``id`` of the section's heading, that the contents link to.
    anchor: str

    def __str__(self):
        # Templates render str(value): the section's own HTML, marked safe.
        return mark_safe(self.html)  # noqa: S308 - rendered by the app's own templates

    __html__ = __str__


def child_page_sections(request, child, profile):
    """``(sections of their own, local help)`` from every app, in the hooks' order.

    ``profile`` is the latest assessment's, or ``None`` before the child's first.
    """
    own, local_help = [], []
    for hook in hooks.get_hooks("vsend_child_page_sections"):
        section = hook(request, child, profile)
        if isinstance(section, ChildPageSection):
            own.append(section)
        elif section:
            local_help.append(mark_safe(section))  # noqa: S308 - rendered by the app's own templates
    return own, local_help
