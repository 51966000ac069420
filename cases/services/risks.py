"""Risk prevention (notice standard 6): raising a flag on a case, a supervisor reviewing it.

``Case.has_open_risk`` is kept in step here: true while any flag on the case is unreviewed. An
unreviewed flag blocks closing and archiving (``cases.services.closure``)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import Capability, capabilities_for
from audit.services import record
from cases.models import Case, RiskFlag
from lawstation.errors import DomainError
from regions.scoping import scope_for_region


@transaction.atomic
def raise_risk(case: Case, *, actor: Any, kind: str, note: str) -> RiskFlag:
    """Flag a risk on ``case``: a group dispute, an imminent deadline, a complaint..."""
    note = (note or "").strip()
    if kind not in RiskFlag.Kind.values:
        raise DomainError(_("Choose the kind of risk."), code="kind")
    if not note:
        raise DomainError(_("Describe what was seen."), code="note")
    locked = Case.all_objects.select_for_update().get(pk=case.pk)
    flag = RiskFlag(
        case=locked,
        kind=kind,
        note=note,
        raised_at=timezone.now(),
        raised_by=actor,
        province_code=locked.province_code,
        city_code=locked.city_code,
        county_code=locked.county_code,
    )
    flag.save()
    if not locked.has_open_risk:
        locked.has_open_risk = True
        locked.version += 1
        locked.save(update_fields=["has_open_risk", "version"])
    case.has_open_risk, case.version = locked.has_open_risk, locked.version
    record(
        "risk.raised",
        flag,
        actor=actor,
        changes={"case": [None, locked.number], "kind": [None, kind], "note": [None, note]},
    )
    return flag


def is_supervisor_of(actor: Any, flag: RiskFlag) -> bool:
    """Whether ``actor`` may review ``flag``: risk.review at the case's federation or above."""
    membership = getattr(actor, "membership", None) if actor is not None else None
    if membership is None or Capability.RISK_REVIEW not in capabilities_for(membership.role):
        return False
    return scope_for_region(membership.federation.region).covers(flag)


@transaction.atomic
def review_risk(flag: RiskFlag, *, actor: Any, note: str) -> RiskFlag:
    """A supervisor's review of ``flag``; the case's open-risk mark clears with its last flag."""
    note = (note or "").strip()
    if not is_supervisor_of(actor, flag):
        raise DomainError(
            _(
                "Only a supervisor (the leader of the case's federation or of a federation above "
                "it) may review a risk."
            ),
            code="not_supervisor",
        )
    if not note:
        raise DomainError(_("Write the review: what was decided and why."), code="note")
    locked = RiskFlag.all_objects.select_for_update().get(pk=flag.pk)
    if locked.reviewed_at is not None:
        raise DomainError(_("This risk has already been reviewed."), code="reviewed")
    case = Case.all_objects.select_for_update().get(pk=locked.case_id)
    locked.reviewed_at = timezone.now()
    locked.reviewed_by = actor
    locked.review_note = note
    locked.save(update_fields=["reviewed_at", "reviewed_by", "review_note"])
    still_open = RiskFlag.all_objects.filter(case=case, reviewed_at__isnull=True).exists()
    was_open = case.has_open_risk
    if was_open != still_open:
        case.has_open_risk = still_open
        case.version += 1
        case.save(update_fields=["has_open_risk", "version"])
    record(
        "risk.reviewed",
        locked,
        actor=actor,
        changes={
            "case": [None, case.number],
            "review_note": [None, note],
            "case_has_open_risk": [was_open, still_open],
        },
    )
    return locked
