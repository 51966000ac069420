"""Scorecards: one workstation's nine standards for a period, and the roll-up of a federation
(by sub-region, the trend, the region table)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from accounts.permissions import requires
from accounts.roles import Capability
from compliance import charts, scoring
from compliance.selectors.rollup import rollup_of
from compliance.selectors.scorecards import scorecard_of
from lawstation import periods
from lawstation.periods import Period, PeriodError
from regions.models import Federation
from regions.selectors import region_in_scope
from workstations.selectors.stations import workstation_in_scope

QUARTERS = [("", _("The whole year"))] + [(str(n), f"Q{n}") for n in range(1, 5)]
KINDS = [("year", _("A year or a quarter")), ("custom", _("From one date to another"))]


class PeriodForm(forms.Form):
    """The period chooser (GET): a year, a quarter of it, or a custom range of dates."""

    kind = forms.ChoiceField(
        label=_("Period"), choices=KINDS, initial="year", widget=forms.RadioSelect
    )
    year = forms.IntegerField(label=_("Year"), required=False)
    quarter = forms.ChoiceField(label=_("Quarter"), choices=QUARTERS, required=False)
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
            field = {"year": "year", "quarter": "quarter", "date": "start"}.get(error.code)
            self.add_error("end" if error.code == "order" else field, str(error))
        return data

    def _period(self, data: dict[str, Any]) -> Period:
        if data["kind"] == "custom":
            if not data.get("start") or not data.get("end"):
                raise PeriodError("date", str(_("Give both the first and the last day.")))
            return Period(data["start"], data["end"])
        if data.get("year") is None:
            raise PeriodError("year", str(_("Give the year.")))
        if data.get("quarter"):
            return periods.quarter(data["year"], int(data["quarter"]))
        return periods.year(data["year"])


def period_form_for(period: Period) -> PeriodForm:
    """An unbound chooser showing ``period``."""
    initial: dict[str, Any] = {"kind": "year", "year": period.start.year}
    if period.kind == "quarter":
        initial["quarter"] = str((period.start.month - 1) // 3 + 1)
    elif period.kind != "year":
        initial.update(kind="custom", start=period.start, end=period.end)
    return PeriodForm(initial=initial)


def chosen_period(request: HttpRequest) -> tuple[Period | None, PeriodForm]:
    """The period asked for: ``?period=2026-Q3`` (any written form), or the chooser's fields,
    or by default the last complete year. ``None`` with the bound form when it is refused."""
    today = timezone.localdate()
    if "period" in request.GET:
        try:
            period = periods.parse(request.GET["period"])
        except PeriodError as error:
            form = PeriodForm({"kind": "year"})
            form.is_valid()
            form.add_error(None, str(error))
            return None, form
        return period, period_form_for(period)
    if "kind" in request.GET:
        form = PeriodForm(request.GET)
        if form.is_valid():
            return form.cleaned_data["period"], form
        return None, form
    period = scoring.last_complete_year(today)
    return period, period_form_for(period)


@never_cache
@requires(Capability.WORKSTATION_VIEW)
def station_scorecard(request: HttpRequest, code: str) -> HttpResponse:
    region = region_in_scope(request.scope, code)
    try:
        federation = region.federation
    except Federation.DoesNotExist as missing:
        raise Http404 from missing
    workstation = workstation_in_scope(request.scope, federation)
    if workstation is None:
        raise Http404
    period, form = chosen_period(request)
    card = None
    if period is not None:
        card = scorecard_of(request.scope, region, workstation, period, today=timezone.localdate())
    return render(
        request,
        "compliance/scorecards/station.html",
        {"region": region, "workstation": workstation, "form": form, "card": card},
    )


@never_cache
@requires(Capability.WORKSTATION_VIEW)
def rollup(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("region") or request.scope.region_code
    region = region_in_scope(request.scope, code)
    period, form = chosen_period(request)
    result = chart = None
    if period is not None:
        result = rollup_of(request.scope, region, period, today=timezone.localdate())
        chart = charts.trend_chart(result.trend)
    return render(
        request,
        "compliance/scorecards/rollup.html",
        {
            "region": region,
            "form": form,
            "rollup": result,
            "chart": chart,
            "standard_titles": list(scoring.STANDARD_TITLES.items()),
        },
    )
