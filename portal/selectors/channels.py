"""The ways to reach a workstation, side by side, as its public page lists them: the online form
always first (never phone alone), then SMS, e-mail, sign-language video and phone, each only when
the current notice gives it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from workstations.models import PublicNotice


@dataclass(frozen=True)
class Channel:
    """One way to reach the workstation; ``href`` is empty when it cannot be a link."""

    kind: str  # form, sms, email, video, phone
    label: str
    value: str
    href: str


_WEB_ADDRESS = re.compile(r"^https?://\S+$", re.IGNORECASE)


def channels_of(notice: PublicNotice | None, help_url: str) -> list[Channel]:
    """The notice's channels side by side, the online form always first (never phone alone);
    channels without a value are left out."""
    channels = [Channel("form", _("Online form"), _("Ask for help online"), help_url)]
    if notice is None:
        return channels
    sms, phone = notice.sms_number.strip(), notice.phone.strip()
    email, video = notice.email.strip(), notice.sign_language_video.strip()
    if sms:
        channels.append(Channel("sms", _("SMS (text message)"), sms, _dial("sms:", sms)))
    if email:
        channels.append(Channel("email", _("E-mail"), email, f"mailto:{email}"))
    if video:
        href = video if _WEB_ADDRESS.match(video) else ""
        channels.append(Channel("video", _("Sign-language video call"), video, href))
    if phone:
        channels.append(Channel("phone", _("Phone"), phone, _dial("tel:", phone)))
    return channels


def _dial(scheme: str, number: str) -> str:
    digits = re.sub(r"[^0-9+]", "", number)
    return f"{scheme}{digits}" if digits else ""
