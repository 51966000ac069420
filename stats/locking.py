"""Locked periods: once a federation's report for a period is accepted, the reportable records of
its region dated inside the period cannot change until a reopen request is accepted (issue 7,
item 4).

The services that change reportable records call ``ensure_open`` with the row (or region) and
the day(s) the change touches, before they save. A record is covered by the reports of the
federations of each of its region codes: a county's record is locked by the county's accepted
report, by its city's and by its province's. One indexed query; none at all when every day is
today or later (a report is made only for a period that has ended).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from lawstation.errors import DomainError
from stats.selectors.submissions import accepted_covering, accepted_ending_on_or_after

CODE_COLUMNS = ("province_code", "city_code", "county_code")


def ensure_open(codes: Any, *days: date | datetime | None) -> None:
    """Refuse (``DomainError``, code ``period_locked``) when an accepted report of the
    federation of any of ``codes``' region codes covers one of ``days``.

    ``codes``: a ``RegionScoped`` row, a ``Region``, or a list of them. ``days``: dates or
    datetimes (read in local time); ``None`` is skipped."""
    past = _past_days(days)
    if not past:
        return
    report = accepted_covering(region_codes_of(codes), past)
    if report is not None:
        raise locked_error(report)


def ensure_open_from(codes: Any, first_day: date | datetime) -> None:
    """Refuse when any accepted report of those federations ends on or after ``first_day``:
    for a change that moves everything dated from ``first_day`` on (a case's transfer)."""
    past = _past_days([first_day])
    if not past:
        return
    report = accepted_ending_on_or_after(region_codes_of(codes), past[0])
    if report is not None:
        raise locked_error(report)


def locked_error(report: Any) -> DomainError:
    return DomainError(
        _(
            "The period %(period)s is locked: the report of %(federation)s for it was "
            "accepted, so its figures cannot change. Nothing was saved. To make this change, "
            "ask for the period to be reopened."
        )
        % {"period": report.period_key, "federation": report.federation.name},
        code="period_locked",
    )


def region_codes_of(codes: Any) -> set[str]:
    """Every region code a row, a region, or a list of them is filed under."""
    items: Iterable[Any] = codes if isinstance(codes, list | tuple | set) else [codes]
    found: set[str] = set()
    for item in items:
        found.update(code for name in CODE_COLUMNS if (code := getattr(item, name, None)))
    return found


def _past_days(days: Iterable[date | datetime | None]) -> list[date]:
    today = timezone.localdate()
    result = []
    for day in days:
        if day is None:
            continue
        if isinstance(day, datetime):
            day = timezone.localdate(day)
        if day < today:
            result.append(day)
    return sorted(set(result))
