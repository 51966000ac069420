"""The province's case policy form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class CasePolicyForm(forms.Form):
    hardship_income_per_month = forms.DecimalField(
        label=_("Economic hardship: monthly income per person below (yuan)"),
        min_value=0,
        max_digits=10,
        decimal_places=2,
        required=False,
        help_text=_(
            "The province's standard (LAL Art. 34). Leave empty while it is not set: triage then "
            "asks the legal aid institution."
        ),
    )
    acceptance_days = forms.IntegerField(
        label=_("Days to accept or refuse a registered case"), min_value=1, max_value=60
    )
    archive_within_days = forms.IntegerField(
        label=_("Days after closure to archive"), min_value=1, max_value=365
    )
    return_visit_within_days = forms.IntegerField(
        label=_("Days after closure for the return visit"), min_value=1, max_value=365
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
