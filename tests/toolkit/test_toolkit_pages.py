"""The toolkit's section of a council site: where its pages may go and how they render."""

import pytest
from wagtail.models import Page

from vsend_plugin.core.models import Role
from vsend_plugin.toolkit.models import DecisionAidPage, GuidancePage, ToolkitIndexPage

pytestmark = pytest.mark.django_db


def test_a_toolkit_goes_under_a_council_home_page(northshire, toolkit):
    assert ToolkitIndexPage.can_create_at(northshire.site.root_page)
    assert toolkit.get_parent().specific == northshire.site.root_page.specific
    assert toolkit.url == "http://northshire.localhost/toolkit/"


def test_the_toolkit_holds_only_toolkit_pages(northshire, toolkit):
    home = northshire.site.root_page
    assert not GuidancePage.can_create_at(home)
    assert not DecisionAidPage.can_create_at(home)
    assert GuidancePage.can_create_at(toolkit)
    assert DecisionAidPage.can_create_at(toolkit)
    allowed = {model.__name__ for model in ToolkitIndexPage.allowed_subpage_models()}
    assert allowed == {
        "GuidancePage",
        "DecisionAidPage",
        "SelfAssessmentPage",
        "SurveyPage",
        "CaseReviewPage",
    }
    assert GuidancePage.allowed_subpage_models() == []


def test_the_index_lists_its_live_pages(on_northshire, toolkit):
    toolkit.add_child(
        instance=GuidancePage(
            title="What co-production means", slug="meaning", intro="The four principles."
        )
    )
    toolkit.add_child(instance=GuidancePage(title="A draft", slug="draft", live=False))
    response = on_northshire.get("/toolkit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="govuk-heading-xl">Working together</h1>' in html
    assert 'href="/toolkit/meaning/"' in html and "The four principles." in html
    assert "A draft" not in html
    assert 'class="govuk-breadcrumbs"' in html


def test_a_guidance_page_renders_its_blocks_in_gov_uk_markup(on_northshire, toolkit):
    toolkit.add_child(
        instance=GuidancePage(
            title="Act early with parent carers",
            slug="act-early",
            intro="Start before the options are drawn up.",
            body=[
                (
                    "call_out",
                    {
                        "style": "inset",
                        "heading": "",
                        "text": "Invite the forum to the first meeting.",
                    },
                ),
                (
                    "quote",
                    {
                        "quote": "We were asked at the start, for once.",
                        "attribution": "Parent carer",
                    },
                ),
            ],
        )
    )
    response = on_northshire.get("/toolkit/act-early/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Start before the options are drawn up." in html
    assert "govuk-inset-text" in html and "Invite the forum to the first meeting." in html
    assert "We were asked at the start, for once." in html
    assert 'class="govuk-template' in html


def test_council_editors_may_add_toolkit_pages_only_on_their_own_site(
    northshire, westmoor, make_member, toolkit
):
    editor = make_member(northshire, Role.EDITOR)
    own = toolkit.permissions_for_user(editor)
    assert own.can_add_subpage()
    assert GuidancePage.can_create_at(toolkit)
    other_home = Page.objects.get(pk=westmoor.site.root_page.pk)
    assert not other_home.permissions_for_user(editor).can_add_subpage()


def test_a_family_cannot_edit_the_toolkit(northshire, toolkit, django_user_model):
    parent = django_user_model.objects.create_user("parent", password="x")
    assert not toolkit.permissions_for_user(parent).can_edit()


@pytest.mark.parametrize(
    "model",
    ["guidancepage", "decisionaidpage", "selfassessmentpage", "surveypage", "casereviewpage"],
)
def test_editors_get_the_add_page_form_for_every_toolkit_page_type(
    client, northshire, make_member, toolkit, model
):
    from django.urls import reverse

    client.force_login(make_member(northshire, Role.EDITOR))
    response = client.get(
        reverse("wagtailadmin_pages:add", args=["vsend_toolkit", model, toolkit.pk])
    )
    assert response.status_code == 200


def test_editors_add_a_toolkit_under_their_home_page(client, northshire, make_member):
    from django.urls import reverse

    client.force_login(make_member(northshire, Role.EDITOR))
    home = northshire.site.root_page
    response = client.get(
        reverse("wagtailadmin_pages:add", args=["vsend_toolkit", "toolkitindexpage", home.pk])
    )
    assert response.status_code == 200
