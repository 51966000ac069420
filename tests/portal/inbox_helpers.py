"""Online requests for help made directly (the staff inbox's tests and scope rows).

The public form (``portal.services.requests.submit_help_request``) is built in parallel; these
rows are what it stores, written here without the form's anti-spam and rate limits."""

from __future__ import annotations

import secrets
from datetime import datetime

from django.utils import timezone

from portal.models import HelpRequest
from portal.references import new_reference
from tests.factories import Cast


def make_help_request(
    cast: Cast,
    code: str,
    *,
    chosen: str | None = None,
    submitted_at: datetime | None = None,
    **fields,
) -> HelpRequest:
    """A new request filed to the federation of ``code`` (chosen for region ``chosen``)."""
    federation = cast.federations[code]
    at = submitted_at or timezone.now()
    values = {
        "reference": new_reference(),
        "requester": HelpRequest.Requester.SELF,
        "name": "李明",
        "phone": "13912345678",
        "email": "",
        "contact_preference": HelpRequest.ContactPreference.SMS,
        "do_not_phone": False,
        "disability_categories": ["2"],
        "communication_needs": ["sign_language"],
        "matter": "单位拖欠我三个月工资，不肯支付。",
        "consent_disability": True,
        "consent_notice_version": "2026-12",
        "lookup_hash": secrets.token_hex(32),
        "submission_key": secrets.token_urlsafe(24),
    }
    values.update(fields)
    help_request = HelpRequest(
        federation=federation,
        chosen_region=cast.regions[chosen or code],
        submitted_at=at,
        status_changed_at=at,
        **values,
    )
    help_request.set_region(federation.region)
    help_request.save(force_insert=True)
    return help_request
