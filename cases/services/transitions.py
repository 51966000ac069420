"""Moving a case through its lifecycle: the one writer of ``Case.status``."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from cases import lifecycle
from cases.models import Case, Transition
from lawstation.errors import DomainError
from lawstation.versioning import lock_at_version


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

    ``fields`` are further values the move sets (an outcome on closing, a reason for not
    accepting); the caller has checked them."""
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
    reason = reason.strip()
    if move.needs_reason and not reason:
        raise DomainError(_("Give the reason for this step."), code="reason")
    now = timezone.now()
    before = locked.status
    locked.status = to_status
    if move.stamps:
        setattr(locked, move.stamps, now)
    changes: dict[str, list[Any]] = {"status": [before, to_status]}
    for name, value in (fields or {}).items():
        changes[name] = [getattr(locked, name), value]
        setattr(locked, name, value)
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
