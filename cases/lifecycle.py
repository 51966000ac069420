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


TRANSITIONS: dict[str, dict[str, Move]] = {
    REGISTERED: {
        ACCEPTED: Move(_("Accept"), stamps="accepted_at"),
        NOT_ACCEPTED: Move(_("Do not accept"), needs_reason=True, stamps="not_accepted_at"),
    },
    ACCEPTED: {
        IN_SERVICE: Move(_("Start the service"), stamps="service_started_at"),
        REFERRED: Move(_("Mark as referred"), stamps="referred_at"),
    },
    IN_SERVICE: {
        REFERRED: Move(_("Mark as referred"), stamps="referred_at"),
        CLOSED: Move(_("Close"), stamps="closed_at"),
    },
    REFERRED: {
        IN_SERVICE: Move(_("Resume the service"), stamps="service_started_at"),
        CLOSED: Move(_("Close"), stamps="closed_at"),
    },
    NOT_ACCEPTED: {
        REGISTERED: Move(_("Reopen"), needs_reason=True, stamps="reopened_at"),
    },
    CLOSED: {
        ARCHIVED: Move(_("Archive"), stamps="archived_at"),
        IN_SERVICE: Move(_("Reopen"), needs_reason=True, stamps="reopened_at"),
    },
    ARCHIVED: {},
}

# States in which the case is still being worked on (lists, overdue checks, transfers).
OPEN_STATES = frozenset({REGISTERED, ACCEPTED, IN_SERVICE, REFERRED})


def allowed_moves(status: str) -> dict[str, Move]:
    """The moves out of ``status``, in the table's order."""
    return TRANSITIONS.get(status, {})


def can_move(from_status: str, to_status: str) -> bool:
    return to_status in TRANSITIONS.get(from_status, {})


def move(from_status: str, to_status: str) -> Move:
    """The move, or ``KeyError`` when the table does not allow it."""
    return TRANSITIONS[from_status][to_status]
