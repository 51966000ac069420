"""Queueing and delivering outgoing messages.

A message is stored first and handed to the backend only after the caller's transaction
commits, so a rolled-back request sends nothing and a failed send is kept for ``send_outbox``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.masking import mask_text
from audit.services import record
from lawstation.errors import DomainError
from outbox.backends import get_backend
from outbox.models import MAX_ATTEMPTS, Message
from outbox.recipients import normalise_mobile
from regions.models import Region
from regions.scoping import unscoped

MAX_BODY = 2000


def queue_message(
    *,
    channel: str,
    recipient: str,
    subject: str = "",
    body: str,
    purpose: str,
    region: Region | None = None,
) -> Message:
    """Store a message for ``recipient`` and deliver it once the current transaction commits."""
    recipient = _checked_recipient(channel, recipient)
    body = (body or "").strip()
    if not body:
        raise DomainError(_("The message is empty."), code="empty")
    if len(body) > MAX_BODY:
        raise DomainError(
            _("The message is longer than %(limit)d characters.") % {"limit": MAX_BODY},
            code="too_long",
        )
    if not purpose:
        raise ValueError("queue_message() needs a purpose code")
    with transaction.atomic():
        message = Message(
            channel=channel,
            recipient=recipient,
            subject=(subject or "").strip()[:200],
            body=body,
            purpose=purpose,
        )
        message.set_region(region)
        message.save(force_insert=True)
        record(
            "outbox.queued",
            message,
            actor=None,
            region=region,
            changes={
                "channel": [None, channel],
                "recipient": [None, message.masked_recipient],
                "purpose": [None, purpose],
            },
        )
        transaction.on_commit(lambda: deliver(message))
    return message


def _checked_recipient(channel: str, recipient: str) -> str:
    if channel == Message.Channel.SMS:
        number = normalise_mobile(recipient)
        if number is None:
            raise DomainError(
                _("Enter a mainland China mobile number of 11 digits, starting with 1."),
                code="invalid_phone",
            )
        return number
    if channel == Message.Channel.EMAIL:
        address = (recipient or "").strip()
        try:
            validate_email(address)
        except ValidationError as exc:
            raise DomainError(_("Enter a valid e-mail address."), code="invalid_email") from exc
        return address
    raise ValueError(f"Unknown outbox channel {channel!r}")


def deliver(message: Message) -> Message:
    """Hand ``message`` to the backend; record the outcome. Never raises to the caller."""
    if message.status == Message.Status.SENT:
        return message
    # Claim this attempt: if the on-commit delivery and ``send_outbox`` hold the same message,
    # only the one whose update matches the row as it read it sends.
    claimed = Message.all_objects.filter(
        pk=message.pk,
        attempts=message.attempts,
        status__in=[Message.Status.QUEUED, Message.Status.FAILED],
    ).update(attempts=F("attempts") + 1)
    if not claimed:
        message.refresh_from_db()
        return message
    message.attempts += 1
    try:
        get_backend().send(message)
    except Exception as exc:  # any backend failure is recorded, never raised
        message.status = Message.Status.FAILED
        # The error text may quote the recipient: mask it like audit text.
        message.last_error = mask_text(f"{type(exc).__name__}: {exc}")[:500]
    else:
        message.status = Message.Status.SENT
        message.sent_at = timezone.now()
        message.last_error = ""
    message.save(update_fields=["status", "attempts", "last_error", "sent_at"])
    return message


def deliver_pending(limit: int = 100) -> list[Message]:
    """Retry queued and failed messages with fewer than the maximum attempts, oldest first."""
    with unscoped("outbox delivery runs as the system over every region"):
        pending = list(
            Message.objects.filter(
                status__in=[Message.Status.QUEUED, Message.Status.FAILED],
                attempts__lt=MAX_ATTEMPTS,
            ).order_by("created_at", "id")[:limit]
        )
    return [deliver(message) for message in pending]
