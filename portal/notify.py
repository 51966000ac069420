"""Messages to the person who asked for help online: the receipt and later news of the request.

One function, :func:`notify_requester`, used by the portal (``received``) and by the staff inbox
(``taken_up``, ``registered``, ``declined``). The body says only the reference, the stage in plain
words and the workstation's name: never the matter, names or any other personal data, because an
SMS or e-mail may be read by someone else. The channel follows the contact preference and what
was given (an SMS needs a mainland mobile number); when neither channel can be used (a landline
only) nothing is sent and None is returned. Messages are queued through the outbox and delivered
after the caller's transaction commits.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from outbox.models import Message
from outbox.recipients import normalise_mobile
from outbox.services import queue_message
from portal.models import HelpRequest
from portal.references import display_reference
from portal.stages import USUAL_REPLY_WORKING_DAYS

EVENTS = ("received", "taken_up", "registered", "declined")
PURPOSE_PREFIX = "portal.help_request."


def channel_for(help_request: HelpRequest) -> tuple[str, str] | None:
    """(channel, recipient) to tell the requester by, or None when no channel is usable."""
    mobile = normalise_mobile(help_request.phone) if help_request.phone else None
    email = help_request.email
    sms = (Message.Channel.SMS, mobile) if mobile else None
    mail = (Message.Channel.EMAIL, email) if email else None
    if help_request.contact_preference == HelpRequest.ContactPreference.EMAIL:
        order = (mail, sms)
    else:  # SMS, or a phone call (staff phone; the written receipt goes by SMS when possible)
        order = (sms, mail)
    return next((choice for choice in order if choice), None)


def _station_name(help_request: HelpRequest) -> str:
    federation = help_request.federation
    try:
        return federation.workstation.name
    except federation._meta.model.workstation.RelatedObjectDoesNotExist:
        return federation.name


def message_text(event: str, *, reference: str, station: str, code: str = "") -> tuple[str, str]:
    """(subject, body) for ``event`` in the active language."""
    values = {
        "reference": display_reference(reference),
        "station": station,
        "code": code,
        "days": USUAL_REPLY_WORKING_DAYS,
        "status_url": settings.PUBLIC_BASE_URL.rstrip("/") + reverse("help:status"),
    }
    subject = _("Your request for help %(reference)s") % values
    if event == "received" and code:
        body = _(
            "%(station)s has received your request for help. Your reference is %(reference)s "
            "and your code is %(code)s. We usually reply within %(days)d working days. To see "
            "the stage of your request, enter the reference and the code at %(status_url)s"
        )
    elif event == "received":
        body = _(
            "%(station)s has received your request for help. Your reference is %(reference)s. "
            "We usually reply within %(days)d working days. To see the stage of your request, "
            "enter the reference and the last four digits of your phone at %(status_url)s"
        )
    elif event == "taken_up":
        body = _(
            "%(station)s is now handling your request for help %(reference)s. "
            "Staff will contact you as you asked."
        )
    elif event == "registered":
        body = _(
            "Your request for help %(reference)s has been registered as a case at %(station)s. "
            "Staff will contact you as you asked."
        )
    elif event == "declined":
        body = _(
            "%(station)s could not take up your request for help %(reference)s. Please contact "
            "the workstation if you have questions or need other help."
        )
    else:
        raise ValueError(f"Unknown requester event {event!r}; one of {EVENTS}")
    return subject, body % values


def notify_requester(
    help_request: HelpRequest, event: str, *, code: str = "", language: str | None = None
) -> Message | None:
    """Queue the message for ``event`` to the requester; None when there is no usable channel.

    ``code`` is the status-lookup code of an e-mail-only request (sent with ``received`` only).
    The text is in ``language``; by default the receipt is in the active language (the
    requester's, on the portal) and later news in the site's default language (zh-Hans).
    """
    if event not in EVENTS:
        raise ValueError(f"Unknown requester event {event!r}; one of {EVENTS}")
    choice = channel_for(help_request)
    if choice is None:
        return None
    channel, recipient = choice
    if language is None:
        # The receipt is sent while the requester is on the page (their language); later news
        # is sent from a staff member's request, so it goes in the site's default language.
        active = translation.get_language() if event == "received" else None
        language = active or settings.LANGUAGE_CODE
    with translation.override(language):
        subject, body = message_text(
            event,
            reference=help_request.reference,
            station=_station_name(help_request),
            code=code if event == "received" else "",
        )
    return queue_message(
        channel=channel,
        recipient=recipient,
        subject=subject if channel == Message.Channel.EMAIL else "",
        body=body,
        purpose=PURPOSE_PREFIX + event,
        region=help_request.federation.region,
    )
