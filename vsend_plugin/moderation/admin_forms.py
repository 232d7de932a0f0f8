"""Opening a moderation round in the admin: which assessments, by setting, dates or at random.

The officer says how to choose (a setting, a date range, a share or a
number drawn at random) and who the second raters are; saving draws the
assessments and spreads them over the raters (:func:`.rounds.open_round`).
A round's choice is made once: editing it later changes only its name.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from vsend_plugin.assessments.models import Assessment
from vsend_plugin.core.admin_forms import CouncilOwnedAdminForm
from vsend_plugin.core.models import Role, Setting

from .rounds import RoundError, choose_assessments, plan_round, write_round


class RaterChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, user):
        name = user.get_full_name() or user.get_username()
        roles = user.vsend_practitioner_roles.all()
        titles = ", ".join(
            f"{role.job_title or 'practitioner'} at {role.council}" for role in roles
        )
        return f"{name} ({titles})" if titles else name


class ModerationRoundForm(CouncilOwnedAdminForm):
    setting = forms.ModelChoiceField(
        Setting.objects.all(),
        required=False,
        label=_("Setting"),
        help_text=_("Only this setting's children's assessments. Leave empty for every setting."),
    )
    taken_from = forms.DateField(
        required=False,
        label=_("Assessed from"),
        help_text=_("The first day of assessments to moderate, for example 1/10/2026."),
    )
    taken_until = forms.DateField(required=False, label=_("Assessed until"))
    share = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=100,
        label=_("Share drawn at random (%)"),
        help_text=_("For example 20 for a fifth of them. Leave empty to give a number, or all."),
    )
    number = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=2000,
        label=_("Number drawn at random"),
    )
    raters = RaterChoiceField(
        get_user_model().objects.none(),
        required=False,
        label=_("Second raters"),
        help_text=_(
            "Practitioners of the council, such as its educational psychologists. No one is "
            "given an assessment they made or a child whose record they can see."
        ),
    )

    class Meta:
        fields = ["council", "name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in ("setting", "taken_from", "taken_until", "share", "number", "raters"):
                self.fields.pop(name, None)
            return
        councils = self.fields["council"].queryset if "council" in self.fields else None
        raters = get_user_model().objects.filter(
            is_active=True,
            groups__vsend_council_role__role=Role.PRACTITIONER,
        )
        if councils is not None:
            raters = raters.filter(groups__vsend_council_role__council__in=councils)
        self.fields["raters"].queryset = raters.distinct().order_by("username")
        self.fields["raters"].required = True

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk or self.errors:
            return cleaned_data
        if cleaned_data.get("share") and cleaned_data.get("number"):
            self.add_error("number", _("Give a share or a number, not both."))
            return cleaned_data
        council = cleaned_data["council"]
        since, until = cleaned_data.get("taken_from"), cleaned_data.get("taken_until")
        if since and until and until < since:
            self.add_error("taken_until", _("The last day must be on or after the first."))
            return cleaned_data
        self.assessment_ids = choose_assessments(
            council,
            setting=cleaned_data.get("setting"),
            since=since,
            until=until,
            share=cleaned_data.get("share"),
            number=cleaned_data.get("number"),
        )
        if not self.assessment_ids:
            raise ValidationError(_("No assessments of the council match this choice."))
        self.chosen_by = self.describe_choice(cleaned_data)
        try:
            self.chosen = plan_round(
                council, self.assessment_ids, [u.username for u in cleaned_data["raters"]]
            )
        except RoundError as error:
            self.add_error("raters", self.explain(error))
        return cleaned_data

    def explain(self, error):
        """The round's problems in an officer's words: which child's assessment, which rater."""
        raters = list(self.cleaned_data["raters"])
        found = {
            a.pk: a
            for a in Assessment.objects.filter(pk__in=self.assessment_ids).select_related("child")
        }
        messages = []
        for problem in error.problems:
            place, _dot, index = problem.field.partition(".")
            if place == "assessments" and index:
                assessment = found.get(self.assessment_ids[int(index)])
                messages.append(
                    _("The assessment of child %(reference)s on %(date)s: %(message)s")
                    % {
                        "reference": assessment.child.case_reference,
                        "date": f"{assessment.taken_at:%d %B %Y}",
                        "message": problem.message,
                    }
                )
            elif place == "raters" and index:
                messages.append(f"{raters[int(index)]}: {problem.message}")
            else:
                messages.append(problem.message)
        return messages

    @staticmethod
    def describe_choice(data):
        parts = []
        if data.get("share"):
            parts.append(f"a random {data['share']}% of")
        elif data.get("number"):
            parts.append(f"{data['number']} drawn at random from")
        else:
            parts.append("all")
        parts.append(f"{data['setting']}'s assessments" if data.get("setting") else "assessments")
        if data.get("taken_from"):
            parts.append(f"from {data['taken_from']:%d %B %Y}")
        if data.get("taken_until"):
            parts.append(f"until {data['taken_until']:%d %B %Y}")
        return " ".join(parts).capitalize() + "."

    def save(self, commit=True):
        if self.instance.pk:
            return super().save(commit)
        self.instance = write_round(
            self.cleaned_data["council"],
            self.chosen,
            name=self.cleaned_data["name"],
            chosen_by=self.chosen_by,
            created_by=getattr(self, "for_user", None),
        )
        return self.instance
