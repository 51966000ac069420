"""Forms of the case page: a lifecycle move, a transfer, the handler."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cases.models import Case
from people.forms import DateInput
from people.models import Person
from regions.models import Federation


class MoveForm(forms.Form):
    to_status = forms.ChoiceField(choices=Case.Status.choices, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class TransferForm(forms.Form):
    to_federation = forms.ModelChoiceField(
        label=_("Transfer to"),
        queryset=None,
        empty_label=_("Choose…"),
        help_text=_("Only federations with an established workstation are listed."),
    )
    consent_recorded_on = forms.DateField(
        label=_("The applicant agreed to the transfer on"),
        widget=DateInput(),
        help_text=_("Not in the future."),
    )
    reason = forms.CharField(
        label=_("Reason for the transfer"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, destinations: QuerySet[Federation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_federation"].queryset = destinations


class AssignForm(forms.Form):
    handler = forms.ModelChoiceField(
        label=_("Handled by"),
        queryset=None,
        empty_label=_("Choose…"),
        help_text=_(
            "Lawyers and legal workers engaged at the workstation; a criminal matter needs a "
            "lawyer."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, handlers: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = handlers
