"""Forms for filings. The filer picks the person only: where a filing goes is computed."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _


class FilingForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("Daily-management person"),
        queryset=None,
        help_text=_("People of your federation who are active today."),
    )

    def __init__(self, *args, people: QuerySet, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for returning"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The federation that filed sees this reason and submits a corrected filing."),
    )
