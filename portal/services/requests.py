"""Filing an online request for help (the web channel of ``/help/``)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from lawstation.errors import DomainError
from portal.models import HelpRequest
from portal.notify import notify_requester
from portal.references import new_reference
from portal.selectors.routing import serving_federation
from portal.selectors.status import lookup_digest
from portal.validation import last_four
from regions.models import Region
from regions.scoping import unscoped

REFERENCE_ATTEMPTS = 5


@dataclass(frozen=True)
class HelpRequestDetails:
    """What the requester gave, already cleaned (``portal.forms.help``)."""

    requester: str
    name: str
    matter: str
    contact_preference: str
    phone: str = ""
    email: str = ""
    relationship: str = ""
    person_name: str = ""
    do_not_phone: bool = False
    disability_categories: list[str] = field(default_factory=list)
    communication_needs: list[str] = field(default_factory=list)
    needs_other: str = ""
    consent_disability: bool = False


@dataclass(frozen=True)
class Submission:
    help_request: HelpRequest
    created: bool
    code: str = ""  # the status-lookup code of an e-mail-only request (shown once, sent once)


def _existing(submission_key: str) -> HelpRequest | None:
    with unscoped("portal: a double-submitted help request finds the first one by its key"):
        return (
            HelpRequest.objects.select_related("federation__region")
            .filter(submission_key=submission_key)
            .first()
        )


def _check(details: HelpRequestDetails, federation) -> None:
    if federation is None:
        raise DomainError(
            _("No workstation serves this place yet. Choose another place."), code="no_station"
        )
    if not (details.phone or details.email):
        raise DomainError(_("Give a phone number or an e-mail address."), code="no_contact")
    if not details.matter.strip():
        raise DomainError(_("Tell us about the matter."), code="no_matter")
    has_sensitive = details.disability_categories or details.communication_needs
    if (has_sensitive or details.needs_other) and not details.consent_disability:
        raise DomainError(
            _("Tick the consent box, or remove the disability and needs you gave."),
            code="no_consent",
        )


def submit_help_request(
    details: HelpRequestDetails,
    *,
    region: Region,
    submission_key: str,
    now: datetime | None = None,
) -> Submission:
    """File the request with the federation serving ``region``; queue the receipt.

    A second call with the same ``submission_key`` (a double submit) returns the first request.
    """
    existing = _existing(submission_key)
    if existing is not None:
        return Submission(existing, created=False)
    federation = serving_federation(region)
    _check(details, federation)
    now = now or timezone.now()
    code = "" if details.phone else f"{secrets.randbelow(10_000):04d}"
    factor = last_four(details.phone) if details.phone else code
    for _attempt in range(REFERENCE_ATTEMPTS):
        reference = new_reference()
        help_request = HelpRequest(
            reference=reference,
            federation=federation,
            chosen_region=region,
            requester=details.requester,
            name=details.name,
            relationship=details.relationship,
            person_name=details.person_name,
            phone=details.phone,
            email=details.email,
            contact_preference=details.contact_preference,
            do_not_phone=details.do_not_phone,
            disability_categories=list(details.disability_categories),
            communication_needs=list(details.communication_needs),
            needs_other=details.needs_other,
            matter=details.matter,
            consent_disability=details.consent_disability,
            consent_notice_version=(
                settings.PORTAL_CONSENT_NOTICE_VERSION if details.consent_disability else ""
            ),
            lookup_hash=lookup_digest(reference, factor),
            submission_key=submission_key,
            submitted_at=now,
            status=HelpRequest.Status.NEW,
            status_changed_at=now,
        )
        help_request.set_region(federation.region)
        try:
            with transaction.atomic():
                help_request.save(force_insert=True)
                _after_save(help_request, code)
        except IntegrityError:
            existing = _existing(submission_key)
            if existing is not None:  # a concurrent double submit won the race
                return Submission(existing, created=False)
            continue  # the random reference was taken: draw another
        return Submission(help_request, created=True, code=code)
    raise RuntimeError("Could not draw a free reference for a help request.")


def _after_save(help_request: HelpRequest, code: str) -> None:
    record(
        "help_request.submitted",
        help_request,
        actor=None,
        changes={
            "status": [None, help_request.status],
            "federation": [None, help_request.federation.region_id],
            "chosen_region": [None, help_request.chosen_region_id],
            "consent_disability": [None, help_request.consent_disability],
        },
    )
    notify_requester(help_request, "received", code=code)
