"""StreamField blocks shared by every page type of vsend, rendered as GOV.UK Design System.

Editors build local offer, toolkit and guidance pages from the same small set
of blocks, so that families meet the same accessible components everywhere and
councils need no front-end work to publish.
"""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock

TEMPLATES = "vsend/blocks/"

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"]


class RichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        template = TEMPLATES + "rich_text.html"
        icon = "pilcrow"


class CallOutBlock(blocks.StructBlock):
    """Inset text, a warning, or a notification banner for something families must not miss."""

    style = blocks.ChoiceBlock(
        choices=[
            ("inset", "Inset text"),
            ("warning", "Warning"),
            ("important", "Important (banner)"),
        ],
        default="inset",
    )
    heading = blocks.CharBlock(required=False, max_length=120)
    text = blocks.TextBlock()

    class Meta:
        template = TEMPLATES + "call_out.html"
        icon = "warning"
        label = "Call-out"


class StepBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    text = RichTextBlock()


class StepByStepBlock(blocks.StructBlock):
    """Numbered steps, e.g. how to ask for an EHC needs assessment."""

    heading = blocks.CharBlock(required=False, max_length=120)
    steps = blocks.ListBlock(StepBlock(), min_num=1)

    class Meta:
        template = TEMPLATES + "step_by_step.html"
        icon = "list-ol"
        label = "Step by step"


class AccordionItemBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=200, help_text="For an FAQ, the question.")
    content = RichTextBlock()


class AccordionBlock(blocks.StructBlock):
    """Sections that open and close; questions and answers."""

    items = blocks.ListBlock(AccordionItemBlock(), min_num=1)

    class Meta:
        template = TEMPLATES + "accordion.html"
        icon = "list-ul"
        label = "Accordion or FAQ"


class ContactCardBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=120)
    role = blocks.CharBlock(required=False, max_length=120)
    telephone = blocks.CharBlock(required=False, max_length=40)
    email = blocks.EmailBlock(required=False)
    website = blocks.URLBlock(required=False)
    opening_times = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        template = TEMPLATES + "contact_card.html"
        icon = "user"
        label = "Contact card"


class DocumentDownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    description = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        template = TEMPLATES + "document_download.html"
        icon = "doc-full"
        label = "Document download"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(help_text="A YouTube or Vimeo address.")
    title = blocks.CharBlock(
        max_length=120, help_text="Says what the video is, for screen readers."
    )
    transcript = blocks.TextBlock(
        required=False, help_text="A transcript makes the video accessible."
    )

    class Meta:
        template = TEMPLATES + "video.html"
        icon = "media"
        label = "Video"


class HelperBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=120)
    how_they_help = blocks.TextBlock()
    link = blocks.URLBlock(required=False)


class WhoCanHelpBlock(blocks.StructBlock):
    """A list of people or services and how each can help."""

    heading = blocks.CharBlock(default="Who can help", max_length=120)
    helpers = blocks.ListBlock(HelperBlock(), min_num=1)

    class Meta:
        template = TEMPLATES + "who_can_help.html"
        icon = "group"
        label = "Who can help"


class ParentCarerQuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(
        required=False,
        max_length=120,
        help_text="E.g. 'Parent carer, North Coast'. Never a full name.",
    )

    class Meta:
        template = TEMPLATES + "quote.html"
        icon = "openquote"
        label = "Quote from a parent carer"


class ContentBlocks(blocks.StreamBlock):
    """The blocks every vsend page body offers."""

    rich_text = RichTextBlock()
    call_out = CallOutBlock()
    step_by_step = StepByStepBlock()
    accordion = AccordionBlock()
    contact_card = ContactCardBlock()
    document = DocumentDownloadBlock()
    video = VideoBlock()
    who_can_help = WhoCanHelpBlock()
    quote = ParentCarerQuoteBlock()
