"""The shared content blocks render GOV.UK Design System markup, with text escaped."""

import pytest

from vsend_plugin.core.blocks import ContentBlocks

pytestmark = pytest.mark.django_db

VALUES = [
    ("rich_text", "<p>Hello <b>families</b></p>", ["vsend-rich-text", "<b>families</b>"]),
    (
        "call_out",
        {"style": "warning", "heading": "Deadline", "text": "Apply by <Friday>"},
        ["govuk-warning-text", "Apply by &lt;Friday&gt;"],
    ),
    (
        "call_out",
        {"style": "important", "heading": "", "text": "Closed on Monday"},
        ["govuk-notification-banner"],
    ),
    ("call_out", {"style": "inset", "heading": "", "text": "Note"}, ["govuk-inset-text"]),
    (
        "step_by_step",
        {
            "heading": "Asking for an assessment",
            "steps": [{"heading": "Talk to the SENCO", "text": "<p>First</p>"}],
        },
        ["govuk-list--number", "Talk to the SENCO"],
    ),
    (
        "accordion",
        {"items": [{"heading": "What is SEN support?", "content": "<p>Help at school.</p>"}]},
        ["govuk-accordion", "What is SEN support?"],
    ),
    (
        "contact_card",
        {
            "name": "SENDIASS",
            "role": "Advice",
            "telephone": "01234 567890",
            "email": "advice@example.invalid",
            "website": "",
            "opening_times": "",
        },
        ["govuk-summary-card", "tel:01234567890", "mailto:advice@example.invalid"],
    ),
    (
        "who_can_help",
        {
            "heading": "Who can help",
            "helpers": [
                {"name": "Your child's SENCO", "how_they_help": "Plans support", "link": ""}
            ],
        },
        ["govuk-summary-list", "Your child&#x27;s SENCO"],
    ),
    (
        "quote",
        {"quote": "We finally felt heard.", "attribution": "Parent carer, Moorside"},
        ["<blockquote", "Parent carer, Moorside"],
    ),
]


@pytest.mark.parametrize("block_type,value,expected", VALUES)
def test_each_block_renders_gov_uk_markup(block_type, value, expected):
    stream = ContentBlocks()
    child_block = stream.child_blocks[block_type]
    html = child_block.render(child_block.to_python(value))
    for fragment in expected:
        assert fragment in html, (fragment, html)
    assert "<script" not in html


def test_every_block_has_a_template():
    for name, block in ContentBlocks().child_blocks.items():
        assert block.meta.template.startswith("vsend/blocks/"), name
