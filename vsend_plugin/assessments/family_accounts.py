"""A parent carer's own account, made from a family invitation.

The email address is the username, so the parent carer signs in with it.
Passwords go through the project's ``AUTH_PASSWORD_VALIDATORS``; messages are
worded the GOV.UK way ("Enter your full name"), not Django's defaults.
"""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.db.models import Q

ACCOUNT_EXISTS = "An account with this email address already exists. Sign in instead."


class FamilyAccountForm(forms.Form):
    name = forms.CharField(
        label="Full name",
        max_length=150,
        error_messages={
            "required": "Enter your full name",
            "max_length": "Full name must be 150 characters or fewer",
        },
    )
    email = forms.EmailField(
        label="Email address",
        max_length=150,
        help_text="You will use this to sign in.",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Email address must be 150 characters or fewer",
        },
    )
    password = forms.CharField(
        label="Create a password",
        strip=False,
        widget=forms.PasswordInput,
        error_messages={"required": "Enter a password"},
    )

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        users = get_user_model().objects
        if users.filter(Q(username__iexact=email) | Q(email__iexact=email)).exists():
            raise forms.ValidationError(ACCOUNT_EXISTS)
        return email

    def unsaved_user(self):
        name = self.cleaned_data.get("name", "")
        email = self.cleaned_data.get("email", "")
        return get_user_model()(username=email, email=email, first_name=name)

    def clean(self):
        cleaned_data = super().clean()
        password = cleaned_data.get("password")
        if password:
            try:
                password_validation.validate_password(password, self.unsaved_user())
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned_data

    def save(self):
        user = self.unsaved_user()
        user.set_password(self.cleaned_data["password"])
        user.save()
        return user
