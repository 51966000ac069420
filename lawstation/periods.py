"""Reporting periods: a month, a quarter, a half-year, a year, or a custom range of dates.

Pure rules, shared by compliance (issue 6) and statistics (issue 7). A period is written as
``2026`` (year), ``2026-H1`` (half-year), ``2026-Q3`` (quarter), ``2026-07`` (month) or
``2026-01-01..2026-03-31`` (custom, both days included). Anything else, ``2026-Q5`` included, is
refused with ``PeriodError`` whose ``code`` says why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

MIN_YEAR = 2000
MAX_YEAR = 2100

_YEAR = re.compile(r"^(\d{4})$", re.ASCII)
_HALF = re.compile(r"^(\d{4})-H([1-2])$", re.IGNORECASE | re.ASCII)
_QUARTER = re.compile(r"^(\d{4})-Q(\d)$", re.IGNORECASE | re.ASCII)
_MONTH = re.compile(r"^(\d{4})-(\d{2})$", re.ASCII)
_CUSTOM = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$", re.ASCII)


class PeriodError(ValueError):
    def __init__(self, code: str, text: str) -> None:
        super().__init__(text)
        self.code = code


@dataclass(frozen=True, order=True)
class Period:
    start: date
    end: date  # inclusive
    kind: str = "custom"  # year, half, quarter, month, custom

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise PeriodError("order", _("The period ends before it starts."))

    @property
    def key(self) -> str:
        """The written form, which ``parse`` reads back."""
        if self.kind == "year":
            return f"{self.start.year}"
        if self.kind == "half":
            return f"{self.start.year}-H{1 if self.start.month == 1 else 2}"
        if self.kind == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == "month":
            return f"{self.start.year}-{self.start.month:02d}"
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def has_ended(self, today: date) -> bool:
        return self.end < today

    def months(self) -> list[tuple[int, int]]:
        """(year, month) of every calendar month the period touches, in order."""
        result = []
        year, month = self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            result.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return result

    def previous(self) -> Period:
        """The period of the same kind just before this one (custom: the same length)."""
        if self.kind == "year":
            return year(self.start.year - 1)
        if self.kind == "half":
            return _span(self.start, -6, "half")
        if self.kind == "quarter":
            return _span(self.start, -3, "quarter")
        if self.kind == "month":
            return _span(self.start, -1, "month")
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))


def year(number: int) -> Period:
    _check_year(number)
    return Period(date(number, 1, 1), date(number, 12, 31), "year")


def quarter(number: int, which: int) -> Period:
    _check_year(number)
    if not 1 <= which <= 4:
        raise PeriodError("quarter", _("A quarter is Q1 to Q4."))
    return _span(date(number, 3 * which - 2, 1), 0, "quarter")


def month(number: int, which: int) -> Period:
    _check_year(number)
    if not 1 <= which <= 12:
        raise PeriodError("month", _("A month is 01 to 12."))
    return _span(date(number, which, 1), 0, "month")


def parse(text: str) -> Period:
    """Read a written period; ``PeriodError`` for anything that is not one."""
    text = (text or "").strip()
    if match := _YEAR.match(text):
        return year(int(match[1]))
    if match := _HALF.match(text):
        number = int(match[1])
        _check_year(number)
        return _span(date(number, 1 if match[2] == "1" else 7, 1), 0, "half")
    if match := _QUARTER.match(text):
        return quarter(int(match[1]), int(match[2]))
    if match := _MONTH.match(text):
        return month(int(match[1]), int(match[2]))
    if match := _CUSTOM.match(text):
        try:
            start, end = date.fromisoformat(match[1]), date.fromisoformat(match[2])
        except ValueError as error:
            raise PeriodError("date", _("That is not a real date.")) from error
        return between(start, end)
    raise PeriodError(
        "format",
        _(
            "Write the period as a year (2026), a half-year (2026-H1), a quarter (2026-Q3), "
            "a month (2026-07) or two dates (2026-01-01..2026-03-31)."
        ),
    )


def between(start: date, end: date) -> Period:
    """Any two dates, both within the years the system reports on."""
    _check_year(start.year)
    _check_year(end.year)
    return Period(start, end)


def trend(last: Period, count: int) -> list[Period]:
    """``count`` periods of the same kind ending with ``last``, oldest first."""
    periods = [last]
    while len(periods) < count:
        periods.append(periods[-1].previous())
    return list(reversed(periods))


def _span(first_day: date, shift_months: int, kind: str) -> Period:
    length = {"month": 1, "quarter": 3, "half": 6}[kind]
    index = first_day.year * 12 + first_day.month - 1 + shift_months
    start = date(index // 12, index % 12 + 1, 1)
    end_index = index + length
    end = date(end_index // 12, end_index % 12 + 1, 1) - timedelta(days=1)
    return Period(start, end, kind)


def _check_year(number: int) -> None:
    if not MIN_YEAR <= number <= MAX_YEAR:
        raise PeriodError(
            "year",
            _("The year must be between %(first)s and %(last)s.")
            % {"first": MIN_YEAR, "last": MAX_YEAR},
        )
