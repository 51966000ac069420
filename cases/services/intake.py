"""Requests for help on every channel, closed on the spot or registered as cases.

A request arrives face to face, by phone, SMS, e-mail, the web portal or letter
(``receive_intake``; the portal calls it with ``actor=None``). It is then either answered on the
spot (``close_as_consultation``) or registered as a case (``register_case``). An oral request is
written down by staff, read back and confirmed (DOMAIN.md §0 rule 2, §6.1): one that was not read
back is refused. Each form carries a one-time ``submission_key``: submitting it twice gives the
same record, also when the two submissions race (the unique constraint decides)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import record
from cases import lifecycle
from cases.models import Applicant, Case, Channel, Intake, MatterCategory, Transition
from cases.services.numbering import next_number
from lawstation.errors import DomainError
from regions.models import Federation
from regions.scoping import scope_for_region
from stats.locking import ensure_open
from workstations.models import Workstation

ORAL_CHANNELS = frozenset({Channel.IN_PERSON, Channel.PHONE})
# Clocks of the clerk's computer and the server differ a little.
CLOCK_SKEW = timedelta(minutes=5)
DECISIONS = (Intake.Outcome.PENDING, Intake.Outcome.CONSULTATION, Intake.Outcome.CASE)


@transaction.atomic
def receive_intake(
    federation: Federation,
    *,
    actor: User | None,
    channel: str,
    received_at: datetime,
    in_own_words: str,
    is_oral: bool = False,
    read_back: bool = False,
    applicant: Applicant | None = None,
    contact_name: str = "",
    contact_details: str = "",
    submission_key: str,
) -> Intake:
    """Record a request as it arrived. A repeated ``submission_key`` returns the record made
    the first time (with ``is_repeat`` set), never a second one."""
    submission_key = (submission_key or "").strip()
    if not submission_key or len(submission_key) > 64:
        raise DomainError(_("This form has expired: reload the page and enter it again."), "key")
    if (existing := _submitted(federation, submission_key)) is not None:
        return existing
    values = _checked_request(
        federation,
        channel=channel,
        received_at=received_at,
        in_own_words=in_own_words,
        is_oral=is_oral,
        read_back=read_back,
        applicant=applicant,
        contact_name=contact_name,
        contact_details=contact_details,
    )
    ensure_open(federation.region, values["received_at"])
    intake = Intake(
        federation=federation,
        received_by=actor if getattr(actor, "pk", None) else None,
        submission_key=submission_key,
        **values,
    )
    intake.set_region(federation.region)
    try:
        with transaction.atomic():
            intake.save(force_insert=True)
    except IntegrityError:
        # Another submission of the same form won the race: give its record.
        if (existing := _submitted(federation, submission_key)) is None:
            raise
        return existing
    intake.is_repeat = False
    _record_received(intake, actor)
    return intake


@transaction.atomic
def close_as_consultation(intake: Intake, *, actor: User | None, answer: str) -> Intake:
    """Close a pending request on the spot: the answer given is the whole service."""
    locked = _pending(intake)
    ensure_open(locked, locked.received_at)
    answer = (answer or "").strip()
    if not answer:
        raise DomainError(_("Write down the answer given to the person."), code="answer")
    locked.outcome = Intake.Outcome.CONSULTATION
    locked.answer = answer
    locked.save(update_fields=["outcome", "answer"])
    record(
        "intake.consultation_closed",
        locked,
        actor=actor,
        changes={"outcome": [Intake.Outcome.PENDING, Intake.Outcome.CONSULTATION]},
    )
    return locked


@transaction.atomic
def register_case(
    intake: Intake,
    *,
    actor: User | None,
    applicant: Applicant | None,
    matter: str,
    matter_category: str,
    workstation: Workstation | None = None,
) -> Case:
    """Register a pending request as a case of the federation that received it, with the next
    case number of the year (see ``Case``)."""
    locked = _pending(intake)
    federation = Federation.objects.select_related("region").get(pk=locked.federation_id)
    if applicant is None:
        raise DomainError(_("Choose the applicant, or register them first."), code="applicant")
    _check_applicant(federation, applicant)
    matter = (matter or "").strip()
    if not matter:
        raise DomainError(_("Describe the matter."), code="matter")
    if matter_category not in MatterCategory.values:
        raise DomainError(_("Choose the kind of matter from the list."), code="category")
    workstation = _workstation_of(federation, workstation)
    case = _new_case(locked, federation, applicant, matter, matter_category, workstation, actor)
    locked.outcome = Intake.Outcome.CASE
    locked.applicant = applicant
    locked.save(update_fields=["outcome", "applicant"])
    record(
        "case.registered",
        case,
        actor=actor,
        changes={
            "number": [None, case.number],
            "channel": [None, case.channel],
            "matter_category": [None, matter_category],
            "applicant": [None, applicant.pk],
            "intake": [None, locked.pk],
        },
    )
    return case


@transaction.atomic
def receive_and_decide(
    federation: Federation,
    *,
    actor: User | None,
    decision: str,
    answer: str = "",
    matter_category: str = "",
    applicant: Applicant | None = None,
    **request: Any,
) -> Intake:
    """The counter's form in one step: receive the request, then close it as a consultation,
    register it as a case or leave it pending. All or nothing: a refused decision saves
    nothing. A repeated submission returns the first one's record, decided as it was."""
    if decision not in DECISIONS:
        raise DomainError(_("Choose what to do with the request."), code="decision")
    intake = receive_intake(federation, actor=actor, applicant=applicant, **request)
    if intake.is_repeat:
        return intake
    if decision == Intake.Outcome.CONSULTATION:
        intake = close_as_consultation(intake, actor=actor, answer=answer)
    elif decision == Intake.Outcome.CASE:
        register_case(
            intake,
            actor=actor,
            applicant=applicant,
            matter=intake.in_own_words,
            matter_category=matter_category,
        )
        intake = Intake.all_objects.select_related("case").get(pk=intake.pk)
    intake.is_repeat = False
    return intake


# --- Rules ----------------------------------------------------------------------------------


def _checked_request(
    federation: Federation,
    *,
    channel: str,
    received_at: datetime,
    in_own_words: str,
    is_oral: bool,
    read_back: bool,
    applicant: Applicant | None,
    contact_name: str,
    contact_details: str,
) -> dict[str, Any]:
    if channel not in Channel.values:
        raise DomainError(_("Choose how the request arrived."), code="channel")
    if received_at is None:
        raise DomainError(_("Enter when the request was received."), code="received_at")
    now = timezone.now()
    if received_at > now + CLOCK_SKEW:
        raise DomainError(_("The time received cannot be in the future."), code="future")
    in_own_words = (in_own_words or "").strip()
    if not in_own_words:
        raise DomainError(_("Write down the matter in the person's own words."), code="words")
    if is_oral and channel not in ORAL_CHANNELS:
        raise DomainError(
            _("Only a request made face to face or by phone can be oral."), code="oral"
        )
    if is_oral and not read_back:
        raise DomainError(
            _(
                "An oral request must be read back to the person and confirmed by them before "
                "it is recorded."
            ),
            code="read_back",
        )
    contact_name, contact_details = (contact_name or "").strip(), (contact_details or "").strip()
    if len(contact_name) > 64 or len(contact_details) > 200:
        raise DomainError(_("The name or contact given is too long."), code="contact")
    if applicant is not None:
        _check_applicant(federation, applicant)
    return {
        "channel": channel,
        "received_at": received_at,
        "in_own_words": in_own_words,
        "is_oral": is_oral,
        "read_back_at": now if is_oral else None,
        "applicant": applicant,
        "contact_name": contact_name,
        "contact_details": contact_details,
    }


def _new_case(
    intake: Intake,
    federation: Federation,
    applicant: Applicant,
    matter: str,
    matter_category: str,
    workstation: Workstation | None,
    actor: User | None,
) -> Case:
    """The case row, numbered, with its first transition (from nothing to registered)."""
    now = timezone.now()
    year = timezone.localtime(now).year
    serial, number = next_number(federation, year)
    case = Case(
        federation=federation,
        workstation=workstation,
        year=year,
        serial=serial,
        number=number,
        applicant=applicant,
        intake=intake,
        channel=intake.channel,
        matter=matter,
        matter_category=matter_category,
        disability_category=applicant.disability_category,
        status=lifecycle.REGISTERED,
        registered_at=now,
    )
    case.set_region(federation.region)
    case.save(force_insert=True)
    Transition.all_objects.create(
        case=case,
        from_status="",
        to_status=lifecycle.REGISTERED,
        at=now,
        actor=actor if getattr(actor, "pk", None) else None,
        province_code=case.province_code,
        city_code=case.city_code,
        county_code=case.county_code,
    )
    return case


def _record_received(intake: Intake, actor: User | None) -> None:
    read_back = intake.read_back_at.isoformat() if intake.read_back_at else None
    record(
        "intake.received",
        intake,
        actor=actor,
        changes={
            "channel": [None, intake.channel],
            "received_at": [None, intake.received_at.isoformat()],
            "is_oral": [None, intake.is_oral],
            "read_back_at": [None, read_back],
            "applicant": [None, intake.applicant_id],
        },
    )


def _check_applicant(federation: Federation, applicant: Applicant) -> None:
    """The applicant must be filed inside the federation's region."""
    if not scope_for_region(federation.region).covers(applicant):
        raise DomainError(
            _("This applicant is registered outside this federation's area."), code="applicant"
        )


def _submitted(federation: Federation, submission_key: str) -> Intake | None:
    existing = Intake.all_objects.filter(submission_key=submission_key).first()
    if existing is None:
        return None
    if existing.federation_id != federation.pk:
        raise DomainError(_("This form has expired: reload the page and enter it again."), "key")
    existing.is_repeat = True
    return existing


def _pending(intake: Intake) -> Intake:
    """The intake, locked, if nobody decided it yet."""
    locked = Intake.all_objects.select_for_update().get(pk=intake.pk)
    if locked.outcome != Intake.Outcome.PENDING:
        raise DomainError(
            _("This request was already dealt with: %(outcome)s.")
            % {"outcome": locked.get_outcome_display()},
            code="decided",
        )
    if locked.is_oral and locked.read_back_at is None:
        raise DomainError(
            _("An oral request must be read back to the person and confirmed first."),
            code="read_back",
        )
    return locked


def _workstation_of(federation: Federation, workstation: Workstation | None) -> Workstation | None:
    if workstation is None:
        return Workstation.all_objects.filter(federation=federation).first()
    if workstation.federation_id != federation.pk:
        raise DomainError(
            _("The case can only be filed at this federation's own workstation."),
            code="workstation",
        )
    return workstation
