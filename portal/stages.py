"""The public stage of an online request for help: a pure rules module.

The status lookup shows only a stage and its date. The stage is derived from the request's own
status (``HelpRequest.Status``), the outcome of the intake it became (``Intake.Outcome``) and the
status of the case registered from that intake (``Case.Status``) with the case's milestone
dates. Plain strings and datetimes in, a :class:`PublicStage` out; the codes are those of the
models (kept as literals here so this module does not import the database layer; a test checks
that every code of those models is mapped).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from django.utils.translation import gettext_lazy as _

# How soon a workstation usually first answers a web request (said on the receipt, in the SMS or
# e-mail and at the "received" stage). A service promise, not a legal deadline.
USUAL_REPLY_WORKING_DAYS = 3


class Stage(Enum):
    RECEIVED = "received"
    BEING_HANDLED = "being_handled"
    REGISTERED = "registered"
    ANSWERED = "answered"
    REFERRED = "referred"
    CLOSED = "closed"
    DECLINED = "declined"


LABELS = {
    Stage.RECEIVED: _("Received"),
    Stage.BEING_HANDLED: _("Being handled"),
    Stage.REGISTERED: _("Registered as a case"),
    Stage.ANSWERED: _("Answered"),
    Stage.REFERRED: _("Referred to another body"),
    Stage.CLOSED: _("Closed"),
    Stage.DECLINED: _("Not taken up"),
}
EXPLANATIONS = {
    Stage.RECEIVED: _(
        "Your request has arrived at the workstation. Staff will look at it, usually within "
        "%(days)d working days."
    ),
    Stage.BEING_HANDLED: _("Staff at the workstation are working on your request."),
    Stage.REGISTERED: _("Your request has been registered as a case at the workstation."),
    Stage.ANSWERED: _("The workstation has answered your question."),
    Stage.REFERRED: _(
        "Your matter has been passed to another body, such as a legal aid centre. The "
        "workstation follows it up."
    ),
    Stage.CLOSED: _("The work on your request has finished."),
    Stage.DECLINED: _(
        "The workstation could not take up your request. You can contact the workstation to "
        "ask why or to get other help."
    ),
}

# HelpRequest.Status
NEW, INTAKE, CASE, DECLINED = "new", "intake", "case", "declined"
# Intake.Outcome
PENDING, CONSULTATION, INTAKE_CASE = "pending", "consultation", "case"
# Case.Status → (stage, the case's date fields that date it; the latest present counts)
CASE_STAGES: dict[str, tuple[Stage, tuple[str, ...]]] = {
    "registered": (Stage.REGISTERED, ("registered_at",)),
    "accepted": (Stage.BEING_HANDLED, ("accepted_at", "reopened_at")),
    "in_service": (Stage.BEING_HANDLED, ("service_started_at", "reopened_at", "accepted_at")),
    "not_accepted": (Stage.DECLINED, ("not_accepted_at",)),
    "referred": (Stage.REFERRED, ("referred_at",)),
    "closed": (Stage.CLOSED, ("closed_at",)),
    "archived": (Stage.CLOSED, ("closed_at",)),
}
HELP_STATUSES = (NEW, INTAKE, CASE, DECLINED)
INTAKE_OUTCOMES = (PENDING, CONSULTATION, INTAKE_CASE)


@dataclass(frozen=True)
class PublicStage:
    stage: Stage
    since: datetime

    @property
    def label(self) -> str:
        return LABELS[self.stage]

    @property
    def explanation(self) -> str:
        return EXPLANATIONS[self.stage] % {"days": USUAL_REPLY_WORKING_DAYS}


def _latest(dates: Mapping[str, datetime | None], names: tuple[str, ...]) -> datetime | None:
    present = [dates[name] for name in names if dates.get(name)]
    return max(present) if present else None


def public_stage(
    *,
    status: str,
    submitted_at: datetime,
    status_changed_at: datetime,
    intake_outcome: str | None = None,
    case_status: str | None = None,
    case_dates: Mapping[str, datetime | None] | None = None,
) -> PublicStage:
    """The stage the requester sees, and since when."""
    if status == NEW:
        return PublicStage(Stage.RECEIVED, submitted_at)
    if status == DECLINED:
        return PublicStage(Stage.DECLINED, status_changed_at)
    if case_status in CASE_STAGES:
        stage, names = CASE_STAGES[case_status]
        return PublicStage(stage, _latest(case_dates or {}, names) or status_changed_at)
    if status == INTAKE and intake_outcome == CONSULTATION:
        return PublicStage(Stage.ANSWERED, status_changed_at)
    if status == CASE:
        # Registered, but the case is not visible here (e.g. transferred): say registered.
        return PublicStage(Stage.REGISTERED, status_changed_at)
    return PublicStage(Stage.BEING_HANDLED, status_changed_at)
