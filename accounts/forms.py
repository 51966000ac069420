from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import ADMIN_ROLES, Role
from regions.models import Federation


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _(
            "The username or password is not correct, or the account is disabled. "
            "Both fields are case-sensitive."
        ),
        "inactive": _("This account is disabled. Please contact your system administrator."),
    }


class AccountCreateForm(forms.Form):
    """The system administrator opens an account with an ordinary role.

    Administrator posts are given by the security administrator (三员分立)."""

    username = forms.RegexField(
        label=_("Username"),
        max_length=150,
        regex=r"^[A-Za-z0-9][A-Za-z0-9._-]{2,149}$",
        help_text=_(
            "3 or more letters, digits, dots, hyphens and underscores, "
            "starting with a letter or digit."
        ),
        error_messages={
            "invalid": _("Use letters, digits, dots, hyphens and underscores only (3 or more).")
        },
    )
    full_name = forms.CharField(label=_("Full name"), max_length=64)
    federation = forms.ModelChoiceField(label=_("Federation"), queryset=Federation.objects.none())
    role = forms.ChoiceField(
        label=_("Role"), choices=[(r.value, r.label) for r in Role if r not in ADMIN_ROLES]
    )
    password1 = forms.CharField(
        label=_("Initial password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_(
            "At least 12 characters mixing three kinds of character: lower-case letters, "
            "upper-case letters, digits and symbols. Not a common password."
        ),
    )
    password2 = forms.CharField(
        label=_("Initial password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, federations: QuerySet[Federation], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["federation"].queryset = federations

    def clean(self) -> dict:
        data = super().clean()
        password = data.get("password1")
        if password and password != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        elif password:
            candidate = User(username=data.get("username", ""), full_name=data.get("full_name", ""))
            try:
                validate_password(password, candidate)
            except ValidationError as error:
                self.add_error("password1", error)
        return data


class RoleChangeForm(forms.Form):
    role = forms.ChoiceField(label=_("New role"), choices=Role.choices)
    expected_role = forms.ChoiceField(choices=Role.choices, widget=forms.HiddenInput)
