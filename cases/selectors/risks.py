"""Reading risk flags: the register of a federation and below, one flag for its review."""

from __future__ import annotations

from django.db.models import F, QuerySet
from django.http import Http404

from cases.models import RiskFlag
from cases.selectors.cases import cases_visible
from regions.scoping import Scope, activate


def risk_register(scope: Scope, *, open_only: bool = False) -> QuerySet[RiskFlag]:
    """The flags on every case the scope may see, unreviewed first, newest first.

    One query per page whatever the number of flags (the case, its federation and the users are
    joined); paginate it."""
    with activate(scope):
        flags = RiskFlag.objects.filter(case__in=cases_visible(scope))
    if open_only:
        flags = flags.filter(reviewed_at__isnull=True)
    return flags.select_related("case", "case__federation", "raised_by", "reviewed_by").order_by(
        F("reviewed_at").desc(nulls_first=True), "-raised_at", "-pk"
    )


def risk_in_scope_or_404(scope: Scope | None, pk: int | str) -> RiskFlag:
    """One flag on a case the scope may see; missing and out of scope both give 404."""
    if scope is None:
        raise Http404
    try:
        return risk_register(scope).get(pk=pk)
    except (RiskFlag.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def open_flags(case_pk: int) -> list[RiskFlag]:
    """The case's flags not yet reviewed, oldest first (for the closing and archiving checks)."""
    return list(
        RiskFlag.all_objects.filter(case_id=case_pk, reviewed_at__isnull=True).order_by(
            "raised_at", "pk"
        )
    )
