"""Reopening a locked period: the federation asks, with the reason the figures must change; the
federation its report was submitted to decides (issue 7, item 4).

Accepted, the report becomes "reopened": the lock is released and the federation may correct its
records and submit again. Refused, it stays accepted; the refusal needs a note. A report cannot
be reopened while the level above has a report over an overlapping period that is accepted (that
one must be reopened first) or waiting for a decision (it holds these figures as submitted). A
province's own report (sent outside this system) is reopened by another member of the province
with ``statistics.review``, never the one who asked.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import Capability, capabilities_for
from audit.services import record
from lawstation.errors import DomainError
from lawstation.versioning import lock_at_version
from stats.models import PeriodReport, ReopenRequest, ReportEvent
from stats.selectors.submissions import held_above
from stats.services.submissions import (
    MAX_REASON,
    check_submitter,
    event,
    field_error,
    membership_of,
    too_long,
)

Status = PeriodReport.Status
Action = ReportEvent.Action


@transaction.atomic
def request_reopen(
    report: PeriodReport, *, actor: Any, reason: str, expected_version: int | None
) -> ReopenRequest:
    """Ask the level above to reopen ``report`` (accepted) so its figures can be corrected."""
    reason = _text(reason, _("Say why the figures must change."))
    check_submitter(report.federation, actor)
    locked = lock_at_version(report, expected_version)
    if locked.status != Status.ACCEPTED:
        raise DomainError(
            _("Only an accepted report can be reopened; this one is %(status)s.")
            % {"status": locked.get_status_display()},
            code="not_accepted",
        )
    _refuse_locked_above(locked)
    if ReopenRequest.all_objects.filter(
        report=locked, status=ReopenRequest.Status.PENDING
    ).exists():
        raise DomainError(
            _("A request to reopen this report is already waiting for a decision."),
            code="pending",
        )
    now = timezone.now()
    request = ReopenRequest(report=locked, reason=reason, requested_at=now, requested_by=actor)
    request.set_region(locked.region)
    try:
        with transaction.atomic():
            request.save(force_insert=True)
    except IntegrityError as error:  # a concurrent request won
        raise DomainError(
            _("A request to reopen this report is already waiting for a decision."),
            code="pending",
        ) from error
    locked.save(update_fields=["version"])
    event(locked, Action.REOPEN_REQUESTED, actor=actor, at=now, reason=reason)
    record(
        "period_report.reopen_requested",
        locked,
        actor=actor,
        changes={"period": [None, locked.period_key], "reason": [None, reason]},
    )
    return request


@transaction.atomic
def decide_reopen(
    request: ReopenRequest,
    *,
    actor: Any,
    accept: bool,
    note: str = "",
    expected_version: int | None = None,
) -> ReopenRequest:
    """Accept (the report is reopened, the lock released) or refuse (with a note) ``request``.
    ``expected_version`` is the report's version the page was loaded at."""
    note = (note or "").strip()
    if not accept and not note:
        raise field_error("note", _("Say why the reopening is refused."), "note_required")
    if len(note) > MAX_REASON:
        raise field_error("note", too_long(), "too_long")
    locked_request = ReopenRequest.all_objects.select_for_update().get(pk=request.pk)
    report = PeriodReport.all_objects.select_related("federation", "submitted_to", "region").get(
        pk=locked_request.report_id
    )
    check_reopen_decider(report, locked_request, actor)
    locked = lock_at_version(report, expected_version)
    if locked_request.status != ReopenRequest.Status.PENDING:
        raise DomainError(
            _("This request was already decided (%(status)s).")
            % {"status": locked_request.get_status_display()},
            code="decided",
        )
    now = timezone.now()
    locked_request.decided_at, locked_request.decided_by = now, actor
    locked_request.decision_note = note
    before = locked.status
    if accept:
        _refuse_locked_above(locked)
        locked_request.status = ReopenRequest.Status.ACCEPTED
        locked.status = Status.REOPENED
    else:
        locked_request.status = ReopenRequest.Status.REFUSED
    locked_request.save()
    locked.save()
    action = Action.REOPEN_ACCEPTED if accept else Action.REOPEN_REFUSED
    event(locked, action, actor=actor, at=now, reason=note)
    changes: dict[str, list[Any]] = {"period": [None, locked.period_key]}
    if before != locked.status:
        changes["status"] = [before, locked.status]
    if note:
        changes["note"] = [None, note]
    record(f"period_report.{action}", locked, actor=actor, changes=changes)
    return locked_request


def check_reopen_decider(report: PeriodReport, request: ReopenRequest, actor: Any) -> None:
    """The federation the report was submitted to decides; for a province's own report,
    another reviewing member of the province."""
    membership = membership_of(actor)
    may_review = membership is not None and Capability.STATISTICS_REVIEW in capabilities_for(
        membership.role
    )
    if report.submitted_to_id is None:
        if membership is None or membership.federation_id != report.federation_id:
            raise DomainError(
                _("Only members of %(federation)s decide on reopening its report.")
                % {"federation": report.federation.name},
                code="not_reviewer",
            )
        if request.requested_by_id == getattr(actor, "pk", None):
            raise DomainError(
                _("Someone else with the right to review reports must decide on your request."),
                code="own_request",
            )
    elif membership is not None and membership.federation_id == report.federation_id:
        raise DomainError(
            _("No federation decides on reopening its own report: %(above)s does.")
            % {"above": report.submitted_to.name},
            code="own_report",
        )
    elif membership is None or membership.federation_id != report.submitted_to_id:
        raise DomainError(
            _("Only %(above)s, to which this report was submitted, decides on reopening it.")
            % {"above": report.submitted_to.name},
            code="not_reviewer",
        )
    if not may_review:
        raise DomainError(_("Your role does not review statistical reports."), code="capability")


def can_decide_reopen(report: PeriodReport, request: ReopenRequest, actor: Any) -> bool:
    try:
        check_reopen_decider(report, request, actor)
    except DomainError:
        return False
    return True


def _refuse_locked_above(report: PeriodReport) -> None:
    parent = report.region.parent if report.region_id else None
    if parent is None:
        return
    above = held_above(parent, report.period_start, report.period_end)
    if above is None:
        return
    if above.status == Status.SUBMITTED:
        raise DomainError(
            _(
                "%(federation)s has submitted its own report for %(period)s, which includes "
                "these figures, and it is waiting for a decision: it must be returned or "
                "accepted (and then reopened) before this report can be reopened."
            )
            % {"federation": above.federation.name, "period": above.period_key},
            code="held_above",
        )
    raise DomainError(
        _(
            "%(federation)s has accepted its own report for %(period)s, which includes "
            "these figures: ask %(federation)s to reopen its report first."
        )
        % {"federation": above.federation.name, "period": above.period_key},
        code="locked_above",
    )


def _text(value: str, missing: str) -> str:
    value = (value or "").strip()
    if not value:
        raise field_error("reason", missing, "reason")
    if len(value) > MAX_REASON:
        raise field_error("reason", too_long(), "too_long")
    return value
