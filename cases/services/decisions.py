"""Triage and the clerk's decision (DOMAIN.md §0 rule 3, §6.1 step 2).

``triage_case`` stores the facts the clerk entered and the suggestions they support (as message
ids and parameters, translated when shown); ``decide_case`` stores the clerk's decision. A
decision none of the suggestions points to, or one that passes over a mandatory suggestion, is
an override and needs a written reason. Neither touches ``Case.status``."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from cases import lifecycle
from cases.eligibility import facts_from, facts_to_json
from cases.models import Case
from cases.selectors.policy import policy_for
from cases.triage import needs_override_reason, suggest
from lawstation.errors import DomainError
from lawstation.versioning import lock_at_version


@transaction.atomic
def triage_case(
    case: Case, *, actor: Any, facts: dict[str, Any], expected_version: int | None
) -> Case:
    """Work out the suggestions for ``facts`` under the province's policy and store both."""
    parsed = facts_from(facts, today=timezone.localdate())
    threshold = policy_for(case.province_code).hardship_income_per_month
    suggestions = [s.as_json() for s in suggest(parsed, hardship_threshold=threshold)]
    locked = lock_at_version(case, expected_version)
    _check_open(locked)
    stored = facts_to_json(parsed)
    changes: dict[str, list[Any]] = {
        "triage_suggestions": [_codes(locked.triage_suggestions), _codes(suggestions)],
    }
    changed_facts = sorted(k for k in stored if locked.triage_facts.get(k) != stored[k])
    if changed_facts:
        changes["triage_facts"] = [None, changed_facts]
    locked.triage_facts = stored
    locked.triage_suggestions = suggestions
    locked.save(update_fields=["triage_facts", "triage_suggestions", "version"])
    record("case.triaged", locked, actor=actor, changes=changes)
    return locked


@transaction.atomic
def decide_case(
    case: Case,
    *,
    actor: Any,
    decision: str,
    override_reason: str = "",
    deadline_on: date | None = None,
    expected_version: int | None,
) -> Case:
    """Record the clerk's triage decision; an override needs ``override_reason``."""
    if decision not in Case.Decision.values:
        raise DomainError(_("Choose one of the decisions offered."), code="decision")
    override_reason = override_reason.strip()
    locked = lock_at_version(case, expected_version)
    _check_open(locked)
    if not locked.triage_suggestions:
        raise DomainError(
            _("Enter the facts and see the suggestions before deciding."), code="not_triaged"
        )
    if needs_override_reason(locked.triage_suggestions, decision) and not override_reason:
        raise DomainError(
            _(
                "This decision departs from the suggestions (or passes over a mandatory one): "
                "give the reason."
            ),
            code="override_reason",
        )
    values = {
        "decision": decision,
        "decision_override_reason": override_reason,
        "deadline_on": deadline_on,
    }
    changes = {
        name: [_plain(getattr(locked, name)), _plain(value)]
        for name, value in values.items()
        if getattr(locked, name) != value
    }
    for name, value in values.items():
        setattr(locked, name, value)
    locked.decided_at = timezone.now()
    locked.save(update_fields=[*values, "decided_at", "version"])
    record("case.triaged", locked, actor=actor, changes=changes)
    return locked


def _check_open(case: Case) -> None:
    if case.status not in lifecycle.OPEN_STATES:
        raise DomainError(
            _("The case is “%(status)s”: it can no longer be triaged.")
            % {"status": Case.Status(case.status).label},
            code="closed",
        )


def _codes(suggestions: list[dict[str, Any]]) -> list[str]:
    return [s.get("code", "") for s in suggestions]


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value
