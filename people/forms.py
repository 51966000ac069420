"""Forms for people and engagements: they parse input; the services decide."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from people.models import Engagement, Person


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class PersonForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=64)
    kind = forms.ChoiceField(label=_("Kind"), choices=Person.Kind.choices)
    is_formal_staff = forms.BooleanField(
        label=_("Formal (正式) staff of this federation"),
        required=False,
        help_text=_("Only for federation staff members."),
    )
    licence_number = forms.CharField(
        label=_("Lawyer's licence number"),
        max_length=32,
        required=False,
        help_text=_("Required for a lawyer."),
    )
    law_firm = forms.CharField(label=_("Law firm"), max_length=128, required=False)
    certificate_number = forms.CharField(
        label=_("Legal worker's certificate number"),
        max_length=32,
        required=False,
        help_text=_("Required for a legal worker."),
    )
    phone = forms.CharField(label=_("Work phone"), max_length=20, required=False)
    signs = forms.BooleanField(label=_("Knows sign language"), required=False)
    areas_of_law = forms.CharField(
        label=_("Areas of law"),
        max_length=200,
        required=False,
        help_text=_("For example: labour disputes, family, property."),
    )
    active_from = forms.DateField(
        label=_("Active from"),
        widget=DateInput(),
        help_text=_("May be up to a year ahead for a planned start."),
    )


class PersonEditForm(PersonForm):
    user = forms.ModelChoiceField(
        label=_("Staff account"),
        queryset=None,
        required=False,
        empty_label=_("No account"),
        help_text=_(
            "A lawyer or legal worker who signs in with this account sees the cases they "
            "handle or serve. Only accounts with the lawyer role in this federation are listed."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, accounts: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = accounts if accounts is not None else User.objects.none()


class LeftForm(forms.Form):
    on = forms.DateField(label=_("Last day"), widget=DateInput(), help_text=_("Not in the future."))


class EngagementForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of engagement"), choices=Engagement.Kind.choices)
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput())
    ends_on = forms.DateField(
        label=_("Ends on"),
        widget=DateInput(),
        required=False,
        help_text=_("Required for an engagement by contract."),
    )
    fee_terms = forms.CharField(
        label=_("Fee terms"),
        max_length=200,
        required=False,
        help_text=_("Required for an engagement by contract."),
    )


class EndEngagementForm(forms.Form):
    on = forms.DateField(label=_("Last day"), widget=DateInput())
