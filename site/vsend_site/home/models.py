"""The reference site's two home pages: the portal that lists councils, and a council's own."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField
from wagtail.fields import RichTextField
from wagtail.models import Page

from vsend_plugin.core.govuk_forms import use_govuk_error_messages
from vsend_plugin.core.models import Council


class PortalPage(Page):
    """The page at the install's own address: which councils run vsend here."""

    introduction = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = []
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["councils"] = Council.objects.select_related("site").order_by("name")
        return context


class CouncilHomePage(Page):
    """A council's home page, the root of its own page tree."""

    introduction = models.TextField(
        blank=True, help_text="A sentence or two for families arriving at the council's site."
    )
    body = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        council = Council.objects.filter(site__root_page=self).first()
        context["council"] = council
        if council is not None:
            context["localities"] = council.localities.all()
        return context


class FeedbackFormField(AbstractFormField):
    page = ParentalKey("FeedbackFormPage", on_delete=models.CASCADE, related_name="form_fields")


class FeedbackFormPage(AbstractForm):
    """An ordinary Wagtail form page (feedback on the site, say), for what vsend does not score."""

    introduction = RichTextField(blank=True)
    thank_you_text = RichTextField(blank=True)

    content_panels = AbstractForm.content_panels + [
        FieldPanel("introduction"),
        InlinePanel("form_fields", label="Form fields"),
        FieldPanel("thank_you_text"),
    ]
    parent_page_types = ["home.CouncilHomePage"]
    subpage_types = []

    def get_form(self, *args, **kwargs):
        """The form with GOV.UK error messages ("Enter your name"), not Django's."""
        return use_govuk_error_messages(super().get_form(*args, **kwargs))
