"""The finder's name/address search box (GET)."""

from django import forms
from django.utils.translation import gettext_lazy as _

QUERY_MAX_LENGTH = 100


class StationSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name or address"),
        max_length=QUERY_MAX_LENGTH,
        required=False,
        strip=True,
        help_text=_("Part of a workstation's name, district or street."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
