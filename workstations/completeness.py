"""Is a workstation's public notice (服务公示, standard 4) complete? A pure rule, no database.

Standard 4 asks a workstation to publish five items — the scope of cases it accepts, its
workflow, its working hours, its office address and how to contact it — and to publish them
long-term through at least one channel (website, media, notice board or service window).

:func:`notice_completeness` decides that from plain values, so the notice page and the
compliance assessment (standard 4) give the same answer for the same notice::

    result = notice_completeness(
        {"scope_of_cases": "...", "workflow": "...", "working_hours": "...",
         "office_address": "...", "phone": "0551-1234567"},
        {"notice_board"},
    )
    result.missing        # ()  - the five items, in order, that are blank
    result.is_published   # True - published through at least one channel
    result.is_complete    # True - nothing missing and published

Rules:

- An item is present when its text, stripped of whitespace, is not empty. ``None`` and missing
  keys count as blank.
- "Contact details" is one item: present when any of ``phone``, ``sms_number``, ``email`` or
  ``sign_language_video`` is present (a sign-language video contact is optional on its own, but
  it does count as a way to reach the workstation).
- Published means at least one channel is named; channel names are not validated here (the
  model's choices do that). Blank channel names are ignored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

SCOPE_OF_CASES = "scope_of_cases"
WORKFLOW = "workflow"
WORKING_HOURS = "working_hours"
OFFICE_ADDRESS = "office_address"
CONTACT = "contact"

# The five items of standard 4, in the order the notice lists them.
ITEMS: tuple[str, ...] = (SCOPE_OF_CASES, WORKFLOW, WORKING_HOURS, OFFICE_ADDRESS, CONTACT)
# Any one of these makes the contact item present.
CONTACT_FIELDS: tuple[str, ...] = ("phone", "sms_number", "email", "sign_language_video")
# Every text field of a notice this rule reads.
NOTICE_FIELDS: tuple[str, ...] = (
    SCOPE_OF_CASES,
    WORKFLOW,
    WORKING_HOURS,
    OFFICE_ADDRESS,
    *CONTACT_FIELDS,
)

ITEM_LABELS = {
    SCOPE_OF_CASES: _("Scope of cases accepted"),
    WORKFLOW: _("Workflow"),
    WORKING_HOURS: _("Working hours"),
    OFFICE_ADDRESS: _("Office address"),
    CONTACT: _("Contact details (phone, SMS, e-mail or sign-language video)"),
}


@dataclass(frozen=True)
class Completeness:
    """The verdict on one notice: which items are missing and where it is published."""

    missing: tuple[str, ...]
    channels: tuple[str, ...]

    @property
    def is_published(self) -> bool:
        return bool(self.channels)

    @property
    def is_complete(self) -> bool:
        """All five items present and published through at least one channel."""
        return not self.missing and self.is_published

    @property
    def missing_labels(self) -> list[str]:
        """The missing items as translated labels, for pages and reports."""
        return [str(ITEM_LABELS[item]) for item in self.missing]


def notice_completeness(fields: Mapping[str, Any], channels: Iterable[str]) -> Completeness:
    """The completeness of a notice with these ``fields`` published through ``channels``.

    ``fields`` maps the notice's field names (``scope_of_cases``, ``workflow``,
    ``working_hours``, ``office_address``, ``phone``, ``sms_number``, ``email``,
    ``sign_language_video``) to their values; ``channels`` holds the channel names it was
    published through (for example ``{"website", "notice_board"}``)."""
    present = {item: _filled(fields.get(item)) for item in ITEMS if item != CONTACT}
    present[CONTACT] = any(_filled(fields.get(name)) for name in CONTACT_FIELDS)
    published = tuple(sorted({channel for channel in channels if _filled(channel)}))
    return Completeness(
        missing=tuple(item for item in ITEMS if not present[item]),
        channels=published,
    )


def _filled(value: Any) -> bool:
    return value is not None and bool(str(value).strip())
