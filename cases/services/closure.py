"""Closing a case (结案) and archiving its file (归档): DOMAIN.md §6.1 steps 5–6.

Both go through ``transition_case``, the one writer of ``Case.status``. Closing sets the date the
file is due in the archive (the province's ``archive_within_days`` after closure, 90 by default)
and schedules the return visit (``return_visit_within_days``, 30 by default)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from cases import archive_rules, lifecycle
from cases.models import Case, Referral, ReturnVisit, RiskFlag
from cases.selectors.closure import case_file_facts, closure_days
from cases.selectors.risks import open_flags
from cases.services.followups import schedule_return_visit
from cases.services.transitions import transition_case
from lawstation.errors import DomainError
from regions.models import Federation


def _refuse_open_risks(case: Case, *, archiving: bool = False) -> None:
    flags = open_flags(case.pk)
    if not flags:
        return
    names = "; ".join(_flag_name(flag) for flag in flags)
    if archiving:
        message = _(
            "The file cannot be archived while a risk awaits a supervisor's review: %(flags)s."
        )
    else:
        message = _(
            "The case cannot be closed while a risk awaits a supervisor's review: %(flags)s."
        )
    raise DomainError(message % {"flags": names}, code="open_risk")


def _flag_name(flag: RiskFlag) -> str:
    raised = timezone.localtime(flag.raised_at).date().isoformat()
    return _("%(kind)s (raised %(date)s)") % {"kind": flag.get_kind_display(), "date": raised}


def _refuse_referred_without_referral(case: Case, outcome: str) -> None:
    """The outcome "referred" says the case went to another body: one of its referrals must have
    been sent (else the data-quality check "outcome referred without a referral" fails)."""
    if outcome != Case.Outcome.REFERRED:
        return
    if Referral.all_objects.filter(case_id=case.pk, sent_on__isnull=False).exists():
        return
    raise DomainError(
        _(
            "The case cannot be closed as “referred”: no referral of it was sent. Send the "
            "referral first, or choose the outcome the case really had."
        ),
        code="outcome",
    )


def _check_closing(
    outcome: str, termination_reason: str, money: Decimal | None, summary: str
) -> None:
    if outcome not in Case.Outcome.values:
        raise DomainError(_("Choose the outcome."), code="outcome")
    if outcome == Case.Outcome.TERMINATED and termination_reason not in Case.Termination.values:
        raise DomainError(
            _("A terminated case needs the reason for termination (LAL Art. 48)."),
            code="termination_reason",
        )
    if money is not None and money < 0:
        raise DomainError(_("The money recovered cannot be negative."), code="money")
    if not summary:
        raise DomainError(_("Write the closing summary."), code="closing_summary")


@transaction.atomic
def close_case(
    case: Case,
    *,
    actor: Any,
    outcome: str,
    termination_reason: str = "",
    money_recovered: Decimal | None = None,
    closing_summary: str,
    expected_version: int | None = None,
) -> Case:
    """Close ``case`` with its outcome; set the archive due date; schedule the return visit."""
    closing_summary = (closing_summary or "").strip()
    _check_closing(outcome, termination_reason, money_recovered, closing_summary)
    if outcome != Case.Outcome.TERMINATED:
        termination_reason = ""
    # Lock the case first: a risk raised meanwhile (it locks the case too) waits or is seen.
    Case.all_objects.select_for_update().get(pk=case.pk)
    _refuse_open_risks(case)
    _refuse_referred_without_referral(case, outcome)
    archive_days, visit_days = closure_days(case.province_code)
    today = timezone.localdate()
    fields = {
        "outcome": outcome,
        "termination_reason": termination_reason,
        "closing_summary": closing_summary,
        "money_recovered": money_recovered,
        "archive_due_on": today + timedelta(days=archive_days),
    }
    closed = transition_case(
        case, lifecycle.CLOSED, actor=actor, expected_version=expected_version, fields=fields
    )
    if not ReturnVisit.all_objects.filter(case=closed, done_on__isnull=True).exists():
        schedule_return_visit(closed, actor=actor, due_on=today + timedelta(days=visit_days))
    record(
        "case.closed",
        closed,
        actor=actor,
        changes={
            "outcome": [None, outcome],
            "termination_reason": [None, termination_reason],
            "money_recovered": [None, None if money_recovered is None else str(money_recovered)],
            "archive_due_on": [None, closed.archive_due_on.isoformat()],
        },
    )
    return closed


def _next_archive_number(case: Case, year: int) -> str:
    # Locking the federation's row serialises archiving within one federation (PostgreSQL;
    # SQLite serialises every writer), so two files never get the same serial.
    federation = (
        Federation.objects.select_for_update(of=("self",))
        .select_related("region")
        .get(pk=case.federation_id)
    )
    prefix = archive_rules.archive_prefix(federation.region.code, year)
    used = list(
        Case.all_objects.filter(
            federation_id=federation.pk, archive_number__startswith=prefix
        ).values_list("archive_number", flat=True)
    )
    return archive_rules.archive_number(
        federation.region.code, year, archive_rules.next_serial(used, prefix)
    )


@transaction.atomic
def archive_case(
    case: Case,
    *,
    actor: Any,
    checklist: frozenset[str] | set[str] | list[str] = frozenset(),
    is_confidential: bool = False,
    expected_version: int | None = None,
) -> Case:
    """Archive ``case``'s file: every required item present, an archive number, the mark.

    ``checklist`` holds the paper items the clerk confirms are in the file
    (``archive_rules.CONFIRMABLE``)."""
    if case.status != lifecycle.CLOSED:
        raise DomainError(_("Only a closed case can be archived."), code="transition")
    Case.all_objects.select_for_update().get(pk=case.pk)
    _refuse_open_risks(case, archiving=True)
    items = archive_rules.checklist(case_file_facts(case), frozenset(checklist))
    missing = [str(item.label) for item in items if item.is_missing]
    if missing:
        raise DomainError(
            _("The file is not complete. Missing: %(items)s.") % {"items": "; ".join(missing)},
            code="incomplete",
        )
    year = timezone.localdate().year
    fields = {
        "archive_number": _next_archive_number(case, year),
        "archive_checklist": archive_rules.checklist_record(items),
        "is_confidential": bool(is_confidential),
    }
    archived = transition_case(
        case, lifecycle.ARCHIVED, actor=actor, expected_version=expected_version, fields=fields
    )
    record(
        "case.archived",
        archived,
        actor=actor,
        changes={name: [None, value] for name, value in fields.items()},
    )
    return archived
