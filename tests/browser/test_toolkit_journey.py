"""An officer follows the co-production decision aid to its recommendation in a real browser."""

from urllib.parse import urlparse

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def option(label, reason, **points):
    return {
        "label": label,
        "reason": reason,
        **{level: points.get(level, 0) for level in ("inform", "consult", "involve", "coproduce")},
    }


@pytest.fixture
def base(live_server, make_council):
    from vsend_plugin.toolkit.models import DecisionAidPage, ToolkitIndexPage

    port = urlparse(live_server.url).port
    council = make_council("northshire", "E06000991", port=port)
    toolkit = ToolkitIndexPage(title="Working together", slug="toolkit")
    council.site.root_page.add_child(instance=toolkit)
    toolkit.add_child(
        instance=DecisionAidPage(
            title="Should we co-produce this?",
            slug="decide",
            intro="Answer two questions to see how far to involve parent carers.",
            questions=[
                (
                    "question",
                    {
                        "text": "Who will the change affect?",
                        "help_text": "Think about every family who uses the service.",
                        "options": [
                            option("A few families", "Only a few families are affected.", inform=2),
                            option(
                                "Many families", "The change affects many families.", coproduce=2
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
                            option(
                                "Nothing: it is decided",
                                "The decision has already been made.",
                                inform=3,
                            ),
                            option("Everything", "Nothing is decided yet.", coproduce=3),
                        ],
                    },
                ),
            ],
        )
    )
    return f"http://northshire.localhost:{port}"


def test_the_decision_aid_leads_to_a_recommendation(page, base, screenshot, axe_violations):
    page.goto(f"{base}/toolkit/")
    page.get_by_role("link", name="Should we co-produce this?").click()
    page.wait_for_load_state()
    assert axe_violations(page) == []

    # Sending the form half answered shows the error summary, linked to the question.
    page.get_by_label("Many families").check()
    page.get_by_role("button", name="See the recommendation").click()
    page.wait_for_load_state()
    assert page.get_by_text("There is a problem").is_visible()
    screenshot(page, "toolkit-decision-aid-errors")
    assert axe_violations(page) == []

    page.get_by_label("Everything").check()
    page.get_by_role("button", name="See the recommendation").click()
    page.wait_for_load_state()
    assert "q1=2" in page.url and "q2=2" in page.url
    assert page.get_by_role("heading", level=1).inner_text() == "Recommendation: Co-produce"
    reasons = page.locator("#reasons li").all_inner_texts()
    assert reasons == ["The change affects many families.", "Nothing is decided yet."]
    screenshot(page, "toolkit-decision-aid-result", docs="toolkit-decision-aid-result")
    assert axe_violations(page) == []
