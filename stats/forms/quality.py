"""The data-quality list's chooser (GET): the region, the period, whose records, and optionally
one check to list page by page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from compliance.forms.assessments import AccessibleErrors
from compliance.selectors.data_quality import CHECKS
from lawstation import periods
from stats.selectors.quality import OWN, REGION

RECORDS = [
    (OWN, _("The federation's own records: these block its report")),
    (REGION, _("Every record filed under the region, the federations below included")),
]


class QualityForm(AccessibleErrors, forms.Form):
    region = forms.CharField(widget=forms.HiddenInput, required=False, max_length=6)
    period = forms.CharField(
        label=_("Period"),
        max_length=32,
        help_text=_(
            "A year (2026), a half-year (2026-H1), a quarter (2026-Q3), a month (2026-07) or "
            "two dates (2026-01-01..2026-03-31)."
        ),
    )
    records = forms.ChoiceField(
        label=_("Records"), choices=RECORDS, widget=forms.RadioSelect, required=False
    )
    # One check listed in full, page by page (the links of the list set them).
    check = forms.ChoiceField(
        choices=[("", "")] + [(check.name, check.label) for check in CHECKS],
        widget=forms.HiddenInput,
        required=False,
    )
    page = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)

    def clean_period(self) -> periods.Period:
        try:
            return periods.parse(self.cleaned_data["period"])
        except periods.PeriodError as error:
            raise forms.ValidationError(str(error), code=error.code) from error
