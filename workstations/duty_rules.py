"""Whether a workstation met "at least one on-site duty day a month" (Notice standard 5).

Plain values in and out: dates and (year, month) pairs; no database.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

Month = tuple[int, int]


def last_months(today: date, n: int = 12) -> list[Month]:
    """The ``n`` full months before ``today``'s month, oldest first.

    The current month is left out: it is not over, so it can be neither met nor missed yet.
    """
    if n < 0:
        raise ValueError("n must not be negative")
    current = (today.year, today.month)
    return [shift_month(current, -back) for back in range(n, 0, -1)]


def monthly_duty_met(held_days: Iterable[date], months: list[Month]) -> dict[Month, bool]:
    """For each month in ``months``: whether at least one of ``held_days`` falls in it."""
    held = {(day.year, day.month) for day in held_days}
    return {month: month in held for month in months}


def month_of(value: str, default: date) -> Month:
    """Parse ``YYYY-MM`` (as in ``?month=2026-11``); ``default``'s month when it is malformed."""
    year_text, _, month_text = (value or "").partition("-")
    if year_text.isdigit() and month_text.isdigit() and len(year_text) == 4:
        year, month = int(year_text), int(month_text)
        if 1 <= month <= 12 and year >= 1:
            return (year, month)
    return (default.year, default.month)


def shift_month(month: Month, by: int) -> Month:
    """The month ``by`` months after (or before, when negative) ``month``."""
    year, number = divmod(month[0] * 12 + month[1] - 1 + by, 12)
    return (year, number + 1)
