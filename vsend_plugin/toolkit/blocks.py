"""The blocks editors write decision aid questions with."""

from wagtail import blocks

from .involvement import LEVEL_NAMES
from .principles import DEFAULT_DESCRIPTORS, PRINCIPLES


class OptionBlock(blocks.StructBlock):
    """One answer to a question, and how far it points towards each level of involvement."""

    label = blocks.CharBlock(max_length=200)
    inform = blocks.IntegerBlock(default=0, min_value=0, max_value=10, label=LEVEL_NAMES["inform"])
    consult = blocks.IntegerBlock(
        default=0, min_value=0, max_value=10, label=LEVEL_NAMES["consult"]
    )
    involve = blocks.IntegerBlock(
        default=0, min_value=0, max_value=10, label=LEVEL_NAMES["involve"]
    )
    coproduce = blocks.IntegerBlock(
        default=0, min_value=0, max_value=10, label=LEVEL_NAMES["coproduce"]
    )
    reason = blocks.CharBlock(
        required=False,
        max_length=300,
        help_text="Shown with the recommendation when this answer is chosen, "
        "e.g. 'The change affects every family using short breaks.'",
    )

    class Meta:
        icon = "radio-full"
        label = "Answer"


class QuestionBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200, help_text="E.g. 'Who will the change affect?'")
    help_text = blocks.CharBlock(required=False, max_length=300)
    options = blocks.ListBlock(OptionBlock(), min_num=2)

    class Meta:
        icon = "help"
        label = "Question"


class QuestionBlocks(blocks.StreamBlock):
    question = QuestionBlock()


class PrincipleBlock(blocks.StructBlock):
    """The council's own words for one principle and what each rating from 0 to 4 means.

    Descriptors left empty keep the standard wording, so a partnership can
    start rating at once and reword later.
    """

    principle = blocks.ChoiceBlock(choices=list(PRINCIPLES.items()))
    help_text = blocks.CharBlock(
        required=False, max_length=300, help_text="What the principle means for your partnership."
    )
    level_0 = blocks.CharBlock(
        required=False, max_length=200, help_text=DEFAULT_DESCRIPTORS[0], label="0"
    )
    level_1 = blocks.CharBlock(
        required=False, max_length=200, help_text=DEFAULT_DESCRIPTORS[1], label="1"
    )
    level_2 = blocks.CharBlock(
        required=False, max_length=200, help_text=DEFAULT_DESCRIPTORS[2], label="2"
    )
    level_3 = blocks.CharBlock(
        required=False, max_length=200, help_text=DEFAULT_DESCRIPTORS[3], label="3"
    )
    level_4 = blocks.CharBlock(
        required=False, max_length=200, help_text=DEFAULT_DESCRIPTORS[4], label="4"
    )

    class Meta:
        icon = "tick-inverse"
        label = "Principle"


class PrincipleBlocks(blocks.StreamBlock):
    principle = PrincipleBlock()


class StatementBlocks(blocks.StreamBlock):
    statement = blocks.CharBlock(
        max_length=300,
        help_text="Something parent carers agree or disagree with, e.g. "
        "'I know who to ask when my child's needs change.'",
    )


class HelpKindBlocks(blocks.StreamBlock):
    kind = blocks.CharBlock(
        max_length=120,
        label="Kind of help",
        help_text="E.g. 'Speech and language therapy', 'Parenting support', "
        "'Early EHC needs assessment'.",
    )
