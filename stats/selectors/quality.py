"""Data-quality problems of a region or of one federation for a period (issue 7, item 3).

The checks are those of ``compliance.selectors.data_quality`` (one list: the compliance
indicator, this page and the submission refusal count the same things). A problem belongs to
the federation that can correct it (``Check.owner``: the case's federation, or the applicant's
for the applicant's record). Rows are read with ``all_objects`` filtered on the region column of
their owner's row, or on its federation: the caller has checked that the region or federation is
inside the user's scope. A fixed number of queries: one per model and owner and per check with
a subquery for the counts, one per check listed.

No names or identity numbers leave this module: a problem is a case number, the federation, the
date, what is wrong, and the ids the fix links need.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Case as Choose
from django.db.models import F, Q, Subquery, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Case, Referral, ReturnVisit, Service
from compliance.selectors.data_quality import (
    CHECK_BY_NAME,
    CHECKS,
    ERROR_CHECKS,
    REFERRAL_DATES,
    Check,
    Where,
    tally,
    twins,
)
from lawstation.periods import Period
from regions.models import Federation, Region
from regions.scoping import scope_for_region

DEFAULT_LIMIT = 20
# Which records a list shows: the federation's own (those that block its report), or every
# record filed under the region (the federations below included).
OWN = "own"
REGION = "region"
# Each check's words, by name (the submission refusal names the checks that block it).
LABELS = {check.name: check.label for check in CHECKS}


@dataclass(frozen=True)
class Problem:
    check: str
    row_id: int  # the failing row: a case, referral, service or return visit
    case_id: int
    case_number: str
    applicant_id: int
    federation_id: int  # the owner's: the federation that corrects the record
    federation: str
    on: date | None
    detail: str  # what is wrong, in words
    correctable: bool  # False: the record can no longer change (listed only, never blocks)


def in_region(region: Region) -> Where:
    """Rows whose owner's row (the case, or the applicant's record) is filed under ``region``
    or below."""
    column = scope_for_region(region).column
    return lambda to_owner: Q(**{f"{to_owner}{column}": region.code})


def of_federation(federation: Federation | None) -> Where:
    """Rows whose owner is ``federation`` itself (not a federation below); none without one."""
    if federation is None:
        return lambda to_owner: Q(pk__in=[])
    return lambda to_owner: Q(**{f"{to_owner}federation_id": federation.pk})


def federation_of(region: Region) -> Federation | None:
    try:
        return region.federation
    except Federation.DoesNotExist:
        return None


def records_of(region: Region, records: str) -> Where:
    """``OWN``: the records of the region's federation itself; ``REGION``: every record filed
    under the region."""
    return of_federation(federation_of(region)) if records == OWN else in_region(region)


def problem_counts(region: Region, period: Period, *, records: str = REGION) -> dict[str, int]:
    """``{check name: failing records}`` for every check, in the order of ``CHECKS``."""
    found = tally(records_of(region, records), period, CHECKS).get(None, {})
    return {check.name: found.get(check.name, 0) for check in CHECKS}


def blocking_problems(federation: Federation, period: Period) -> dict[str, int]:
    """The checks of severity ``error`` that the federation's own records fail and can still
    be corrected, with how many (none: the federation may submit its report for the period).
    Cases without a workstation count too; records of the federations below are theirs to
    answer for, and the applicant's record is its registering federation's."""
    found = tally(of_federation(federation), period, ERROR_CHECKS, blocking=True).get(None, {})
    return {check.name: found[check.name] for check in ERROR_CHECKS if found.get(check.name)}


# --- Listing ----------------------------------------------------------------------------------


def _first_future(fields: tuple[str, ...], today: date | datetime) -> dict[str, Any]:
    """``on``: the first of ``fields`` after ``today``; ``which``: its name."""
    return {
        "on": Choose(*[When(**{f"{name}__gt": today}, then=F(name)) for name in fields]),
        "which": Choose(
            *[When(**{f"{name}__gt": today}, then=Value(name)) for name in fields],
            default=Value(""),
        ),
    }


def _missing_sex_or_birth(row: dict[str, Any]) -> str:
    missing = []
    if not row["sex"]:
        missing.append(_("sex"))
    if row["birth_date"] is None:
        missing.append(_("date of birth"))
    return _("Not recorded: %(fields)s") % {"fields": _(", ").join(missing)}


def _duplicate(row: dict[str, Any]) -> str:
    return _("Possibly the same request as case %(number)s") % {"number": row["twin"]}


def _late(row: dict[str, Any]) -> str:
    days = (row["on"] - row["received"]).days
    return _("Registered %(days)s days after the request was received") % {"days": days}


def _future_field(model: type) -> Callable[[dict[str, Any]], str]:
    def describe(row: dict[str, Any]) -> str:
        label = model._meta.get_field(row["which"]).verbose_name if row["which"] else ""
        return _("In the future: %(field)s") % {"field": label}

    return describe


@dataclass(frozen=True)
class Listing:
    """What a list of one check shows: the date (a path from the failing row, or an
    expression), more values, and the words for what is wrong (default: the check's label)."""

    on: str = "registered_at"
    values: Callable[[], dict[str, Any]] = dict
    describe: Callable[[dict[str, Any]], str] | None = None


LISTINGS: dict[str, Listing] = {
    "applicant_missing_sex_or_birth": Listing(
        values=lambda: {"sex": F("applicant__sex"), "birth_date": F("applicant__birth_date")},
        describe=_missing_sex_or_birth,
    ),
    "closed_without_summary": Listing("closed_at"),
    "closed_without_outcome": Listing("closed_at"),
    "referral_without_target": Listing("sent_on"),
    "referred_without_referral": Listing("closed_at"),
    "archived_without_number": Listing("archived_at"),
    "registered_late": Listing(
        values=lambda: {"received": F("intake__received_at")}, describe=_late
    ),
    "possible_duplicate": Listing(
        values=lambda: {
            "twin": Subquery(twins().order_by("registered_at", "pk").values("number")[:1])
        },
        describe=_duplicate,
    ),
    "future_dates": Listing(
        "",
        lambda: _first_future(("registered_at", "closed_at", "archived_at"), timezone.now()),
        _future_field(Case),
    ),
    "future_service_dates": Listing(
        "",
        lambda: _first_future(("provided_on", "performance_followed_up_on"), timezone.localdate()),
        _future_field(Service),
    ),
    "future_referral_dates": Listing(
        "", lambda: _first_future(REFERRAL_DATES, timezone.localdate()), _future_field(Referral)
    ),
    "future_return_visit_dates": Listing(
        "", lambda: _first_future(("done_on",), timezone.localdate()), _future_field(ReturnVisit)
    ),
}


FIELDS = ("pk", "case_ref", "case_number", "applicant_ref", "owner_ref", "owner_name")
FIELDS += ("can_correct",)


def problems(
    region: Region,
    period: Period,
    check: str | Check,
    *,
    records: str = REGION,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> list[Problem]:
    """The records (``OWN`` or ``REGION``) failing ``check`` in the period, newest first, from
    ``offset``, at most ``limit``: one query."""
    check = CHECK_BY_NAME[check] if isinstance(check, str) else check
    listing = LISTINGS.get(check.name, Listing())
    to_case, to_owner = check.to_case, check.to_owner
    extra = listing.values()
    if listing.on:
        extra["on"] = F(listing.on)
    correctable = (
        Choose(When(check.correctable(), then=Value(True)), default=Value(False))
        if check.correctable
        else Value(True)
    )
    rows = (
        check.failing_rows(records_of(region, records), period)
        .annotate(
            case_ref=F(f"{to_case}pk"),
            case_number=F(f"{to_case}number"),
            applicant_ref=F(f"{to_case}applicant_id"),
            owner_ref=F(f"{to_owner}federation_id"),
            owner_name=F(f"{to_owner}federation__name"),
            can_correct=correctable,
            **extra,
        )
        .order_by(F("on").desc(nulls_last=True), "-pk")
        .values(*FIELDS, *extra)
    )
    label = str(check.label)
    return [
        Problem(
            check=check.name,
            row_id=row["pk"],
            case_id=row["case_ref"],
            case_number=row["case_number"],
            applicant_id=row["applicant_ref"],
            federation_id=row["owner_ref"],
            federation=row["owner_name"],
            on=_day(row["on"]),
            detail=listing.describe(row) if listing.describe else label,
            correctable=bool(row["can_correct"]),
        )
        for row in rows[offset : offset + limit]
    ]


def _day(value: date | datetime | None) -> date | None:
    if isinstance(value, datetime):
        return timezone.localdate(value)
    return value
