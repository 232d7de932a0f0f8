"""Fixtures for the co-production toolkit: a council's toolkit section and a decision aid."""

import pytest


def option(label, reason="", **points):
    return {
        "label": label,
        "reason": reason,
        **{level: points.get(level, 0) for level in ("inform", "consult", "involve", "coproduce")},
    }


DECISION_QUESTIONS = [
    (
        "question",
        {
            "text": "Who will the change affect?",
            "help_text": "Think about every family who uses the service.",
            "options": [
                option("A few families", "Only a few families are affected.", inform=2, consult=1),
                option(
                    "Many families", "The change affects many families.", involve=2, coproduce=2
                ),
            ],
        },
    ),
    (
        "question",
        {
            "text": "How much can families still change?",
            "help_text": "",
            "options": [
                option("Nothing: it is decided", "The decision has already been made.", inform=3),
                option("The details", "Families can shape the details.", consult=1, involve=1),
                option("Everything", "Nothing is decided yet.", coproduce=3),
            ],
        },
    ),
]


@pytest.fixture
def toolkit(northshire):
    from vsend_plugin.toolkit.models import ToolkitIndexPage

    index = ToolkitIndexPage(title="Working together", slug="toolkit", intro="How we co-produce.")
    northshire.site.root_page.add_child(instance=index)
    return index


@pytest.fixture
def decision_aid(toolkit):
    from vsend_plugin.toolkit.models import DecisionAidPage

    aid = DecisionAidPage(
        title="Should we co-produce this?",
        slug="decide",
        intro="Answer two questions.",
        questions=DECISION_QUESTIONS,
        result_text="Talk to the parent carer forum to start.",
    )
    toolkit.add_child(instance=aid)
    return aid


@pytest.fixture
def on_northshire(client):
    """A test client whose requests go to Northshire's site."""
    client.defaults["HTTP_HOST"] = "northshire.localhost"
    return client


@pytest.fixture
def self_assessment(toolkit):
    from vsend_plugin.toolkit.models import SelfAssessmentPage

    page = SelfAssessmentPage(
        title="How well do we co-produce?",
        slug="self-assessment",
        principles=[
            (
                "principle",
                {
                    "principle": "act_early",
                    "help_text": "Parent carers are there before the options are drawn up.",
                    "level_0": "Families hear about plans when they are finished",
                    "level_1": "",
                    "level_2": "",
                    "level_3": "",
                    "level_4": "The forum sets the agenda with us",
                },
            )
        ],
    )
    toolkit.add_child(instance=page)
    return page


SURVEY_STATEMENTS = [
    ("statement", "I know who to ask when my child's needs change."),
    ("statement", "My child's school listens to me."),
]


@pytest.fixture
def survey(toolkit):
    from vsend_plugin.toolkit.models import SurveyPage

    page = SurveyPage(
        title="Agree what good looks like",
        slug="survey",
        statements=SURVEY_STATEMENTS,
        thank_you_text="We share what we learn at the forum meeting.",
    )
    toolkit.add_child(instance=page)
    return page


@pytest.fixture
def case_review(toolkit):
    from vsend_plugin.toolkit.models import CaseReviewPage

    page = CaseReviewPage(
        title="Multi-agency case review",
        slug="case-review",
        help_kinds=[
            ("kind", "Speech and language therapy"),
            ("kind", "Parenting support"),
            ("kind", "Early EHC needs assessment"),
        ],
    )
    toolkit.add_child(instance=page)
    return page
