"""Shared bits of the indicator tests: the periods and one call to compute one indicator."""

from __future__ import annotations

from compliance.indicators import IndicatorResult, Status, standard_results
from compliance.selectors.indicators import indicator_results
from compliance.selectors.standards import criteria_for, current_framework
from lawstation.periods import Period, quarter, year

YEAR = year(2025)
Q1 = quarter(2025, 1)

__all__ = ["Q1", "YEAR", "Status", "result_of", "standard_of"]


def result_of(station, key: str, period: Period = YEAR) -> IndicatorResult:
    return indicator_results([station], period)[station.pk][key]


def standard_of(station, number: int, period: Period = YEAR) -> Status:
    """The standard's result from the national criteria, as scorecards combine them."""
    results = indicator_results([station], period)[station.pk]
    framework = current_framework(period.end)
    criteria = criteria_for(framework, station.province_code, period.end)
    return standard_results(results, criteria)[number]
