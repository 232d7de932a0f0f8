"""The GOV.UK error summary tag: a form's problems, each linking to its field."""

from django import forms
from django.template import Context, Template

SUMMARY = Template("{% load vsend_govuk %}{% govuk_error_summary form %}")


class NameForm(forms.Form):
    name = forms.CharField(error_messages={"required": "Enter your name"})


def test_a_form_with_errors_lists_each_linking_to_its_field():
    form = NameForm(data={})
    form.is_valid()

    html = SUMMARY.render(Context({"form": form}))

    assert "There is a problem" in html
    assert '<a href="#id_name">Enter your name</a>' in html


def test_a_page_without_a_form_renders_no_summary():
    """A page previewed in the admin may have no form in its context: nothing, never a 500."""
    assert "There is a problem" not in SUMMARY.render(Context({}))
    assert SUMMARY.render(Context({"form": NameForm()})).strip() == ""
