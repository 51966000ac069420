"""Staff decisions on online requests for help: take up, register as a case, or decline.

Each decision is one transaction: it locks the request, refuses a stale form (``version``) and a
second decision on a request already handled, writes the intake or case through the counter's own
services (``cases.services.intake``), records the audit entry and queues the message telling the
requester (``portal.notify``, delivered after commit). A refused case registration leaves the
request new and no intake behind.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from audit.services import record
from cases.models import Applicant, Case, Channel, CommunicationNeed, Intake
from cases.services.intake import receive_and_decide, receive_intake
from lawstation.errors import DomainError
from portal.models import HelpRequest
from portal.notify import notify_requester

NAME_LENGTH = 64
CONTACT_LENGTH = 200
DETAIL_LENGTH = 200


class DeclineReason(models.TextChoices):
    DUPLICATE = "duplicate", gettext_lazy("A duplicate of another request")
    NOT_LEGAL = "not_legal", gettext_lazy("Not a legal matter")
    SPAM = "spam", gettext_lazy("Spam or abuse")
    OUTSIDE_AREA = "outside_area", gettext_lazy("Outside our area")
    OTHER = "other", gettext_lazy("Other reason")


# Reasons that need a few words more: which area, or what reason.
NEEDS_DETAIL = frozenset({DeclineReason.OUTSIDE_AREA, DeclineReason.OTHER})


@transaction.atomic
def take_up_help_request(help_request: HelpRequest, *, actor: User, version: int) -> Intake:
    """Turn the request into a pending intake of its federation, to be decided at the counter."""
    locked = _new_and_current(help_request, version)
    intake = receive_intake(locked.federation, actor=actor, **_intake_fields(locked))
    _mark(locked, HelpRequest.Status.INTAKE, actor=actor, intake=intake)
    record(
        "help_request.taken_up",
        locked,
        actor=actor,
        changes={"status": [HelpRequest.Status.NEW, locked.status], "intake": [None, intake.pk]},
    )
    _tell(locked, "taken_up")
    return intake


@transaction.atomic
def register_help_request(
    help_request: HelpRequest,
    *,
    actor: User,
    version: int,
    applicant: Applicant | None,
    matter_category: str,
) -> Case:
    """Receive the request and register it as a case for ``applicant`` in one step."""
    locked = _new_and_current(help_request, version)
    intake = receive_and_decide(
        locked.federation,
        actor=actor,
        decision=Intake.Outcome.CASE,
        applicant=applicant,
        matter_category=matter_category,
        **_intake_fields(locked),
    )
    if intake.outcome != Intake.Outcome.CASE:  # the key was used by an earlier, other decision
        raise DomainError(_("This request was already handled."), code="handled")
    _mark(locked, HelpRequest.Status.CASE, actor=actor, intake=intake)
    record(
        "help_request.registered",
        locked,
        actor=actor,
        changes={
            "status": [HelpRequest.Status.NEW, locked.status],
            "intake": [None, intake.pk],
            "case": [None, intake.case.number],
        },
    )
    _tell(locked, "registered")
    return intake.case


@transaction.atomic
def decline_help_request(
    help_request: HelpRequest, *, actor: User, version: int, reason: str, detail: str = ""
) -> HelpRequest:
    """Decline the request for ``reason`` (with ``detail``: which area, or what reason)."""
    if reason not in DeclineReason.values:
        raise DomainError(_("Choose why the request is declined."), code="reason")
    detail = " ".join((detail or "").split())
    if reason in NEEDS_DETAIL and not detail:
        if reason == DeclineReason.OUTSIDE_AREA:
            message = _("Say which area the request belongs to.")
        else:
            message = _("Say why the request is declined.")
        raise DomainError(message, code="detail")
    if len(detail) > DETAIL_LENGTH:
        raise DomainError(
            _("Keep the reason within %(limit)d characters.") % {"limit": DETAIL_LENGTH},
            code="detail",
        )
    locked = _new_and_current(help_request, version)
    locked.declined_reason = f"{reason}: {detail}" if detail else reason
    _mark(locked, HelpRequest.Status.DECLINED, actor=actor, intake=None)
    record(
        "help_request.declined",
        locked,
        actor=actor,
        changes={"status": [HelpRequest.Status.NEW, locked.status], "reason": [None, reason]},
    )
    # A spam request's contact details may be someone else's: nothing is sent to them.
    if reason != DeclineReason.SPAM:
        _tell(locked, "declined")
    return locked


def declined_reason_parts(stored: str) -> tuple[str, str]:
    """The reason's label (in the active language) and the words given, from the stored text."""
    code, _sep, detail = (stored or "").partition(": ")
    if code in DeclineReason.values:
        return str(DeclineReason(code).label), detail
    return "", stored or ""


# --- Steps ----------------------------------------------------------------------------------


def _new_and_current(help_request: HelpRequest, version: int) -> HelpRequest:
    """The request, locked, while it is new and unchanged since the form was shown."""
    locked = (
        HelpRequest.all_objects.select_for_update()
        .select_related("federation__region")
        .get(pk=help_request.pk)
    )
    if locked.status != HelpRequest.Status.NEW:
        raise DomainError(
            _("This request was already handled: %(status)s.")
            % {"status": locked.get_status_display()},
            code="handled",
        )
    if locked.version != version:
        raise DomainError(
            _("Someone changed this request while you were looking at it: reload the page."),
            code="stale",
        )
    return locked


def _mark(locked: HelpRequest, status: str, *, actor: User, intake: Intake | None) -> None:
    locked.status = status
    locked.status_changed_at = timezone.now()
    locked.handled_by = actor
    locked.intake = intake
    locked.version += 1
    locked.save(
        update_fields=[
            "status",
            "status_changed_at",
            "handled_by",
            "intake",
            "declined_reason",
            "version",
        ]
    )


def _tell(help_request: HelpRequest, event: str) -> None:
    """Queue the news for the requester, in the site's language (theirs is not known)."""
    notify_requester(help_request, event, language=settings.LANGUAGE_CODE)


def _intake_fields(help_request: HelpRequest) -> dict[str, object]:
    """What the counter's intake records of an online request."""
    name = help_request.name
    if help_request.requester == HelpRequest.Requester.ON_BEHALF and help_request.person_name:
        name = _("%(name)s for %(person)s") % {"name": name, "person": help_request.person_name}
    return {
        "channel": Channel.WEB,
        "received_at": help_request.submitted_at,
        "in_own_words": help_request.matter,
        "contact_name": _clip(name, NAME_LENGTH),
        "contact_details": _clip(contact_summary(help_request), CONTACT_LENGTH),
        "submission_key": f"web-{help_request.pk}",
    }


def contact_summary(help_request: HelpRequest) -> str:
    """Phone, e-mail, preference and communication needs in one line."""
    parts = [help_request.phone, help_request.email]
    parts.append(
        _("prefers: %(preference)s") % {"preference": help_request.get_contact_preference_display()}
    )
    if help_request.do_not_phone:
        parts.append(_("do not phone"))
    needs = [
        str(CommunicationNeed(code).label)
        for code in help_request.communication_needs
        if code in CommunicationNeed.values
    ]
    if help_request.needs_other:
        needs.append(help_request.needs_other)
    if needs:
        parts.append(_("needs: %(needs)s") % {"needs": ", ".join(needs)})
    return " · ".join(part for part in parts if part)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
