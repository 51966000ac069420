"""Period reports sent up level by level: submitted by a federation, returned with a reason or
accepted by the federation directly above (issue 7, item 4). Reopening: ``stats.services.
reopening``.

Decided here, once:
- Reports are monthly, quarterly or yearly, for a period that has ended.
- Only the federation's own members with ``statistics.submit`` submit its report; refused while
  the data-quality checks find errors in its own records, and, above a county, until every
  federation directly below has an accepted report for the same period.
- The snapshot freezes the figure table of the federation's region as submitted; each new
  submission (after a return or an accepted reopen) counts up ``number`` and keeps its own
  snapshot in its ``ReportEvent``.
- Only the federation the report was submitted to returns or accepts it; no federation decides
  its own report. A province's report goes to the national federation, outside this system: it
  is final when sent (accepted), and locks the period like any accepted report.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from accounts.models import Membership
from accounts.roles import Capability, capabilities_for
from audit.services import record
from lawstation import periods
from lawstation.errors import DomainError
from lawstation.versioning import lock_at_version
from regions.models import Federation, Level
from stats import deadlines
from stats.models import PeriodReport, ReportEvent
from stats.selectors.figures import figure_table
from stats.selectors.submissions import children_without_accepted

Status = PeriodReport.Status
Action = ReportEvent.Action
MAX_REASON = 4000


def reportable_period(period: periods.Period | str, today: date | None = None) -> periods.Period:
    """A month, quarter or year that has ended; anything else refused with a clear message."""
    if isinstance(period, str):
        try:
            period = periods.parse(period)
        except periods.PeriodError as error:
            raise DomainError(str(error), code=error.code) from error
    if period.kind not in deadlines.KINDS:
        raise DomainError(
            _(
                "Reports are made for a month (2026-07), a quarter (2026-Q3) or a year (2026), "
                "not for a half-year or a range of dates."
            ),
            code="period_kind",
        )
    today = today or timezone.localdate()
    if not period.has_ended(today):
        raise DomainError(
            _("The period %(period)s has not ended yet: its report can be submitted from %(day)s.")
            % {"period": period.key, "day": (period.end + timedelta(days=1)).isoformat()},
            code="not_ended",
        )
    return period


def membership_of(actor: Any) -> Membership | None:
    return (
        Membership.all_objects.select_related("federation__region")
        .filter(user_id=getattr(actor, "pk", None))
        .first()
    )


def check_submitter(federation: Federation, actor: Any) -> None:
    """Refuse anyone but a member of ``federation`` who may submit its reports."""
    membership = membership_of(actor)
    if membership is None or membership.federation_id != federation.pk:
        raise DomainError(
            _("Only members of %(federation)s submit its reports.")
            % {"federation": federation.name},
            code="not_own",
        )
    if Capability.STATISTICS_SUBMIT not in capabilities_for(membership.role):
        raise DomainError(_("Your role does not submit statistical reports."), code="capability")


def check_decider(report: PeriodReport, actor: Any) -> None:
    """Refuse anyone but a reviewing member of the federation the report was submitted to."""
    membership = membership_of(actor)
    if report.submitted_to_id is None:
        raise DomainError(
            _(
                "A province's report goes to the China Disabled Persons' Federation, outside "
                "this system: it was final when sent."
            ),
            code="no_level_above",
        )
    if membership is not None and membership.federation_id == report.federation_id:
        raise DomainError(
            _("No federation decides on its own report: %(above)s does.")
            % {"above": report.submitted_to.name},
            code="own_report",
        )
    if membership is None or membership.federation_id != report.submitted_to_id:
        raise DomainError(
            _("Only %(above)s, to which this report was submitted, returns or accepts it.")
            % {"above": report.submitted_to.name},
            code="not_reviewer",
        )
    if Capability.STATISTICS_REVIEW not in capabilities_for(membership.role):
        raise DomainError(_("Your role does not review statistical reports."), code="capability")


@transaction.atomic
def submit_report(
    federation: Federation,
    *,
    actor: Any,
    period: periods.Period | str,
    expected_version: int | None = None,
    at: datetime | None = None,
) -> PeriodReport:
    """Submit ``federation``'s report for ``period`` to the federation directly above (a
    province's: final on sending). ``expected_version`` is the report's version the form was
    loaded at, 0 when there was none yet. ``at``: when it was sent, for the demo loader and
    imports of earlier submissions (default: now)."""
    now = at or timezone.now()
    period = reportable_period(period, timezone.localdate(now))
    federation = Federation.objects.select_related("region__parent").get(pk=federation.pk)
    region = federation.region
    check_submitter(federation, actor)
    _refuse_quality_problems(federation, period)
    _refuse_children_not_accepted(federation, period)
    above = _federation_above(federation)
    report = _report_to_submit(federation, period, expected_version)
    before = (report.status, report.number) if report.pk else (None, 0)
    report.submitted_to = above
    report.status = Status.SUBMITTED if above is not None else Status.ACCEPTED
    report.number = before[1] + 1
    report.snapshot = figure_table(region, period).to_snapshot()
    report.submitted_at, report.submitted_by = now, actor
    report.is_late = deadlines.is_late(timezone.localdate(now), report.due_on)
    report.decided_at, report.decided_by = (None, None) if above else (now, actor)
    report.return_reason = ""
    _save(report)
    event(report, Action.SUBMITTED, actor=actor, at=now, snapshot=report.snapshot)
    record(
        "period_report.submitted",
        report,
        actor=actor,
        changes={
            "period": [None, period.key],
            "status": [before[0], report.status],
            "number": [before[1], report.number],
            "submitted_to": [None, above.name if above else None],
            "is_late": [None, report.is_late],
        },
    )
    return report


@transaction.atomic
def return_report(
    report: PeriodReport,
    *,
    actor: Any,
    reason: str,
    expected_version: int | None,
    at: datetime | None = None,
) -> PeriodReport:
    """Send the report back to its federation with the reason; it may then submit again."""
    reason = (reason or "").strip()
    if not reason:
        raise field_error(
            "reason", _("Say why the report is returned, so it can be corrected."), "reason"
        )
    if len(reason) > MAX_REASON:
        raise field_error("reason", too_long(), "too_long")
    locked = _decidable(report, actor, expected_version)
    return _decide(locked, actor, Status.RETURNED, reason, at)


@transaction.atomic
def accept_report(
    report: PeriodReport, *, actor: Any, expected_version: int | None, at: datetime | None = None
) -> PeriodReport:
    """Accept the report: its figures are final and the period is locked for its region."""
    locked = _decidable(report, actor, expected_version)
    # Every report below was accepted when this one was submitted; refuse if one was reopened
    # since (its figures may have changed under this snapshot).
    if locked.region.level != Level.COUNTY:
        missing = children_without_accepted(locked.region, periods.parse(locked.period_key))
        if missing:
            raise DomainError(
                _(
                    "This report cannot be accepted now: the report for %(period)s of %(missing)s "
                    "was reopened after it was submitted, so its figures may have changed. "
                    "Return this report so it can be submitted again."
                )
                % {"period": locked.period_key, "missing": _names(missing)},
                code="children_not_accepted",
            )
    return _decide(locked, actor, Status.ACCEPTED, "", at)


@transaction.atomic
def record_report_viewed(report: PeriodReport, *, actor: Any) -> None:
    """Audit the read of a report's figures (small counts may point to a person)."""
    record("statistics.viewed", report, actor=actor, changes={"period": [None, report.period_key]})


def field_error(field: str, message: str, code: str) -> DomainError:
    """A refusal about one field of the form (its code kept on the inner error)."""
    return DomainError({field: DomainError(message, code=code)})


def too_long() -> str:
    return _("The reason is too long (%(limit)s characters at most).") % {"limit": MAX_REASON}


def event(
    report: PeriodReport,
    action: str,
    *,
    actor: Any,
    at: Any = None,
    reason: str = "",
    snapshot: dict | None = None,
) -> ReportEvent:
    """One step of the report's history, filed with the report."""
    step = ReportEvent(
        report=report,
        action=action,
        at=at or timezone.now(),
        actor=actor,
        reason=reason,
        snapshot=snapshot,
        province_code=report.province_code,
        city_code=report.city_code,
        county_code=report.county_code,
    )
    step.save(force_insert=True)
    return step


# --- Helpers --------------------------------------------------------------------------------


def _refuse_quality_problems(federation: Federation, period: periods.Period) -> None:
    from stats.selectors.quality import blocking_problems  # helper 3's module

    problems = {key: count for key, count in blocking_problems(federation, period).items() if count}
    if not problems:
        return
    listed = "; ".join(
        _("%(problem)s: %(count)s") % {"problem": _problem_label(key), "count": count}
        for key, count in problems.items()
    )
    raise DomainError(
        _(
            "The report cannot be submitted while the data-quality checks find errors in your "
            "federation's own records: %(problems)s. Correct them (see the data-quality list), "
            "then submit again."
        )
        % {"problems": listed},
        code="quality",
    )


def _problem_label(key: str) -> str:
    try:
        from stats.selectors import quality
    except ImportError:  # pragma: no cover - helper 3's module is part of the app
        return key
    labels = getattr(quality, "LABELS", None) or {}
    return str(labels.get(key, key))


def _refuse_children_not_accepted(federation: Federation, period: periods.Period) -> None:
    if federation.region.level == Level.COUNTY:
        return
    missing = children_without_accepted(federation.region, period)
    if missing:
        raise DomainError(
            _(
                "Every federation directly below must have its report for %(period)s accepted "
                "before yours can be submitted. Not accepted yet: %(missing)s."
            )
            % {"period": period.key, "missing": _names(missing)},
            code="children_not_accepted",
        )


def _names(federations: list[Federation]) -> str:
    return pgettext("list separator", ", ").join(federation.name for federation in federations)


def _federation_above(federation: Federation) -> Federation | None:
    parent = federation.region.parent
    if parent is None:
        return None
    above = Federation.objects.filter(region=parent).first()
    if above is None:
        raise DomainError(
            _("%(region)s has no federation on record to receive this report.")
            % {"region": parent.name},
            code="no_level_above",
        )
    return above


def _report_to_submit(
    federation: Federation, period: periods.Period, expected_version: int | None
) -> PeriodReport:
    existing = PeriodReport.all_objects.filter(federation=federation, period_key=period.key).first()
    if existing is None:
        if expected_version:
            raise _stale()
        report = PeriodReport(
            federation=federation,
            region=federation.region,
            kind=period.kind,
            period_key=period.key,
            period_start=period.start,
            period_end=period.end,
            due_on=deadlines.due_on(period.end, period.kind, federation.region.level),
        )
        report.set_region(federation.region)
        return report
    locked = lock_at_version(existing, expected_version)
    if locked.status not in (Status.RETURNED, Status.REOPENED):
        raise DomainError(
            _(
                "The report for %(period)s was already submitted (it is %(status)s). It can be "
                "submitted again only after it is returned or reopened."
            )
            % {"period": period.key, "status": locked.get_status_display()},
            code="already_submitted",
        )
    return locked


def _save(report: PeriodReport) -> None:
    if report.pk:
        report.save()
        return
    try:
        with transaction.atomic():
            report.save(force_insert=True)
    except IntegrityError as error:  # someone submitted the same period meanwhile
        raise _stale() from error


def _stale() -> DomainError:
    return DomainError(
        _(
            "Someone else changed this report after you opened the page. Nothing was saved: "
            "reload the page to see their change."
        ),
        code="stale",
    )


def _decidable(report: PeriodReport, actor: Any, expected_version: int | None) -> PeriodReport:
    check_decider(report, actor)
    locked = lock_at_version(report, expected_version)
    if locked.status != Status.SUBMITTED:
        raise DomainError(
            _("This report is not waiting for a decision (it is %(status)s).")
            % {"status": locked.get_status_display()},
            code="not_submitted",
        )
    return locked


def _decide(
    locked: PeriodReport, actor: Any, status: str, reason: str, at: datetime | None
) -> PeriodReport:
    before = locked.status
    now = at or timezone.now()
    locked.status = status
    locked.decided_at, locked.decided_by = now, actor
    locked.return_reason = reason
    locked.save()
    action = Action.RETURNED if status == Status.RETURNED else Action.ACCEPTED
    event(locked, action, actor=actor, at=now, reason=reason)
    changes: dict[str, list[Any]] = {
        "period": [None, locked.period_key],
        "status": [before, status],
    }
    if reason:
        changes["reason"] = [None, reason]
    record(f"period_report.{status}", locked, actor=actor, changes=changes)
    return locked
