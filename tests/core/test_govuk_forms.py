"""Front-end forms say what to do in the GOV.UK style, not Django's "This field is required."."""

import pytest
from django import forms

from vsend_plugin.core.govuk_forms import GovukErrorMessagesMixin, use_govuk_error_messages
from vsend_plugin.toolkit.forms import CaseReviewForm

DJANGO_DEFAULTS = (
    "This field is required.",
    "Ensure this value",
    "Enter a valid",
    "Select a valid",
)


class ContactForm(GovukErrorMessagesMixin, forms.Form):
    name = forms.CharField(label="Your name", max_length=10)
    email = forms.EmailField(label="Your email address")
    children = forms.IntegerField(label="Number of children", min_value=1, max_value=9)
    area = forms.ChoiceField(
        label="Where you live", choices=[("n", "North")], widget=forms.RadioSelect
    )
    contact = forms.ChoiceField(label="How to contact you", choices=[("e", "Email")])
    agree = forms.BooleanField(label="the box to agree")
    nickname = forms.CharField(
        label="Nickname", error_messages={"required": "Tell us what to call you"}
    )


def errors(form):
    form.is_valid()
    return {name: list(messages) for name, messages in form.errors.items()}


def test_missing_answers_say_enter_or_select():
    assert errors(ContactForm(data={})) == {
        "name": ["Enter your name"],
        "email": ["Enter your email address"],
        "children": ["Enter number of children"],
        "area": ["Select where you live"],
        "contact": ["Select how to contact you"],
        "agree": ["Select the box to agree"],
        "nickname": ["Tell us what to call you"],  # a field's own message stays
    }


def test_wrong_answers_say_what_is_wrong():
    data = {
        "name": "x" * 11,
        "email": "nope",
        "children": "0",
        "area": "s",
        "contact": "x",
        "agree": "on",
        "nickname": "Jo",
    }
    assert errors(ContactForm(data=data)) == {
        "name": ["Your name must be 10 characters or fewer"],
        "email": ["Enter an email address in the correct format, like name@example.com"],
        "children": ["Number of children must be 1 or more"],
        "area": ["Select where you live from the list"],
        "contact": ["Select how to contact you from the list"],
    }
    assert errors(ContactForm(data={**data, "children": "ten"}))["children"] == [
        "Number of children must be a number"
    ]


def test_changing_one_forms_messages_leaves_other_forms_alone():
    class Plain(forms.Form):
        name = forms.CharField(max_length=3)

    use_govuk_error_messages(Plain())
    assert errors(Plain(data={"name": "long"})) == {
        "name": ["Ensure this value has at most 3 characters (it has 4)."]
    }


def test_toolkit_forms_have_no_django_default_messages():
    form = CaseReviewForm([("a", "A kind")], data={"case_reference": "N1" * 20, "what": "x" * 2001})
    messages = [message for field in errors(form).values() for message in field]
    assert messages
    assert not [m for m in messages if m.startswith(DJANGO_DEFAULTS)], messages
    assert "Case reference must be 30 characters or fewer" in messages


@pytest.mark.django_db
def test_the_feedback_form_page_uses_gov_uk_messages(client, northshire):
    from vsend_site.home.models import FeedbackFormField, FeedbackFormPage

    page = FeedbackFormPage(title="Tell us what you think", slug="feedback")
    northshire.site.root_page.add_child(instance=page)
    FeedbackFormField.objects.create(page=page, label="Your email address", field_type="email")
    response = client.post(
        "/feedback/", {"your_email_address": "nope"}, HTTP_HOST="northshire.localhost"
    )
    html = response.content.decode()
    assert "Enter an email address in the correct format, like name@example.com" in html
    assert "Enter a valid email address." not in html
    response = client.post("/feedback/", {}, HTTP_HOST="northshire.localhost")
    html = response.content.decode()
    assert "Enter your email address" in html and "This field is required." not in html
    # the error summary repeats the message, as GOV.UK asks, not "label: message"
    assert '<a href="#id_your_email_address">Enter your email address</a>' in html
