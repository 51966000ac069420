"""The indicators of many workstations over one period, from their records.

The figures are gathered in bulk (``station_figures``, ``case_figures``, ``data_quality``): a
fixed number of aggregate queries for any number of workstations. The rules that turn figures
into results are the pure deciders of ``compliance.indicators``.

Scope: the caller passes the workstations it may see (already scoped); the records read are
those of exactly these workstations.
"""

from __future__ import annotations

from collections.abc import Sequence

from compliance.indicators import INDICATORS, IndicatorResult, Period, decide
from compliance.selectors import case_figures, data_quality, station_figures
from workstations.models import Workstation

# Each gathers some indicators' figures for a list of workstation ids.
FAMILIES = (
    station_figures.premises,
    station_figures.staffing,
    station_figures.notices,
    station_figures.duty_and_contacts,
    station_figures.funding,
    case_figures.case_indicators,
)


def indicator_figures(
    workstations: Sequence[Workstation], period: Period
) -> dict[int, dict[str, dict]]:
    """``{workstation id: {indicator key: figures}}``: the numbers each decider reads."""
    stations = list(workstations)
    ids = [station.pk for station in stations]
    figures: dict[int, dict[str, dict]] = {station: {} for station in ids}
    if not ids:
        return figures
    for family in FAMILIES:
        for station, found in family(ids, period).items():
            figures[station].update(found)
    for station, found in station_figures.filings(stations, period).items():
        figures[station].update(found)
    for station, by_check in data_quality.counts(ids, period).items():
        figures[station]["information.data_quality"] = {
            "errors": sum(by_check.values()),
            **by_check,
        }
    return figures


def indicator_results(
    workstations: Sequence[Workstation], period: Period
) -> dict[int, dict[str, IndicatorResult]]:
    """``{workstation id: {indicator key: result}}`` for every indicator of ``INDICATORS``."""
    figures = indicator_figures(workstations, period)
    return {
        station: {key: decide(key, found[key]) for key, _number in INDICATORS}
        for station, found in figures.items()
    }
