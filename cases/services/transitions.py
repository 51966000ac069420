"""Moving a case through its lifecycle: the one writer of ``Case.status``."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from cases import lifecycle
from cases.models import Case, Transition
from lawstation.errors import DomainError
from lawstation.versioning import lock_at_version
from stats.locking import ensure_open


@transaction.atomic
def transition_case(
    case: Case,
    to_status: str,
    *,
    actor: Any,
    reason: str = "",
    expected_version: int | None = None,
    fields: dict[str, Any] | None = None,
) -> Case:
    """Move ``case`` to ``to_status`` if the table allows it, stamp the milestone, audit it.

    ``fields`` are further values the move sets (an outcome on closing); the caller has checked
    them. A move with a ``reason_field`` keeps the reason on the case too; a reopening empties
    the fields its move ``clears``. Refused, with nothing saved, when the table does not allow
    the move, a needed reason is missing or the case changed since ``expected_version``."""
    if to_status not in Case.Status.values:
        raise DomainError(_("There is no such case status."), code="transition")
    locked = lock_at_version(case, expected_version)
    if not lifecycle.can_move(locked.status, to_status):
        raise DomainError(
            _("A case that is %(from)s cannot become %(to)s.")
            % {
                "from": Case.Status(locked.status).label,
                "to": Case.Status(to_status).label,
            },
            code="transition",
        )
    move = lifecycle.move(locked.status, to_status)
    reason = (reason or "").strip()
    if move.needs_reason and not reason:
        raise DomainError(_("Give the reason for this step."), code="reason")
    now = timezone.now()
    before = locked.status
    changes: dict[str, list[Any]] = {"status": [before, to_status]}
    values = _move_values(locked, move, now, reason)
    values.update(fields or {})
    ensure_open(locked, now, *(getattr(locked, name) for name in ("closed_at",) if name in values))
    for name, value in values.items():
        old = getattr(locked, name)
        if old != value:
            changes[name] = [_plain(old), _plain(value)]
        setattr(locked, name, value)
    locked.status = to_status
    locked.save()
    Transition.all_objects.create(
        case=locked,
        from_status=before,
        to_status=to_status,
        at=now,
        actor=actor,
        reason=reason,
        province_code=locked.province_code,
        city_code=locked.city_code,
        county_code=locked.county_code,
    )
    if reason:
        changes["reason"] = [None, reason]
    record("case.status_changed", locked, actor=actor, changes=changes)
    return locked


@transaction.atomic
def move_case(
    case: Case,
    to_status: str,
    *,
    actor: Any,
    reason: str = "",
    expected_version: int | None = None,
) -> Case:
    """A move from the case page's buttons: any move of the table except the dedicated ones
    (closing, archiving, referring), which need their own form and service."""
    move = lifecycle.allowed_moves(case.status).get(to_status)
    if move is not None and move.dedicated:
        raise DomainError(
            _("This step needs its own form on the case page: use it to record what it needs."),
            code="dedicated",
        )
    return transition_case(
        case, to_status, actor=actor, reason=reason, expected_version=expected_version
    )


def _move_values(case: Case, move: lifecycle.Move, now: datetime, reason: str) -> dict[str, Any]:
    values: dict[str, Any] = {name: _empty(name) for name in move.clears}
    if move.stamps and not (move.stamps_once and getattr(case, move.stamps)):
        values[move.stamps] = now
    if move.reason_field:
        values[move.reason_field] = reason
    return values


def _empty(name: str) -> Any:
    field = Case._meta.get_field(name)
    return None if field.null else ""


def _plain(value: Any) -> Any:
    """A value the audit log's JSON can hold."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value.pk)
    return value
