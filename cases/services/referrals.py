"""Referrals (DOMAIN.md §6.1 step 3): prepared with the applicant's consent, sent to the agency
the law routes them to, decided, withdrawn, concluded. Every step atomic and audited.

States and their moves are ``cases.referral_rules.TRANSITIONS``. Sending moves the case to
"referred" when the case lifecycle allows it (an accepted case, or one in service); a case that
is only registered must be accepted first, and a case already referred stays so. A refusal,
withdrawal or outcome leaves the case's status alone: the clerk decides what follows (resume
the service, another referral, closing)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from cases import lifecycle
from cases import referral_rules as rules
from cases.models import Case, Referral
from cases.selectors.referrals import referral_candidates, suggest_partner
from cases.services.transitions import transition_case
from lawstation.errors import DomainError
from lawstation.versioning import lock_at_version
from regions.models import Region
from stats.locking import ensure_open
from workstations.models import Partner

Status = Referral.Status


@transaction.atomic
def prepare_referral(
    case: Case,
    *,
    actor: Any,
    kind: str,
    partner: Partner | None = None,
    is_litigation: bool = False,
    organ_region: Region | None = None,
    matter_region: Region | None = None,
    is_mandatory_defence: bool = False,
    materials: Iterable[str] = (),
) -> Referral:
    """Prepare a referral of ``case``; without ``partner`` the routing rule's choice is used."""
    materials = list(dict.fromkeys(materials))
    _check_preparable(case, kind, is_mandatory_defence, materials)
    if is_mandatory_defence:
        is_litigation = True
    suggestion = suggest_partner(
        case,
        kind,
        is_litigation=is_litigation,
        is_mandatory_defence=is_mandatory_defence,
        organ_region=organ_region,
        matter_region=matter_region,
    )
    if suggestion.needs and partner is None:
        raise DomainError(suggestion.basis, code="routing")
    partner = partner or suggestion.partner
    _check_partner(case, kind, partner)
    basis = suggestion.basis
    if suggestion.partner is not None and partner.pk != suggestion.partner.pk:
        basis += " " + _("Another agency than the suggested %(name)s was chosen.") % {
            "name": suggestion.partner.name
        }
    referral = Referral(
        case=case,
        kind=kind,
        partner=partner,
        routing_basis=basis,
        is_litigation=is_litigation,
        is_mandatory_defence=is_mandatory_defence,
        materials=materials,
        prepared_at=timezone.now(),
        province_code=case.province_code,
        city_code=case.city_code,
        county_code=case.county_code,
    )
    referral.save()
    values = {"case": case.number, "kind": kind, "partner": partner.name, "materials": materials}
    values |= {"is_litigation": is_litigation, "is_mandatory_defence": is_mandatory_defence}
    changes = {name: [None, value] for name, value in values.items()}
    record("referral.prepared", referral, actor=actor, changes=changes)
    return referral


def _check_preparable(
    case: Case, kind: str, is_mandatory_defence: bool, materials: list[str]
) -> None:
    if kind not in rules.KINDS:
        raise DomainError(_("Choose where the case is referred to."), code="kind")
    if not lifecycle.is_open(case.status):
        raise DomainError(
            _("A case that is %(status)s cannot be referred.")
            % {"status": Case.Status(case.status).label},
            code="case_status",
        )
    if is_mandatory_defence and kind != rules.LEGAL_AID:
        raise DomainError(
            _("A mandatory defence is referred to a legal aid institution."), code="defence"
        )
    if rules.unknown_materials(kind, materials):
        raise DomainError(_("Tick only materials on this referral's checklist."), code="materials")
    open_same_kind = Referral.all_objects.filter(
        case_id=case.pk, kind=kind, status__in=rules.OPEN_STATES
    ).exists()
    if open_same_kind:
        raise DomainError(
            _(
                "This case already has an open referral of this kind: follow it up, or withdraw "
                "it first."
            ),
            code="duplicate",
        )


def _check_partner(case: Case, kind: str, partner: Partner | None) -> None:
    if partner is None:
        raise DomainError(
            _(
                "Choose the receiving agency. If it is missing, add it to the partner directory "
                "first."
            ),
            code="partner",
        )
    if not rules.partner_kind_fits(kind, partner.kind):
        message, code = _("%(name)s cannot receive this kind of referral."), "partner_kind"
    elif not referral_candidates(case, kind).filter(pk=partner.pk).exists():
        message = _("%(name)s is not among the agencies this case can be referred to.")
        code = "partner_scope"
    else:
        return
    raise DomainError(message % {"name": partner.name}, code=code)


@transaction.atomic
def record_consent(
    referral: Referral, *, actor: Any, consented_on: date, expected_version: int | None = None
) -> Referral:
    """Record the applicant's consent to the referral (needed before it is sent)."""
    _check_not_ahead(consented_on)
    locked = lock_at_version(referral, expected_version)
    if locked.status != Status.PREPARED:
        raise DomainError(
            _("Consent is recorded before the referral is sent."), code="consent_status"
        )
    locked.consented_on, locked.consent_recorded_at = consented_on, timezone.now()
    locked.save()
    changes = {"consented_on": [None, _iso(consented_on)]}
    record("referral.consent_recorded", locked, actor=actor, changes=changes)
    return locked


@transaction.atomic
def send_referral(
    referral: Referral, *, actor: Any, sent_on: date, expected_version: int | None = None
) -> Referral:
    """Send the referral: the deadlines start, and the case becomes "referred"."""
    _check_not_ahead(sent_on)
    locked = lock_at_version(referral, expected_version)
    _check_move(locked, Status.SENT)
    ensure_open(locked, sent_on)
    if locked.consented_on is None:
        raise DomainError(
            _("Record the applicant's consent before sending the referral."), code="no_consent"
        )
    if sent_on < locked.consented_on:
        raise DomainError(
            _("A referral is sent on or after the day the applicant consented."), code="sent_on"
        )
    case = Case.all_objects.get(pk=locked.case_id)
    moves_case = case.status != Case.Status.REFERRED
    if moves_case and not lifecycle.can_move(case.status, Case.Status.REFERRED):
        raise DomainError(
            _(
                "Accept the case before sending a referral: a case that is %(status)s cannot be "
                "referred."
            )
            % {"status": Case.Status(case.status).label},
            code="case_status",
        )
    due = rules.deadlines(
        locked.kind, sent_on=sent_on, is_mandatory_defence=locked.is_mandatory_defence
    )
    locked.status = Status.SENT
    locked.sent_on, locked.sent_at = sent_on, timezone.now()
    locked.decision_due_on, locked.assignment_due_on = due.decision_due_on, due.assignment_due_on
    locked.save()
    if moves_case:
        transition_case(case, Case.Status.REFERRED, actor=actor)
    record(
        "referral.sent",
        locked,
        actor=actor,
        changes={
            "status": [Status.PREPARED, Status.SENT],
            "sent_on": [None, _iso(sent_on)],
            "decision_due_on": [None, _iso(due.decision_due_on)],
            "assignment_due_on": [None, _iso(due.assignment_due_on)],
        },
    )
    return locked


@transaction.atomic
def record_referral_decision(
    referral: Referral,
    *,
    actor: Any,
    accepted: bool,
    decided_on: date,
    refusal_reason: str = "",
    assigned_lawyer: str = "",
    assigned_on: date | None = None,
    expected_version: int | None = None,
) -> Referral:
    """The receiving body's decision: accepted (with the assigned lawyer, if known yet) or
    refused with its written reasons (LAL Art. 43). On an accepted legal-aid referral without a
    lawyer yet, records the assignment only."""
    refusal_reason, assigned_lawyer = refusal_reason.strip(), assigned_lawyer.strip()
    locked = lock_at_version(referral, expected_version)
    if locked.status == Status.ACCEPTED and accepted and not locked.assigned_on:
        return _record_assignment(locked, actor, assigned_lawyer, assigned_on)
    _check_move(locked, Status.ACCEPTED if accepted else Status.REFUSED)
    _check_not_ahead(decided_on)
    ensure_open(locked, decided_on)
    if decided_on < locked.sent_on:
        raise DomainError(_("A decision comes on or after the day it was sent."), code="decided_on")
    if not accepted and not refusal_reason:
        raise DomainError(
            _("Give the reasons for the refusal, as the written decision states them."),
            code="refusal_reason",
        )
    before = locked.status
    locked.status = Status.ACCEPTED if accepted else Status.REFUSED
    locked.decided_on, locked.decided_at = decided_on, timezone.now()
    locked.refusal_reason = "" if accepted else refusal_reason
    if accepted:
        due = rules.deadlines(
            locked.kind,
            sent_on=locked.sent_on,
            is_mandatory_defence=locked.is_mandatory_defence,
            decided_on=decided_on,
        )
        locked.assignment_due_on = due.assignment_due_on
    changes: dict[str, list[Any]] = {
        "status": [before, locked.status],
        "decided_on": [None, _iso(decided_on)],
    }
    if not accepted:
        changes["refusal_reason"] = [None, refusal_reason]
    locked.save()
    action = "referral.accepted" if accepted else "referral.refused"
    record(action, locked, actor=actor, changes=changes)
    if accepted and (assigned_lawyer or assigned_on):
        return _record_assignment(locked, actor, assigned_lawyer, assigned_on)
    return locked


def _record_assignment(
    locked: Referral, actor: Any, assigned_lawyer: str, assigned_on: date | None
) -> Referral:
    if locked.kind != rules.LEGAL_AID:
        raise DomainError(
            _("Only a legal aid institution assigns a lawyer to a referral."), code="assignment"
        )
    if not assigned_lawyer or assigned_on is None:
        raise DomainError(
            _("Give both the assigned lawyer and the day of the assignment."), code="assignment"
        )
    _check_not_ahead(assigned_on)
    if assigned_on < locked.decided_on:
        raise DomainError(
            _("A lawyer is assigned on or after the day of the decision."), code="assigned_on"
        )
    locked.assigned_lawyer, locked.assigned_on = assigned_lawyer, assigned_on
    locked.save()
    record(
        "referral.lawyer_assigned",
        locked,
        actor=actor,
        changes={
            "assigned_lawyer": [None, assigned_lawyer],
            "assigned_on": [None, _iso(assigned_on)],
        },
    )
    return locked


@transaction.atomic
def withdraw_referral(
    referral: Referral,
    *,
    actor: Any,
    reason: str,
    withdrawn_on: date,
    expected_version: int | None = None,
) -> Referral:
    """Withdraw the referral (the applicant changed their mind, the matter settled...)."""
    reason = reason.strip()
    _check_not_ahead(withdrawn_on)
    locked = lock_at_version(referral, expected_version)
    _check_move(locked, Status.WITHDRAWN)
    ensure_open(locked, withdrawn_on)
    if not reason:
        raise DomainError(_("Give the reason for withdrawing the referral."), code="reason")
    if withdrawn_on < timezone.localdate(locked.prepared_at):
        raise DomainError(
            _("A referral is withdrawn on or after the day it was prepared."), code="withdrawn_on"
        )
    before = locked.status
    locked.status = Status.WITHDRAWN
    locked.withdrawn_reason, locked.withdrawn_on = reason, withdrawn_on
    locked.save()
    record(
        "referral.withdrawn",
        locked,
        actor=actor,
        changes={
            "status": [before, Status.WITHDRAWN],
            "withdrawn_on": [None, _iso(withdrawn_on)],
            "reason": [None, reason],
        },
    )
    return locked


@transaction.atomic
def record_referral_outcome(
    referral: Referral,
    *,
    actor: Any,
    outcome: str,
    concluded_on: date,
    expected_version: int | None = None,
) -> Referral:
    """What came of the referral: the aid given and its result, or what followed a refusal
    (an objection to the justice bureau, LAL Art. 49)."""
    outcome = outcome.strip()
    _check_not_ahead(concluded_on)
    locked = lock_at_version(referral, expected_version)
    _check_move(locked, Status.CONCLUDED)
    if not outcome:
        raise DomainError(_("Describe the outcome."), code="outcome")
    if locked.decided_on and concluded_on < locked.decided_on:
        raise DomainError(
            _("The outcome is known on or after the day of the decision."), code="concluded_on"
        )
    before = locked.status
    locked.status = Status.CONCLUDED
    locked.outcome, locked.concluded_on, locked.concluded_at = outcome, concluded_on, timezone.now()
    locked.save()
    record(
        "referral.concluded",
        locked,
        actor=actor,
        changes={
            "status": [before, Status.CONCLUDED],
            "concluded_on": [None, _iso(concluded_on)],
            "outcome": [None, outcome],
        },
    )
    return locked


def _check_move(referral: Referral, to_status: str) -> None:
    if not rules.can_move(referral.status, to_status):
        raise DomainError(
            _("A referral that is %(from)s cannot become %(to)s.")
            % {"from": Status(referral.status).label, "to": Status(to_status).label},
            code="transition",
        )


def _check_not_ahead(day: date | None) -> None:
    if day is None:
        raise DomainError(_("Enter the date."), code="date")
    if day > timezone.localdate():
        raise DomainError(_("The date cannot be in the future."), code="future")


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
