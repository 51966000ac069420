"""Return visits (回访) after closure and complaints about the service (DOMAIN.md §6.1 step 7).

Dates record what happened: never in the future. A complaint also raises a risk flag of kind
"complaint", which a supervisor reviews like any other."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from cases import lifecycle
from cases.models import Case, Complaint, ReturnVisit, RiskFlag
from cases.services.risks import raise_risk
from lawstation.errors import DomainError
from stats.locking import ensure_open

AFTER_CLOSURE = frozenset({lifecycle.CLOSED, lifecycle.ARCHIVED})


def _not_in_future(day: date | None, message: str) -> None:
    if day is None:
        raise DomainError(message, code="date")
    if day > timezone.localdate():
        raise DomainError(message, code="future")


def _codes(case: Case) -> dict[str, str | None]:
    return {
        "province_code": case.province_code,
        "city_code": case.city_code,
        "county_code": case.county_code,
    }


@transaction.atomic
def schedule_return_visit(case: Case, *, actor: Any, due_on: date) -> ReturnVisit:
    """Plan a return visit to the applicant of a closed case."""
    if case.status not in AFTER_CLOSURE:
        raise DomainError(_("Return visits follow closure: close the case first."), code="status")
    if due_on is None or due_on < timezone.localdate():
        raise DomainError(_("The return visit cannot be due in the past."), code="due_on")
    visit = ReturnVisit.all_objects.create(case=case, due_on=due_on, **_codes(case))
    record(
        "return_visit.scheduled",
        visit,
        actor=actor,
        changes={"case": [None, case.number], "due_on": [None, due_on.isoformat()]},
    )
    return visit


@transaction.atomic
def record_return_visit(
    visit: ReturnVisit,
    *,
    actor: Any,
    done_on: date,
    method: str,
    satisfaction: int,
    comments: str = "",
) -> ReturnVisit:
    """Record how the return visit went: when, how, the applicant's satisfaction (1–5)."""
    _not_in_future(done_on, _("The date of the visit cannot be in the future."))
    if method not in ReturnVisit.Method.values:
        raise DomainError(_("Choose how the visit was made."), code="method")
    if satisfaction not in ReturnVisit.Satisfaction.values:
        raise DomainError(_("Choose the satisfaction, from 1 to 5."), code="satisfaction")
    locked = ReturnVisit.all_objects.select_for_update().select_related("case").get(pk=visit.pk)
    if locked.done_on is not None:
        raise DomainError(_("This return visit has already been recorded."), code="done")
    ensure_open(locked, done_on)
    closed_at = locked.case.closed_at
    if closed_at is not None and done_on < timezone.localdate(closed_at):
        raise DomainError(
            _("A return visit comes after the case was closed on %(date)s.")
            % {"date": timezone.localdate(closed_at).isoformat()},
            code="before_closure",
        )
    locked.done_on = done_on
    locked.method = method
    locked.satisfaction = satisfaction
    locked.comments = (comments or "").strip()
    locked.done_by = actor
    locked.save(update_fields=["done_on", "method", "satisfaction", "comments", "done_by"])
    record(
        "return_visit.recorded",
        locked,
        actor=actor,
        changes={
            "case": [None, locked.case.number],
            "done_on": [None, done_on.isoformat()],
            "method": [None, method],
            "satisfaction": [None, satisfaction],
            "comments": [None, locked.comments],
        },
    )
    return locked


@transaction.atomic
def record_complaint(
    case: Case,
    *,
    actor: Any,
    received_on: date,
    content: str,
    return_visit: ReturnVisit | None = None,
) -> Complaint:
    """Record a complaint about the service; it raises a risk flag for a supervisor's review."""
    content = (content or "").strip()
    _not_in_future(received_on, _("The date the complaint was received cannot be in the future."))
    if not content:
        raise DomainError(_("Write down the complaint."), code="content")
    if return_visit is not None and return_visit.case_id != case.pk:
        raise DomainError(_("That return visit belongs to another case."), code="return_visit")
    complaint = Complaint.all_objects.create(
        case=case,
        return_visit=return_visit,
        received_on=received_on,
        content=content,
        **_codes(case),
    )
    raise_risk(case, actor=actor, kind=RiskFlag.Kind.COMPLAINT, note=content)
    record(
        "complaint.recorded",
        complaint,
        actor=actor,
        changes={
            "case": [None, case.number],
            "received_on": [None, received_on.isoformat()],
            "content": [None, content],
            "return_visit": [None, return_visit.pk if return_visit else None],
        },
    )
    return complaint


@transaction.atomic
def resolve_complaint(
    complaint: Complaint, *, actor: Any, resolved_on: date, handling: str
) -> Complaint:
    """Record how a complaint was handled and when it was resolved."""
    handling = (handling or "").strip()
    _not_in_future(resolved_on, _("The date of resolution cannot be in the future."))
    if not handling:
        raise DomainError(_("Write down how the complaint was handled."), code="handling")
    locked = Complaint.all_objects.select_for_update().select_related("case").get(pk=complaint.pk)
    if locked.resolved_on is not None:
        raise DomainError(_("This complaint has already been resolved."), code="resolved")
    if resolved_on < locked.received_on:
        raise DomainError(
            _("A complaint cannot be resolved before it was received (%(date)s).")
            % {"date": locked.received_on.isoformat()},
            code="before_received",
        )
    locked.resolved_on = resolved_on
    locked.handling = handling
    locked.save(update_fields=["resolved_on", "handling"])
    record(
        "complaint.resolved",
        locked,
        actor=actor,
        changes={
            "case": [None, locked.case.number],
            "resolved_on": [None, resolved_on.isoformat()],
            "handling": [None, handling],
        },
    )
    return locked
