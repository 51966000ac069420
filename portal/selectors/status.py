"""The public status lookup: a reference and its second factor → the stage and its date only.

An unknown reference and a wrong second factor give the same answer (None) after the same work:
the keyed hash is always computed and compared in constant time, against a dummy when no request
has the reference.
"""

from __future__ import annotations

import hmac

from cases.crypto import lookup_hash
from portal.models import HelpRequest
from portal.stages import PublicStage, public_stage
from regions.scoping import unscoped

LOOKUP_KIND = "portal.help_request"
_DUMMY_HASH = "0" * 64
_CASE_DATES = (
    "registered_at",
    "accepted_at",
    "not_accepted_at",
    "service_started_at",
    "referred_at",
    "closed_at",
    "reopened_at",
)
_FIELDS = (
    "lookup_hash",
    "status",
    "submitted_at",
    "status_changed_at",
    "intake__outcome",
    "intake__case__status",
    *(f"intake__case__{name}" for name in _CASE_DATES),
)


def lookup_digest(reference: str, second_factor: str) -> str:
    """The keyed hash (HMAC-SM3) stored for the lookup: reference and second factor together."""
    return lookup_hash(LOOKUP_KIND, f"{reference}\x00{second_factor}")


def stage_of(reference: str, second_factor: str) -> PublicStage | None:
    """The public stage of the request with ``reference`` when ``second_factor`` matches."""
    with unscoped("public status lookup: one request by reference and second factor"):
        row = HelpRequest.objects.filter(reference=reference).values(*_FIELDS).first()
    expected = lookup_digest(reference, second_factor)
    stored = row["lookup_hash"] if row else _DUMMY_HASH
    if not hmac.compare_digest(expected, stored) or row is None:
        return None
    return public_stage(
        status=row["status"],
        submitted_at=row["submitted_at"],
        status_changed_at=row["status_changed_at"],
        intake_outcome=row["intake__outcome"],
        case_status=row["intake__case__status"],
        case_dates={name: row[f"intake__case__{name}"] for name in _CASE_DATES},
    )
