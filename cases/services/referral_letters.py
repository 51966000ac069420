"""The referral letter: generated from the referral, downloaded, audited (it carries the
applicant's personal data, so generating it is a read on record)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from audit.services import record
from cases.models import Referral
from cases.referral_letter import render_referral_letter


@transaction.atomic
def referral_letter_pdf(referral: Referral, *, actor: Any) -> bytes:
    """The referral letter as a PDF (it carries the applicant's data: audited as a read)."""
    issued_by = actor.get_full_name() or actor.get_username() if actor is not None else ""
    content = render_referral_letter(referral, today=timezone.localdate(), issued_by=issued_by)
    record(
        "referral.letter_generated",
        referral,
        actor=actor,
        changes={"case": [None, referral.case.number], "status": [None, referral.status]},
    )
    return content
