"""Toolkit pages from the forms library: every shared file becomes a working page."""

from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command

from vsend_plugin.core.library import LibraryError
from vsend_plugin.toolkit.library import add_toolkit_page, read_toolkit_file
from vsend_plugin.toolkit.models import (
    CaseReviewPage,
    DecisionAidPage,
    SelfAssessmentPage,
    SurveyPage,
)

pytestmark = pytest.mark.django_db

LIBRARY = Path(__file__).resolve().parents[2] / "forms_library" / "toolkit"
FILES = {
    "decision-aid.yaml": DecisionAidPage,
    "self-assessment.yaml": SelfAssessmentPage,
    "parent-carer-survey.yaml": SurveyPage,
    "case-review.yaml": CaseReviewPage,
}
NAMES = {
    "should-we-co-produce": DecisionAidPage,
    "how-well-do-we-co-produce": SelfAssessmentPage,
    "agree-what-good-looks-like": SurveyPage,
    "multi-agency-case-review": CaseReviewPage,
}


def test_every_toolkit_file_of_the_library_is_used():
    assert sorted(path.name for path in LIBRARY.glob("*.yaml")) == sorted(FILES)


@pytest.mark.parametrize("name", list(FILES))
def test_each_file_becomes_a_published_page_families_can_open(on_northshire, toolkit, name):
    page = add_toolkit_page(toolkit, LIBRARY / name)
    assert isinstance(page, FILES[name]) and page.live
    response = on_northshire.get(page.url)
    assert response.status_code == 200
    assert page.title in response.content.decode()


def test_the_files_carry_their_questions(toolkit):
    aid = add_toolkit_page(toolkit, LIBRARY / "decision-aid.yaml")
    assert len(aid.question_values()) == 4
    assert all(len(question["options"]) >= 2 for question in aid.question_values())
    survey = add_toolkit_page(toolkit, LIBRARY / "parent-carer-survey.yaml")
    assert len(survey.statement_values()) == 5
    review = add_toolkit_page(toolkit, LIBRARY / "case-review.yaml")
    assert "Speech and language therapy" in [label for _, label in review.help_kind_values()]
    assessment = add_toolkit_page(toolkit, LIBRARY / "self-assessment.yaml")
    act_early = assessment.principle_values()[0]
    assert act_early["key"] == "act_early"
    assert act_early["descriptors"][0] == "Families hear about plans when they are finished"


def test_adding_a_file_again_keeps_the_page_and_its_questions(toolkit):
    first = add_toolkit_page(toolkit, LIBRARY / "parent-carer-survey.yaml")
    ids = [block_id for block_id, _ in first.statement_values()]
    again = add_toolkit_page(toolkit, LIBRARY / "parent-carer-survey.yaml")
    assert again.pk == first.pk
    assert [block_id for block_id, _ in again.statement_values()] == ids
    assert SurveyPage.objects.count() == 1


def survey_data(**changes):
    data = yaml.safe_load((LIBRARY / "parent-carer-survey.yaml").read_text(encoding="utf-8"))
    data.update(changes)
    return data


def test_each_file_is_found_by_its_name(toolkit):
    for name, model in NAMES.items():
        page = add_toolkit_page(toolkit, name)
        assert isinstance(page, model) and page.slug == name
    assert toolkit.get_children().count() == len(NAMES)


@pytest.mark.parametrize(
    "data, field, words",
    [
        (survey_data(page="quiz"), "page", "must be one of"),
        (survey_data(format="vsend-form/1"), "format", "vsend-toolkit/1"),
        (survey_data(statments=["Typo"]), "statments", "check its spelling"),
        (survey_data(title=""), "title", "must not be empty"),
        ({**survey_data(), "statements": None}, "statements", "must be a list"),
        (
            {
                "format": "vsend-toolkit/1",
                "page": "self_assessment",
                "slug": "s",
                "title": "S",
                "principles": [{"principle": "be_nice"}],
            },
            "principles[0].principle",
            "unknown principle 'be_nice'",
        ),
        (
            {
                "format": "vsend-toolkit/1",
                "page": "decision_aid",
                "slug": "d",
                "title": "D",
                "questions": [{"text": "Who?", "options": [{"reason": "no label"}]}],
            },
            "questions[0].options[0].label",
            "is required",
        ),
    ],
)
def test_bad_files_name_the_file_line_and_field_and_make_no_page(
    toolkit, tmp_path, data, field, words
):
    path = tmp_path / "council-survey.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(LibraryError) as error:
        add_toolkit_page(toolkit, path)
    problems = error.value.problems
    assert any(p.field == field and words in p.message for p in problems), error.value
    assert all(str(p).startswith(f"{path}, line {p.line}, ") and p.line for p in problems)
    assert not toolkit.get_children().exists()


def test_content_the_page_refuses_is_named_with_its_line(toolkit, tmp_path):
    data = survey_data(statements=["Fine.", "x" * 301])  # a statement is at most 300 characters
    path = tmp_path / "long.yaml"
    text = yaml.safe_dump(data)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LibraryError) as error:
        add_toolkit_page(toolkit, path)
    [problem] = error.value.problems
    assert problem.field == "statements[1]" and "at most 300" in problem.message
    assert "x" * 301 in text.splitlines()[problem.line - 1]
    assert not toolkit.get_children().exists()


def test_unreadable_and_invalid_files_are_problems_of_the_file(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("page: [survey\n", encoding="utf-8")
    for path in (broken, tmp_path / "missing.yaml"):
        with pytest.raises(LibraryError) as error:
            read_toolkit_file(path)
        assert [problem.field for problem in error.value.problems] == ["file"]


def add_by_command(*arguments):
    out = StringIO()
    call_command("vsend_import_toolkit_page", *arguments, stdout=out)
    return out.getvalue()


def test_the_command_adds_a_library_page_by_name_once(toolkit):
    output = add_by_command("agree-what-good-looks-like", "--council", "northshire")
    assert output.startswith("Added ") and "“Agree what good looks like”" in output
    again = add_by_command("agree-what-good-looks-like", "--council", "northshire")
    assert again.startswith("Kept the existing ")
    assert SurveyPage.objects.child_of(toolkit).count() == 1


def test_the_command_names_what_is_wrong(toolkit, tmp_path, westmoor):
    with pytest.raises(CommandError, match="no toolkit page named 'survey'.*should-we-co-produce"):
        add_by_command("survey", "--council", "northshire")
    broken = tmp_path / "broken.yaml"
    broken.write_text(yaml.safe_dump(survey_data(page="quiz")), encoding="utf-8")
    with pytest.raises(CommandError, match=r"broken.yaml, line \d+, page: must be one of"):
        add_by_command(str(broken), "--council", "northshire")
    with pytest.raises(CommandError, match="is a form, not a toolkit page: use vsend_import_form"):
        add_by_command("core-needs-mapping", "--council", "northshire")
    with pytest.raises(CommandError, match="Westmoor .*has no toolkit index page"):
        add_by_command("agree-what-good-looks-like", "--council", "westmoor")
    assert not toolkit.get_children().exists()


def test_the_schema_holds_files_to_the_limits_of_the_page_blocks():
    """The schema refuses, with a line, what the page's blocks would refuse later."""
    from vsend_plugin.core.library import TOOLKIT_FORMAT, schema
    from vsend_plugin.toolkit import blocks

    declared = schema(TOOLKIT_FORMAT)["$defs"]
    pages = {
        rule["if"]["properties"]["page"]["const"]: rule["then"]
        for rule in schema(TOOLKIT_FORMAT)["allOf"]
    }

    def limit(block):
        return block.field.max_length

    option, question = blocks.OptionBlock.base_blocks, blocks.QuestionBlock.base_blocks
    principle = blocks.PrincipleBlock.base_blocks
    assert declared["option"]["properties"]["label"]["maxLength"] == limit(option["label"])
    assert declared["option"]["properties"]["reason"]["maxLength"] == limit(option["reason"])
    for level in ("inform", "consult", "involve", "coproduce"):
        points = declared["option"]["properties"][level]
        assert (points["minimum"], points["maximum"]) == (
            option[level].field.min_value,
            option[level].field.max_value,
        )
    assert declared["question"]["properties"]["text"]["maxLength"] == limit(question["text"])
    assert declared["question"]["properties"]["help_text"]["maxLength"] == limit(
        question["help_text"]
    )
    assert (
        declared["question"]["properties"]["options"]["minItems"]
        == question["options"].meta.min_num
    )
    assert declared["principle"]["properties"]["help_text"]["maxLength"] == limit(
        principle["help_text"]
    )
    for level in range(5):
        assert declared["principle"]["properties"]["levels"]["properties"][str(level)][
            "maxLength"
        ] == limit(principle[f"level_{level}"])
    statement = blocks.StatementBlocks.base_blocks["statement"]
    assert pages["survey"]["properties"]["statements"]["items"]["maxLength"] == limit(statement)
    kind = blocks.HelpKindBlocks.base_blocks["kind"]
    assert pages["case_review"]["properties"]["help_kinds"]["items"]["maxLength"] == limit(kind)
