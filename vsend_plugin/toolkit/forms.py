"""The decision aid's questions as a Django form, so answers are validated on the server.

Questions are numbered ``q1``, ``q2`` … and answers ``1``, ``2`` … in the
order the editor gave them, which keeps a shared address short and readable:
``?q1=2&q2=1``.
"""

from django import forms

from vsend_plugin.core.govuk_forms import GovukErrorMessagesMixin


def question_field_name(number):
    return f"q{number}"


class DecisionAidForm(GovukErrorMessagesMixin, forms.Form):
    def __init__(self, questions, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for number, question in enumerate(self.questions, start=1):
            self.fields[question_field_name(number)] = forms.ChoiceField(
                label=question["text"],
                help_text=question["help_text"] or "",
                choices=[
                    (str(index), option["label"])
                    for index, option in enumerate(question["options"], start=1)
                ],
                widget=forms.RadioSelect,
                error_messages={
                    "required": "Select an answer",
                    "invalid_choice": "Select one of the answers listed",
                },
            )

    def chosen_options(self):
        """The option chosen for each question, in question order (the form must be valid)."""
        return [
            question["options"][int(self.cleaned_data[question_field_name(number)]) - 1]
            for number, question in enumerate(self.questions, start=1)
        ]


def rating_choices(descriptors):
    return [(str(rating), f"{rating} – {text}") for rating, text in enumerate(descriptors)]


class SelfAssessmentForm(GovukErrorMessagesMixin, forms.Form):
    """One 0 to 4 rating per principle, described in the council's words."""

    def __init__(self, principles, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for principle in principles:
            self.fields[principle["key"]] = forms.ChoiceField(
                label=principle["name"],
                help_text=principle["help_text"],
                choices=rating_choices(principle["descriptors"]),
                widget=forms.RadioSelect,
                error_messages={
                    "required": "Select a rating from 0 to 4",
                    "invalid_choice": "Select a rating from 0 to 4",
                },
            )

    def ratings(self):
        return {key: int(value) for key, value in self.cleaned_data.items()}


class SurveyForm(GovukErrorMessagesMixin, forms.Form):
    """The survey's statements, each answered on the five-point agreement scale.

    Fields are named ``s1``, ``s2`` …; :meth:`answers` keys the answers by
    the statements' stable block ids, so that reordering the statements later
    does not mix up earlier answers.
    """

    def __init__(self, statements, *args, **kwargs):
        from .principles import AGREEMENT

        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.statement_ids = {}
        for number, (block_id, text) in enumerate(statements, start=1):
            name = f"s{number}"
            self.statement_ids[name] = block_id
            self.fields[name] = forms.ChoiceField(
                label=text,
                choices=list(AGREEMENT.items()),
                widget=forms.RadioSelect,
                error_messages={
                    "required": "Select how much you agree",
                    "invalid_choice": "Select one of the answers listed",
                },
            )

    def answers(self):
        return {self.statement_ids[name]: value for name, value in self.cleaned_data.items()}


class CaseReviewForm(GovukErrorMessagesMixin, forms.Form):
    """One reviewer's view of one child's case: could help have come earlier, what, and from whom.

    The child is named by case reference only: the review is about the
    system, not the family, and its aggregate is shared.
    """

    case_reference = forms.RegexField(
        label="Case reference",
        help_text="The case reference only, for example NS-00042. Never the child's name.",
        max_length=30,
        regex=r"^(?=.*\d)[A-Za-z0-9][A-Za-z0-9/\-]*$",
        error_messages={
            "required": "Enter the case reference",
            "invalid": "Enter a case reference made of letters, numbers and hyphens, "
            "with at least one number",
        },
    )
    earlier_help = forms.ChoiceField(
        label="Could something have been done earlier?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether something could have been done earlier",
            "invalid_choice": "Select one of the answers listed",
        },
    )
    help_kind = forms.ChoiceField(
        label="What kind of help was missed?",
        help_text="Answer if something could have been done earlier.",
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": "Select one of the kinds of help listed"},
    )
    what = forms.CharField(
        label="What could have been done earlier?",
        help_text="Describe the help, not the family.",
        widget=forms.Textarea,
        max_length=2000,
        required=False,
    )
    agency = forms.ChoiceField(
        label="Who could have done it?",
        help_text="Answer if something could have been done earlier.",
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": "Select one of the agencies listed"},
    )

    def __init__(self, help_kinds, *args, **kwargs):
        from .principles import AGENCIES, EARLIER_HELP

        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["earlier_help"].choices = list(EARLIER_HELP.items())
        self.fields["help_kind"].choices = list(help_kinds)
        self.fields["agency"].choices = list(AGENCIES.items())

    def clean_case_reference(self):
        return self.cleaned_data["case_reference"].upper()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("earlier_help") == "yes":
            if not cleaned.get("help_kind") and "help_kind" not in self.errors:
                self.add_error("help_kind", "Select the kind of help that was missed")
            if not cleaned.get("agency") and "agency" not in self.errors:
                self.add_error("agency", "Select who could have done it")
        return cleaned
