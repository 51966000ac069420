"""Searches that read identifiers are audited: who looked up which (masked) number."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from audit.services import record
from cases.identifiers import mask_certificate, mask_id_number


@transaction.atomic
def record_identifier_search(number: str, *, actor: Any, kind: str, results: int) -> None:
    """Audit a case search by resident ID (``kind="id_number"``) or certificate number; only
    the masked number is kept, with how many cases were found (up to the list's count limit)."""
    masked = mask_certificate(number) if kind == "certificate" else mask_id_number(number)
    record(
        "applicant.searched",
        None,
        actor=actor,
        changes={kind: [None, masked], "results": [None, results]},
    )
