"""When a period report is due, and whether one is late, in words (issue 7, item 4).

Pure rules: a county's report is due ``STATS_DUE_DAYS[kind]`` days after the period ends; each
level above gets ``STATS_DUE_DAYS_PER_LEVEL`` days more (a city's report after its counties', a
province's after its cities'), so every level has time to review the one below. A submission
made after its due date is late.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

KINDS = ("month", "quarter", "year")
COUNTY_LEVEL = 3


def due_on(
    period_end: date,
    kind: str,
    level: int,
    *,
    due_days: dict[str, int] | None = None,
    per_level: int | None = None,
) -> date:
    """The day by which a federation of region ``level`` (1 province … 3 county) reports a
    period of ``kind`` that ended on ``period_end``."""
    if kind not in KINDS:
        raise ValueError(f"no due date for a {kind!r} period")
    due_days = settings.STATS_DUE_DAYS if due_days is None else due_days
    per_level = settings.STATS_DUE_DAYS_PER_LEVEL if per_level is None else per_level
    levels_above_county = max(COUNTY_LEVEL - level, 0)
    return period_end + timedelta(days=due_days[kind] + levels_above_county * per_level)


def is_late(submitted_on: date, due: date) -> bool:
    return submitted_on > due


def submitted_in_words(submitted_on: date, due: date) -> str:
    """ "On time" or "3 days late"."""
    late_by = (submitted_on - due).days
    if late_by <= 0:
        return _("On time")
    return ngettext("%(days)s day late", "%(days)s days late", late_by) % {"days": late_by}


def not_submitted_in_words(due: date, today: date) -> str:
    """ "Not submitted, due in 4 days", "… due today" or "Overdue by 2 days"."""
    left = (due - today).days
    if left > 0:
        return ngettext(
            "Not submitted, due in %(days)s day", "Not submitted, due in %(days)s days", left
        ) % {"days": left}
    if left == 0:
        return _("Not submitted, due today")
    return ngettext(
        "Not submitted: overdue by %(days)s day", "Not submitted: overdue by %(days)s days", -left
    ) % {"days": -left}


def is_overdue(due: date, today: date) -> bool:
    return today > due
