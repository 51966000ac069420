"""Forms of the period reports: they parse input; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from compliance.forms.assessments import AccessibleErrors
from lawstation import periods
from stats import deadlines


class PeriodChoiceForm(AccessibleErrors, forms.Form):
    """The period the page shows (GET)."""

    period = forms.CharField(
        label=_("Period"),
        max_length=32,
        help_text=_("A month (2026-07), a quarter (2026-Q3) or a year (2026)."),
    )

    def clean_period(self) -> periods.Period:
        try:
            period = periods.parse(self.cleaned_data["period"])
        except periods.PeriodError as error:
            raise forms.ValidationError(str(error), code=error.code) from error
        if period.kind not in deadlines.KINDS:
            raise forms.ValidationError(
                _(
                    "Reports are made for a month (2026-07), a quarter (2026-Q3) or a year "
                    "(2026), not for a half-year or a range of dates."
                ),
                code="period_kind",
            )
        return period


class VersionForm(AccessibleErrors, forms.Form):
    """A step with nothing to enter: only the version the page was loaded at."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    # Several of these forms share a page: each names its controls apart.
    prefix_id = "report"

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", f"{self.prefix_id}_%s")
        super().__init__(*args, **kwargs)

    def clean_version(self) -> int:
        return self.cleaned_data["version"] or 0


class SubmitForm(VersionForm):
    prefix_id = "submit"
    period = forms.CharField(widget=forms.HiddenInput, max_length=32)


class ReturnForm(VersionForm):
    prefix_id = "return"
    reason = forms.CharField(
        label=_("Why the report is returned"),
        help_text=_("Say what must be corrected; the federation sees this text."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,  # the service says what is missing, in its own words
    )


class ReopenForm(VersionForm):
    prefix_id = "reopen"
    reason = forms.CharField(
        label=_("Why the figures must change"),
        help_text=_("The level above reads this before deciding whether to reopen the period."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
    )


class ReopenDecisionForm(VersionForm):
    prefix_id = "decide"
    ACCEPT, REFUSE = "accept", "refuse"
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(ACCEPT, _("Reopen the period")), (REFUSE, _("Refuse"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to reopen the period.")},
    )
    note = forms.CharField(
        label=_("Note on the decision"),
        help_text=_("Required when you refuse."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
    )
