"""The case lifecycle: one transition table, read by the services, the buttons and the tests.

Pure rules: no database access. ``TRANSITIONS[from][to]`` names what the move needs."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

REGISTERED = "registered"
ACCEPTED = "accepted"
NOT_ACCEPTED = "not_accepted"
IN_SERVICE = "in_service"
REFERRED = "referred"
CLOSED = "closed"
ARCHIVED = "archived"


@dataclass(frozen=True)
class Move:
    """One allowed transition: its button label and whether it needs a written reason."""

    label: str
    needs_reason: bool = False
    # The field the move stamps with its time (statistics never replay history).
    stamps: str = ""
    # Stamp only a case that has no such time yet (resuming keeps the first start).
    stamps_once: bool = False
    # The case field that keeps the written reason, besides the transition row.
    reason_field: str = ""
    # Fields emptied by the move: a reopened case is no longer closed, so statistics on
    # ``closed_at`` or the outcome must not count it (the transitions keep the history).
    clears: tuple[str, ...] = ()
    # Made only through its own service and form, which record what the move needs (closing:
    # the outcome and the risk review; archiving: the file; referring: the referral). The case
    # page shows no plain button for it.
    dedicated: bool = False


TRANSITIONS: dict[str, dict[str, Move]] = {
    REGISTERED: {
        ACCEPTED: Move(_("Accept"), stamps="accepted_at"),
        NOT_ACCEPTED: Move(
            _("Do not accept"),
            needs_reason=True,
            stamps="not_accepted_at",
            reason_field="not_accepted_reason",
        ),
    },
    ACCEPTED: {
        IN_SERVICE: Move(_("Start the service"), stamps="service_started_at"),
        REFERRED: Move(_("Mark as referred"), stamps="referred_at", dedicated=True),
    },
    IN_SERVICE: {
        REFERRED: Move(_("Mark as referred"), stamps="referred_at", dedicated=True),
        CLOSED: Move(_("Close"), stamps="closed_at", dedicated=True),
    },
    REFERRED: {
        IN_SERVICE: Move(_("Resume the service"), stamps="service_started_at", stamps_once=True),
        CLOSED: Move(_("Close"), stamps="closed_at", dedicated=True),
    },
    NOT_ACCEPTED: {
        REGISTERED: Move(
            _("Reopen"),
            needs_reason=True,
            stamps="reopened_at",
            clears=("not_accepted_at", "not_accepted_reason"),
        ),
    },
    CLOSED: {
        ARCHIVED: Move(_("Archive"), stamps="archived_at", dedicated=True),
        IN_SERVICE: Move(
            _("Reopen"),
            needs_reason=True,
            stamps="reopened_at",
            clears=("closed_at", "outcome", "termination_reason", "archive_due_on"),
        ),
    },
    ARCHIVED: {},
}

# States in which the case is still being worked on (lists, overdue checks, transfers).
OPEN_STATES = frozenset({REGISTERED, ACCEPTED, IN_SERVICE, REFERRED})


STATUSES = tuple(TRANSITIONS)


def allowed_moves(status: str) -> dict[str, Move]:
    """The moves out of ``status``, in the table's order."""
    return TRANSITIONS.get(status, {})


def button_moves(status: str) -> dict[str, Move]:
    """The moves out of ``status`` the case page offers as plain buttons."""
    return {to: move for to, move in allowed_moves(status).items() if not move.dedicated}


def is_open(status: str) -> bool:
    return status in OPEN_STATES


def can_move(from_status: str, to_status: str) -> bool:
    return to_status in TRANSITIONS.get(from_status, {})


def move(from_status: str, to_status: str) -> Move:
    """The move, or ``KeyError`` when the table does not allow it."""
    return TRANSITIONS[from_status][to_status]
