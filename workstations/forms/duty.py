"""The form to put a provider on the duty roster."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from workstations.forms.funding import DateInput


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self) -> None:
        super().__init__(format="%H:%M")


class DutyDayForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("Lawyer or legal worker"),
        queryset=None,
        help_text=_("Providers of this federation who are active."),
    )
    day = forms.DateField(label=_("Day"), widget=DateInput())
    starts_at = forms.TimeField(label=_("From"), widget=TimeInput())
    ends_at = forms.TimeField(label=_("Until"), widget=TimeInput())

    def __init__(self, *args, people: QuerySet, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
