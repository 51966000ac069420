"""Lists of open work as the staff home shows them (``stats.selectors.dashboard``): each kind a
count, its first few items and a link to the full list, with its words.

An item shows a case number, a reference, an agency, a period or a date, never a name or an
identity number, so the home reads no personal data and writes nothing to the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, QuerySet, Window
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from lawstation import periods
from lawstation.periods import Period
from regions.models import Federation
from regions.scoping import Scope

FIRST_FEW = 5


@dataclass(frozen=True)
class WorkItem:
    text: str
    note: str
    url: str
    is_overdue: bool = False


@dataclass(frozen=True)
class WorkList:
    key: str
    title: str | Promise
    count: int
    items: list[WorkItem]
    more_url: str
    more_label: str | Promise
    empty: str | Promise

    @property
    def more(self) -> int:
        return max(self.count - len(self.items), 0)


@dataclass(frozen=True)
class Context:
    scope: Scope
    federation: Federation
    today: date


def last_ended_quarter(today: date) -> Period:
    """The quarter the home reports on: the last one that has ended."""
    return periods.quarter(today.year, (today.month - 1) // 3 + 1).previous()


def first_rows(queryset: QuerySet, size: int = FIRST_FEW) -> tuple[list[Any], int]:
    """The first ``size`` rows of ``queryset`` and how many rows it has: one query."""
    rows = list(queryset.annotate(dashboard_total=Window(Count("pk")))[:size])
    return rows, rows[0].dashboard_total if rows else 0


# Each kind's title, the label of the link to its full list, and what it says when empty.
TEXTS: dict[str, tuple[Promise, Promise | str, Promise]] = {
    "referrals": (
        gettext_lazy("Referrals overdue"),
        gettext_lazy("All overdue referrals"),
        gettext_lazy("No referral is overdue."),
    ),
    "risks": (
        gettext_lazy("Risk flags awaiting review"),
        gettext_lazy("The risk register"),
        gettext_lazy("No risk flag awaits review."),
    ),
    "archiving": (
        gettext_lazy("Files to archive"),
        gettext_lazy("All closed cases not yet archived"),
        gettext_lazy("No file is due for archiving in the next seven days."),
    ),
    "return_visits": (
        gettext_lazy("Return visits due"),
        "",
        gettext_lazy("No return visit is due."),
    ),
    "filings_returned": (
        gettext_lazy("Filing returned to us"),
        gettext_lazy("Our filings"),
        gettext_lazy("Our filing has not been returned."),
    ),
    "filings_to_decide": (
        gettext_lazy("Filings from the level below awaiting decision"),
        gettext_lazy("All filings"),
        gettext_lazy("No filing awaits our decision."),
    ),
    "online_requests": (
        gettext_lazy("New online requests"),
        gettext_lazy("The online requests inbox"),
        gettext_lazy("No new online request."),
    ),
    "own_reports": (
        gettext_lazy("Our period reports to send"),
        gettext_lazy("Period reports"),
        gettext_lazy("Every period report is sent."),
    ),
    "reports_to_decide": (
        gettext_lazy("Reports from the level below awaiting decision"),
        gettext_lazy("Period reports"),
        gettext_lazy("No report awaits our decision."),
    ),
}


def work_list(key: str, count: int, items: list[WorkItem], more_url: str) -> WorkList:
    """The list of kind ``key`` with its words from :data:`TEXTS`, cut to the first few."""
    title, more_label, empty = TEXTS[key]
    return WorkList(key, title, count, items[:FIRST_FEW], more_url, more_label, empty)


def local_day(moment: Any) -> str:
    """The local date of an aware ``moment``, as written on the home (empty for none)."""
    return timezone.localdate(moment).isoformat() if moment else ""
