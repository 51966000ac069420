"""What a case file (卷宗) must hold before it is archived: one case, one file (DOMAIN.md §2.2).

Pure rules: plain values in, plain values out. The facts come from the case's own records
(``cases.selectors.closure.case_file_facts``); two items live on paper as well (the signed
registration form and the copies of the applicant's identity and disability certificate), so a
clerk may confirm them when no scan was uploaded. An item that does not apply to this case (no
referral was made, no document was drafted) is not missing.

The archive number is ``<federation region code>-档-<year archived>-<serial>``, e.g.
``340102-档-2026-0007``: readable, and unique per federation and year because the serial counts
that federation's files archived in that year (the archiving service serialises the count).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

REGISTRATION = "registration"
IDENTITY = "identity"
MATTER = "matter"
SERVICES = "services"
DRAFTED = "drafted"
REFERRALS = "referrals"
CLOSING_SUMMARY = "closing_summary"
RETURN_VISIT = "return_visit"

PRESENT = "present"
CONFIRMED = "confirmed"
MISSING = "missing"
NOT_APPLICABLE = "not_applicable"

ITEM_LABELS: dict[str, str | Promise] = {
    REGISTRATION: _("Registration form"),
    IDENTITY: _("Copies of the applicant's identity and disability certificate"),
    MATTER: _("Statement of the matter"),
    SERVICES: _("Record of the services"),
    DRAFTED: _("Documents drafted"),
    REFERRALS: _("Referral letters and replies"),
    CLOSING_SUMMARY: _("Closing summary"),
    RETURN_VISIT: _("Return visit record"),
}
# Items that exist on paper: the clerk may confirm they are in the file.
CONFIRMABLE = (REGISTRATION, IDENTITY)
ARCHIVE_MARK = "档"


@dataclass(frozen=True)
class CaseFileFacts:
    """What the case's records say about the file's contents."""

    has_registration_document: bool
    has_identity_document: bool
    matter: str
    service_count: int
    drafting_service_count: int
    drafted_document_count: int
    referral_count: int
    referrals_awaiting_reply: int
    closing_summary: str
    return_visit_done: bool


@dataclass(frozen=True)
class ItemState:
    code: str
    label: str | Promise
    state: str

    @property
    def is_missing(self) -> bool:
        return self.state == MISSING


def _state(found: bool, applies: bool = True, confirmed: bool = False) -> str:
    if not applies:
        return NOT_APPLICABLE
    if found:
        return PRESENT
    return CONFIRMED if confirmed else MISSING


def checklist(
    facts: CaseFileFacts, confirmed: frozenset[str] | set[str] = frozenset()
) -> list[ItemState]:
    """Every item of the file with its state: present, confirmed, missing or not applicable."""
    confirmed = frozenset(confirmed) & frozenset(CONFIRMABLE)
    states = {
        REGISTRATION: _state(facts.has_registration_document, confirmed=REGISTRATION in confirmed),
        IDENTITY: _state(facts.has_identity_document, confirmed=IDENTITY in confirmed),
        MATTER: _state(bool(facts.matter.strip())),
        # A case only referred on has no services of the station's own to record.
        SERVICES: _state(facts.service_count > 0, applies=not facts.referral_count),
        DRAFTED: _state(
            facts.drafted_document_count >= facts.drafting_service_count,
            applies=facts.drafting_service_count > 0,
        ),
        REFERRALS: _state(facts.referrals_awaiting_reply == 0, applies=facts.referral_count > 0),
        CLOSING_SUMMARY: _state(bool(facts.closing_summary.strip())),
        RETURN_VISIT: _state(facts.return_visit_done),
    }
    return [ItemState(code, ITEM_LABELS[code], states[code]) for code in ITEM_LABELS]


def missing_items(
    facts: CaseFileFacts, confirmed: frozenset[str] | set[str] = frozenset()
) -> list[str | Promise]:
    """The labels of the items still missing, in the file's order."""
    return [item.label for item in checklist(facts, confirmed) if item.is_missing]


def checklist_record(items: list[ItemState]) -> dict[str, str]:
    """The checklist as stored on the case when it is archived: ``{item: state}``."""
    return {item.code: item.state for item in items}


def archive_number(region_code: str, year: int, serial: int) -> str:
    """``340102-档-2026-0007``: the federation's region, the year archived, the serial."""
    return f"{region_code}-{ARCHIVE_MARK}-{year}-{serial:04d}"


def archive_prefix(region_code: str, year: int) -> str:
    return f"{region_code}-{ARCHIVE_MARK}-{year}-"


def next_serial(existing_numbers: list[str], prefix: str) -> int:
    """One more than the highest serial already used under ``prefix``."""
    serials = [
        int(number[len(prefix) :])
        for number in existing_numbers
        if number.startswith(prefix) and number[len(prefix) :].isdigit()
    ]
    return max(serials, default=0) + 1
