"""The pages every public sector website must have: accessibility, privacy and cookies.

UK public sector bodies must publish an accessibility statement (the Public
Sector Bodies Accessibility Regulations 2018), say how they use personal data
(UK GDPR) and which cookies they set (PECR). Each council gets one of each
under its home page when it is created, linked from the footer of every page.
vsend writes the text (the accessibility statement follows GOV.UK's model
statement), filled with the council's name and the contact details on the
page; an editor who writes their own body replaces it.
"""

from django.apps import apps
from django.conf import settings
from django.db import models
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

#: Set on each page type: Wagtail names a template after the class unless the class sets one.
TEMPLATE = "vsend/core/public_information_page.html"

BODY_HELP = _(
    "Leave empty to show vsend's text, with your council's name and the contact details "
    "above. Anything written here replaces it."
)


class PublicInformationPage(Page):
    """A page of information every council must publish, with vsend's text as the default."""

    contact_email = models.EmailField(
        _("contact email"), blank=True, help_text=_("Where people ask about this page's subject.")
    )
    contact_phone = models.CharField(_("contact telephone"), max_length=40, blank=True)
    body = RichTextField(_("body"), blank=True, help_text=BODY_HELP)

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")], _("Contact")),
        FieldPanel("body"),
    ]
    subpage_types = []
    max_count_per_parent = 1
    show_in_menus_default = False
    #: vsend's text for this kind of page, used while ``body`` is empty.
    default_body_template = None
    #: The page's slug and title when vsend creates it for a council.
    default_slug = None
    default_title = None

    class Meta:
        abstract = True

    def council(self):
        # Looked up in the app registry: models.py includes this module's pages.
        ancestors = self.get_ancestors(inclusive=True)
        council_model = apps.get_model("vsend_core", "Council")
        return council_model.objects.filter(site__root_page__in=ancestors).first()

    def body_html(self, request=None):
        if self.body:
            return mark_safe(expand_db_html(self.body))
        return mark_safe(
            render_to_string(
                self.default_body_template,
                {"page": self, "council": self.council(), **self.default_body_context()},
                request=request,
            )
        )

    def default_body_context(self):
        return {}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["body"] = self.body_html(request)
        return context


class AccessibilityStatementPage(PublicInformationPage):
    """The council's accessibility statement, after GOV.UK's model statement."""

    template = TEMPLATE
    default_body_template = "vsend/core/public_information/accessibility_statement.html"
    default_slug = "accessibility"
    default_title = "Accessibility statement"

    class Meta:
        verbose_name = _("accessibility statement")


class PrivacyNoticePage(PublicInformationPage):
    """How the council's site uses people's personal data, and their rights."""

    template = TEMPLATE
    default_body_template = "vsend/core/public_information/privacy_notice.html"
    default_slug = "privacy"
    default_title = "Privacy notice"

    class Meta:
        verbose_name = _("privacy notice")


class CookiesPage(PublicInformationPage):
    """Which cookies the site sets; the list comes from the settings, so it is never out of date."""

    template = TEMPLATE
    default_body_template = "vsend/core/public_information/cookies.html"
    default_slug = "cookies"
    default_title = "Cookies"

    class Meta:
        verbose_name = _("cookies page")

    def default_body_context(self):
        return {"cookies": cookies_set()}

    def body_html(self, request=None):
        # The list of cookies is always shown, whatever an editor writes around it.
        html = super().body_html(request)
        if self.body:
            table = render_to_string(
                "vsend/core/public_information/cookies_table.html", {"cookies": cookies_set()}
            )
            html = mark_safe(html + table)
        return html


#: In footer order.
PUBLIC_PAGE_TYPES = (AccessibilityStatementPage, PrivacyNoticePage, CookiesPage)


def _duration(seconds):
    days = round(seconds / 86400)
    if days >= 360:
        years = round(days / 365)
        return f"{years} year" + ("s" if years > 1 else "")
    return f"{days} day" + ("s" if days != 1 else "")


def cookies_set():
    """The cookies vsend and Django set, with names and lifetimes from the settings."""
    session = (
        "When you close your browser"
        if settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
        else _duration(settings.SESSION_COOKIE_AGE)
    )
    cookies = [
        {
            "name": settings.SESSION_COOKIE_NAME,
            "purpose": "Keeps you signed in, and remembers that you have already "
            "answered a survey or saved a case review",
            "expires": session,
        },
        {
            "name": settings.CSRF_COOKIE_NAME,
            "purpose": "Protects the forms on this site from being sent by another website",
            "expires": "When you close your browser"
            if getattr(settings, "CSRF_USE_SESSIONS", False)
            else _duration(settings.CSRF_COOKIE_AGE),
        },
    ]
    storage = getattr(
        settings, "MESSAGE_STORAGE", "django.contrib.messages.storage.fallback.FallbackStorage"
    )
    if not storage.endswith("SessionStorage"):
        cookies.append(
            {
                "name": getattr(settings, "MESSAGE_COOKIE_NAME", "messages"),
                "purpose": "Shows you a message once after you do something, "
                "such as 'Your changes have been saved'",
                "expires": "When you close your browser",
            }
        )
    return cookies


def add_public_information_pages(council, *, contact_email="", contact_phone=""):
    """Create the council's missing accessibility, privacy and cookies pages under its home page.

    Pages an editor has already made, moved or changed are left alone.
    """
    home = council.site.root_page
    pages = []
    for page_class in PUBLIC_PAGE_TYPES:
        page = page_class.objects.descendant_of(home).first()
        if page is None:
            slug, number = page_class.default_slug, 1
            while home.get_children().filter(slug=slug).exists():
                number += 1
                slug = f"{page_class.default_slug}-{number}"
            page = page_class(
                title=page_class.default_title,
                slug=slug,
                contact_email=contact_email,
                contact_phone=contact_phone,
                show_in_menus=False,
            )
            home.add_child(instance=page)
        pages.append(page)
    return pages


def public_pages_for_site(site):
    """The live accessibility, privacy and cookies pages of a site, in footer order."""
    if site is None:
        return []
    root = site.root_page
    pages = []
    for page_class in PUBLIC_PAGE_TYPES:
        page = page_class.objects.live().descendant_of(root, inclusive=True).first()
        if page is not None:
            pages.append(page)
    return pages
