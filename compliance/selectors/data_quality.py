"""Data-quality checks (standard 9: data "timely, accurate, true and valid"): named querysets of
records that fail a check, so they can be counted per workstation, listed, and extended.

Each ``Check`` builds, for some workstations and a period, the queryset of the failing rows and
names the path from those rows to their workstation. ``counts`` runs one ``GROUP BY`` query per
check (a fixed number, whatever the number of workstations). Issue 7 adds checks by appending to
``CHECKS``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cases.models import Case, Referral
from compliance.indicators import Period
from compliance.selectors.station_figures import InIds, day_end

CLOSED = (Case.Status.CLOSED, Case.Status.ARCHIVED)


@dataclass(frozen=True)
class Check:
    name: str
    label: str | Promise
    rows: Callable[[Sequence[int], Period], QuerySet]
    workstation_path: str  # from a failing row to its workstation id
    # Optional: the check as a condition on the rows of ``model`` (``rows`` = those rows of
    # the workstations that meet it); checks on the same model are then counted together in
    # one pass (a conditional count each) instead of one query per check.
    condition: Callable[[Period], Q] | None = None
    model: type | None = None


def case_check(name: str, label: str | Promise, condition: Callable[[Period], Q]) -> Check:
    """A check on the cases: failing rows are the cases of the workstations meeting
    ``condition``."""

    def rows(ids: Sequence[int], period: Period) -> QuerySet:
        return Case.all_objects.filter(InIds("workstation_id", ids)).filter(condition(period))

    return Check(name, label, rows, "workstation_id", condition, Case)


def _closed_without_outcome(period: Period) -> Q:
    return Q(status__in=CLOSED, outcome="", closed_at__lt=day_end(period.end))


def _referral_without_target(ids: Sequence[int], period: Period) -> QuerySet:
    return Referral.all_objects.filter(
        InIds("case__workstation_id", ids), partner__isnull=True, sent_on__lte=period.end
    )


def _registered_before_intake(period: Period) -> Q:
    return Q(registered_at__lt=day_end(period.end)) & Q(registered_at__lt=F("intake__received_at"))


def _future_dates(period: Period) -> Q:
    now = timezone.now()
    return Q(registered_at__gt=now) | Q(closed_at__gt=now) | Q(archived_at__gt=now)


CHECKS: list[Check] = [
    case_check(
        "closed_without_outcome",
        _("Closed case without an outcome"),
        _closed_without_outcome,
    ),
    Check(
        "referral_without_target",
        _("Sent referral without a receiving agency"),
        _referral_without_target,
        "case__workstation_id",
    ),
    case_check(
        "registered_before_intake",
        _("Case registered before its intake was received"),
        _registered_before_intake,
    ),
    case_check("future_dates", _("Case dates in the future"), _future_dates),
]
CHECK_BY_NAME = {check.name: check for check in CHECKS}


def failing(name: str, ids: Sequence[int], period: Period) -> QuerySet:
    """The rows failing check ``name`` for these workstations (to list them)."""
    return CHECK_BY_NAME[name].rows(ids, period)


def counts(ids: Sequence[int], period: Period) -> dict[int, dict[str, int]]:
    """``{workstation id: {check name: failing rows}}``, every check present for every id:
    one ``GROUP BY`` query per model for the checks given as a condition, one per other
    check."""
    result = {station: dict.fromkeys(CHECK_BY_NAME, 0) for station in ids}
    together: dict[tuple[type, str], list[Check]] = {}
    for check in CHECKS:
        if check.condition is not None and check.model is not None:
            together.setdefault((check.model, check.workstation_path), []).append(check)
            continue
        path = check.workstation_path
        for station, number in (
            check.rows(ids, period)
            .order_by()
            .values(path)
            .annotate(n=Count("pk"))
            .values_list(path, "n")
        ):
            result[station][check.name] = number
    for (model, path), checks in together.items():
        aggregates = {
            f"c{index}": Count("pk", filter=check.condition(period))
            for index, check in enumerate(checks)
        }
        rows = model.all_objects.filter(InIds(path, ids)).order_by().values(path)
        for row in rows.annotate(**aggregates):
            for index, check in enumerate(checks):
                result[row[path]][check.name] = row[f"c{index}"]
    return result
