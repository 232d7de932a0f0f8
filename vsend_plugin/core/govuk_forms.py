"""Error messages in the GOV.UK style for front-end forms, instead of Django's defaults.

The GOV.UK Design System asks for messages that say what to do, naming the
question: "Enter your email address", "Select where you live", "Postcode must
be 8 characters or fewer", never "This field is required." A form that mixes
in :class:`GovukErrorMessagesMixin` keeps any message its fields set
themselves and replaces only Django's generic ones.
"""

import copy

from django import forms
from django.core import validators

CHOICE_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple, forms.Select)


def _question(field, name):
    label = str(field.label or name.replace("_", " ")).strip().rstrip("?:")
    return label[:1].lower() + label[1:] if not label[:2].isupper() else label


def _subject(field, name):
    label = str(field.label or name.replace("_", " ")).strip().rstrip("?:")
    return label[:1].upper() + label[1:]


def govuk_messages(field, name):
    """The GOV.UK message for each of Django's error codes, for one field."""
    question, subject = _question(field, name), _subject(field, name)
    widget = field.widget
    if isinstance(widget, forms.CheckboxInput):
        required = f"Select {question}"
    elif isinstance(widget, CHOICE_WIDGETS) or isinstance(field, forms.ChoiceField):
        required = f"Select {question}"
    elif isinstance(field, forms.FileField):
        required = f"Select {question}"
    else:
        required = f"Enter {question}"
    messages = {
        "required": required,
        "invalid_choice": f"Select {question} from the list",
        "invalid_list": f"Select {question} from the list",
    }
    if isinstance(field, forms.EmailField):
        messages["invalid"] = "Enter an email address in the correct format, like name@example.com"
    elif isinstance(field, (forms.IntegerField, forms.FloatField, forms.DecimalField)):
        messages["invalid"] = f"{subject} must be a number"
    elif isinstance(field, forms.DateField):
        messages["invalid"] = f"{subject} must be a real date"
    elif isinstance(field, forms.URLField):
        messages["invalid"] = (
            "Enter a web address in the correct format, like https://www.example.com"
        )
    return messages


def _default_messages(field):
    defaults = {}
    for cls in reversed(type(field).__mro__):
        defaults.update(getattr(cls, "default_error_messages", {}))
    return defaults


def _govuk_validator_message(validator, subject):
    if isinstance(validator, validators.MaxLengthValidator):
        return f"{subject} must be %(limit_value)d characters or fewer"
    if isinstance(validator, validators.MinLengthValidator):
        return f"{subject} must be %(limit_value)d characters or more"
    if isinstance(validator, validators.MaxValueValidator):
        return f"{subject} must be %(limit_value)s or less"
    if isinstance(validator, validators.MinValueValidator):
        return f"{subject} must be %(limit_value)s or more"
    if isinstance(validator, validators.EmailValidator):
        return "Enter an email address in the correct format, like name@example.com"
    return None


def use_govuk_error_messages(form):
    """Replace Django's default messages on every field of ``form`` (custom ones stay)."""
    for name, field in form.fields.items():
        defaults = _default_messages(field)
        for code, message in govuk_messages(field, name).items():
            if code in field.error_messages and field.error_messages[code] == defaults.get(code):
                field.error_messages[code] = message
        subject = _subject(field, name)
        replaced = []
        for validator in field.validators:
            message = _govuk_validator_message(validator, subject)
            if message and validator.message == type(validator).message:
                # validators are shared by every copy of a form: change a copy
                validator = copy.copy(validator)
                validator.message = message
            replaced.append(validator)
        field.validators = replaced
    return form


class GovukErrorMessagesMixin:
    """Mix into a front-end form so that its errors read the GOV.UK way."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_govuk_error_messages(self)
