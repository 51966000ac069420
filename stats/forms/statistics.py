"""The period chooser of the statistics page (a GET form that works without JavaScript): a
month, a quarter, a year, or any two dates; or a written period in ``?period=`` (``2026-Q3``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from lawstation import periods
from lawstation.periods import Period, PeriodError

KINDS = [
    ("month", _("A month")),
    ("quarter", _("A quarter")),
    ("year", _("A year")),
    ("custom", _("From one date to another")),
]
QUARTERS = [("", _("Choose…"))] + [(str(n), f"Q{n}") for n in range(1, 5)]
MONTHS = [("", _("Choose…"))] + [(str(n), f"{n:02d}") for n in range(1, 13)]


class StatisticsPeriodForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Period"), choices=KINDS, initial="quarter", widget=forms.RadioSelect
    )
    year = forms.IntegerField(label=_("Year"), required=False)
    quarter = forms.ChoiceField(label=_("Quarter"), choices=QUARTERS, required=False)
    month = forms.ChoiceField(label=_("Month"), choices=MONTHS, required=False)
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        try:
            data["period"] = self._period(data)
        except PeriodError as error:
            fields = {"year": "year", "quarter": "quarter", "month": "month", "date": "start"}
            self.add_error("end" if error.code == "order" else fields.get(error.code), str(error))
        return data

    def _period(self, data: dict[str, Any]) -> Period:
        kind = data["kind"]
        if kind == "custom":
            if not data.get("start") or not data.get("end"):
                raise PeriodError("date", str(_("Give both the first and the last day.")))
            try:
                return periods.between(data["start"], data["end"])
            except PeriodError as error:  # a year out of range: say so at the dates
                if error.code == "year":
                    raise PeriodError("date", str(error)) from error
                raise
        if data.get("year") is None:
            raise PeriodError("year", str(_("Give the year.")))
        if kind == "month":
            if not data.get("month"):
                raise PeriodError("month", str(_("Choose the month.")))
            return periods.month(data["year"], int(data["month"]))
        if kind == "quarter":
            if not data.get("quarter"):
                raise PeriodError("quarter", str(_("Choose the quarter.")))
            return periods.quarter(data["year"], int(data["quarter"]))
        return periods.year(data["year"])


def fields_for(period: Period) -> dict[str, Any]:
    """The chooser's fields showing ``period`` (a half-year shows as its two dates)."""
    fields: dict[str, Any] = {"kind": period.kind, "year": period.start.year}
    if period.kind == "quarter":
        fields["quarter"] = str((period.start.month - 1) // 3 + 1)
    elif period.kind == "month":
        fields["month"] = str(period.start.month)
    elif period.kind != "year":
        fields.update(kind="custom", start=period.start, end=period.end)
    return fields


def period_form_for(period: Period) -> StatisticsPeriodForm:
    return StatisticsPeriodForm(initial=fields_for(period))


def last_complete_quarter(today: date) -> Period:
    current = periods.quarter(today.year, (today.month - 1) // 3 + 1)
    return current.previous()


def chosen_period(query: QueryDict, today: date) -> tuple[Period | None, StatisticsPeriodForm]:
    """The period asked for: ``?period=`` (any written form), else the chooser's fields, else
    the last complete quarter. ``None`` with the form carrying the error when it is refused."""
    if "period" in query:
        try:
            period = periods.parse(query["period"])
        except PeriodError as error:
            # The chooser shows the default period; the error says what was wrong.
            form = StatisticsPeriodForm(fields_for(last_complete_quarter(today)))
            form.is_valid()
            form.add_error(None, str(error))
            return None, form
        return period, period_form_for(period)
    if "kind" in query:
        form = StatisticsPeriodForm(query)
        if form.is_valid():
            return form.cleaned_data["period"], form
        return None, form
    period = last_complete_quarter(today)
    return period, period_form_for(period)
