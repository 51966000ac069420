"""Writes to applicants: registration, changes, showing an identifier in full, linking records.

Resident ID and certificate numbers are checked (``cases.identifiers``), then stored three ways:
SM4-GCM ciphertext, a keyed lookup hash and the masked form (``cases.crypto``). Neither the
clear number nor its birth-date digits ever reach the audit log: ``changes`` carries the masked
forms only. Warnings (an area code missing from the region table) do not stop the save; the
returned applicant carries them as ``identifier_warnings`` for the page to show.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import record
from cases import crypto, identifiers
from cases.models import (
    Applicant,
    ApplicantLink,
    Case,
    CommunicationNeed,
    DisabilityCategory,
    SocialAssistance,
)
from lawstation.errors import DomainError
from lawstation.versioning import lock_at_version
from regions.models import Federation, Region
from stats.locking import ensure_open

PROFILE_FIELDS = (
    "name",
    "birth_date",
    "sex",
    "disability_category",
    "disability_components",
    "disability_grade",
    "no_fixed_income",
    "social_assistance",
    "phone",
    "sms_phone",
    "email",
    "address",
    "communication_needs",
    "guardian_name",
    "guardian_relationship",
    "guardian_identity",
    "guardian_phone",
    "guardian_is_adverse_party",
)
IDENTIFIER_FIELDS = ("id_number", "certificate_number")
REVEALABLE = {"id_number": "id_number_cipher", "certificate": "certificate_cipher"}
_PHONE = re.compile(r"^\+?[0-9][0-9\- ]{5,18}[0-9]$")
_MOBILE = re.compile(r"^(?:\+?86)?1[3-9][0-9]{9}$")
_CODES = ("province_code", "city_code", "county_code")


@dataclass
class _Identifiers:
    """The checked numbers of one applicant, in clear (never stored as such)."""

    id_number: str = ""
    certificate: str = ""
    birth_date: date | None = None
    sex: str = ""
    category: str = ""
    grade: int | None = None
    warnings: list[str] = field(default_factory=list)


@transaction.atomic
def register_applicant(federation: Federation, *, actor: User | None, **fields: Any) -> Applicant:
    """Register a person seeking help at ``federation``; identifiers are optional but checked."""
    _refuse_unknown(fields)
    values = _profile({field: fields.get(field) for field in PROFILE_FIELDS})
    checked = _check_identifiers(
        fields.get("id_number") or "",
        fields.get("certificate_number") or "",
        values,
        entered={"birth_date", "sex"},
    )
    _check_profile(values)
    applicant = Applicant(federation=federation, **values)
    applicant.set_region(federation.region)
    _store_identifiers(applicant, checked)
    applicant.save()
    changes = {name: [None, _plain(values[name])] for name in PROFILE_FIELDS if values[name]}
    changes.update(_identifier_changes(None, applicant))
    record("applicant.registered", applicant, actor=actor, changes=changes)
    applicant.identifier_warnings = tuple(checked.warnings)
    return applicant


@transaction.atomic
def update_applicant(
    applicant: Applicant, *, actor: User | None, expected_version: int | None, **fields: Any
) -> Applicant:
    """Change an applicant's record. For ``id_number`` and ``certificate_number``, ``None`` (or
    leaving them out) keeps the stored number, ``""`` removes it, a number replaces it."""
    _refuse_unknown(fields)
    locked = lock_at_version(applicant, expected_version)
    values = _profile(
        {name: fields[name] if name in fields else getattr(locked, name) for name in PROFILE_FIELDS}
    )
    id_number = _kept_or_new(locked.id_number_cipher, fields.get("id_number"))
    certificate = _kept_or_new(locked.certificate_cipher, fields.get("certificate_number"))
    # A date of birth or sex left as it was follows a new ID number; a changed one must agree.
    entered = {name for name in ("birth_date", "sex") if values[name] != getattr(locked, name)}
    checked = _check_identifiers(id_number, certificate, values, entered=entered)
    _check_profile(values)
    before = _snapshot(locked)
    for name, value in values.items():
        setattr(locked, name, value)
    _store_identifiers(locked, checked)
    locked.save()
    changes = {
        name: [_plain(before[name]), _plain(values[name])]
        for name in PROFILE_FIELDS
        if before[name] != values[name]
    }
    changes.update(_identifier_changes(before, locked))
    record("applicant.updated", locked, actor=actor, changes=changes)
    if values["disability_category"]:
        _fill_case_categories(locked, actor=actor)
    locked.identifier_warnings = tuple(checked.warnings)
    return locked


def _fill_case_categories(applicant: Applicant, *, actor: User | None) -> None:
    """A case keeps the disability category recorded at its registration; a case registered
    while the applicant's category was still unknown gets it once it is recorded (the
    data-quality check "case without a disability category" points here)."""
    category = applicant.disability_category
    blank = Case.all_objects.filter(applicant=applicant, disability_category="")
    cases = []
    for case in blank.select_for_update().only("pk", "number", "registered_at", *_CODES):
        try:  # a case of a locked period keeps its figures until the period is reopened
            ensure_open(case, case.registered_at)
        except DomainError:
            continue
        cases.append(case)
    Case.all_objects.filter(pk__in=[case.pk for case in cases]).update(disability_category=category)
    for case in cases:
        record("case.updated", case, actor=actor, changes={"disability_category": ["", category]})


@transaction.atomic
def record_applicant_viewed(applicant: Applicant, *, actor: User | None) -> None:
    """Audit that ``actor`` opened the applicant's record (a read of personal data)."""
    record("applicant.viewed", applicant, actor=actor)


@transaction.atomic
def reveal_identifier(applicant: Applicant, *, actor: User | None, which: str) -> str:
    """The clear resident ID (``which="id_number"``) or certificate number (``"certificate"``);
    every call is audited. Views check the ``identity.reveal`` capability."""
    if which not in REVEALABLE:
        raise DomainError(_("Choose which number to show."), code="which")
    blob = getattr(applicant, REVEALABLE[which])
    if not blob:
        raise DomainError(_("No such number is recorded for this applicant."), code="missing")
    number = crypto.decrypt(blob)
    masked = getattr(
        applicant, "id_number_masked" if which == "id_number" else "certificate_masked"
    )
    record("applicant.identifier_revealed", applicant, actor=actor, changes={which: [None, masked]})
    return number


@transaction.atomic
def link_applicants(
    applicant: Applicant, same_as: Applicant, *, actor: User, note: str = ""
) -> ApplicantLink:
    """Record that two applicant records are the same person; both stay as they are."""
    if applicant.pk == same_as.pk:
        raise DomainError(_("An applicant cannot be linked to itself."), code="self")
    pair = (min(applicant.pk, same_as.pk), max(applicant.pk, same_as.pk))
    if ApplicantLink.all_objects.filter(applicant_id=pair[0], same_as_id=pair[1]).exists():
        raise DomainError(_("These two records are already linked."), code="linked")
    note = (note or "").strip()
    if len(note) > 200:
        raise DomainError(_("Keep the note under 200 characters."), code="note")
    link = ApplicantLink(applicant_id=pair[0], same_as_id=pair[1], note=note, linked_by=actor)
    link.province_code = applicant.province_code
    link.city_code = applicant.city_code
    link.county_code = applicant.county_code
    link.save()
    record(
        "applicant.linked",
        applicant,
        actor=actor,
        changes={"same_as": [None, same_as.pk], "note": [None, note]},
    )
    return link


# --- Checks -----------------------------------------------------------------------------------


def _refuse_unknown(fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(PROFILE_FIELDS) - set(IDENTIFIER_FIELDS)
    if unknown:
        raise TypeError(f"unexpected applicant fields {sorted(unknown)}")


def _profile(raw: dict[str, Any]) -> dict[str, Any]:
    """Plain, stripped values with the model's defaults for anything missing."""
    values = {name: raw.get(name) for name in PROFILE_FIELDS}
    for name in ("name", "sex", "phone", "sms_phone", "email", "address", "guardian_name"):
        values[name] = str(values[name] or "").strip()
    for name in ("guardian_relationship", "guardian_identity", "guardian_phone"):
        values[name] = str(values[name] or "").strip()
    values["disability_category"] = str(values["disability_category"] or "")
    values["disability_grade"] = int(values["disability_grade"] or 0) or None
    values["disability_components"] = sorted(
        {str(one) for one in values["disability_components"] or []}
    )
    values["communication_needs"] = sorted(
        {str(one) for one in values["communication_needs"] or []}
    )
    values["social_assistance"] = values["social_assistance"] or SocialAssistance.NONE
    for name in ("no_fixed_income", "guardian_is_adverse_party"):
        values[name] = bool(values[name])
    return values


def _kept_or_new(cipher: bytes | memoryview | None, given: str | None) -> str:
    if given is None:
        return crypto.decrypt(cipher) if cipher else ""
    return given


def _check_identifiers(
    id_number: str, certificate: str, values: dict[str, Any], *, entered: set[str]
) -> _Identifiers:
    """Check both numbers, derive birth date, sex, category and grade into ``values``; a
    date of birth or sex in ``entered`` (typed by the user) must agree with the ID number."""
    today = timezone.localdate()
    checked = _Identifiers()
    try:
        if identifiers.normalise(id_number):
            person = identifiers.check_id_number(
                id_number, today=today, known_area_codes=_known_area_code
            )
            checked.id_number, checked.warnings = person.number, list(person.warnings)
        if identifiers.normalise(certificate):
            card = identifiers.check_certificate(
                certificate,
                today=today,
                id_number=checked.id_number or None,
                category=values["disability_category"],
                grade=values["disability_grade"],
                known_area_codes=_known_area_code,
            )
            checked.certificate = card.number
            checked.category, checked.grade = card.category, card.grade
            if not checked.id_number:  # the certificate carries the ID number
                checked.id_number, checked.warnings = card.id_number.number, list(card.warnings)
            values["disability_category"], values["disability_grade"] = card.category, card.grade
    except identifiers.IdentifierError as error:
        raise DomainError(error.message, code="identifier") from None
    if checked.id_number:
        person = identifiers.check_id_number(checked.id_number, today=today)
        for name, derived, label in (
            ("birth_date", person.birth_date, _("date of birth")),
            ("sex", person.sex, _("sex")),
        ):
            if name in entered and values[name] and values[name] != derived:
                raise DomainError(
                    _(
                        "The %(label)s entered does not match the one in the resident ID "
                        "number. Correct whichever is wrong, or leave the %(label)s empty."
                    )
                    % {"label": label},
                    code="identifier",
                )
            values[name] = derived
    return checked


def _known_area_code(code: str) -> bool:
    return Region.objects.filter(code=code).exists()


def _check_profile(values: dict[str, Any]) -> None:
    if not values["name"]:
        raise DomainError(_("Enter the applicant's full name."), code="name")
    if len(values["name"]) > 64:
        raise DomainError(_("Keep the name under 64 characters."), code="name")
    _check_disability(values)
    _check_contacts(values)
    if values["guardian_is_adverse_party"] and not values["guardian_name"]:
        raise DomainError(
            _("Name the guardian or agent before marking them as the adverse party."),
            code="guardian",
        )
    if values["sex"] not in ("", *Applicant.Sex.values):
        raise DomainError(_("Choose male or female."), code="sex")


def _check_disability(values: dict[str, Any]) -> None:
    category, components = values["disability_category"], values["disability_components"]
    if category and category not in DisabilityCategory.values:
        raise DomainError(_("Choose a disability category from the list."), code="category")
    if values["disability_grade"] and not category:
        raise DomainError(_("Choose the disability category of this grade."), code="grade")
    if values["disability_grade"] not in (None, 1, 2, 3, 4):
        raise DomainError(_("The disability grade is 1 to 4."), code="grade")
    if category == DisabilityCategory.MULTIPLE:
        singles = set(DisabilityCategory.values) - {DisabilityCategory.MULTIPLE}
        # The components may not be known yet (a certificate says only "multiple").
        if components and (len(components) < 2 or not set(components) <= singles):
            raise DomainError(
                _("For a multiple disability, tick at least two of its component categories."),
                code="components",
            )
    elif components:
        raise DomainError(
            _("Component categories are only for a multiple disability."), code="components"
        )
    if values["social_assistance"] not in SocialAssistance.values:
        raise DomainError(_("Choose the social assistance from the list."), code="assistance")


def _check_contacts(values: dict[str, Any]) -> None:
    for name, label in (("phone", _("phone")), ("guardian_phone", _("guardian's phone"))):
        if values[name] and not _PHONE.match(values[name]):
            raise DomainError(
                _("The %(label)s is not a phone number: use digits, spaces and hyphens only.")
                % {"label": label},
                code="phone",
            )
    if values["sms_phone"] and not _MOBILE.match(values["sms_phone"].replace(" ", "")):
        raise DomainError(
            _("The mobile for SMS must be an 11-digit mainland mobile number."), code="phone"
        )
    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError:
            raise DomainError(_("The e-mail address is not valid."), code="email") from None
    unknown = set(values["communication_needs"]) - set(CommunicationNeed.values)
    if unknown:
        raise DomainError(_("Choose communication needs from the list."), code="needs")


# --- Storage and audit ------------------------------------------------------------------------


def _store_identifiers(applicant: Applicant, checked: _Identifiers) -> None:
    number, certificate = checked.id_number, checked.certificate
    applicant.id_number_cipher = crypto.encrypt(number) if number else None
    applicant.id_number_hash = crypto.lookup_hash("id_number", number) if number else ""
    applicant.id_number_masked = identifiers.mask_id_number(number)
    applicant.certificate_cipher = crypto.encrypt(certificate) if certificate else None
    applicant.certificate_hash = (
        crypto.lookup_hash("certificate", certificate) if certificate else ""
    )
    applicant.certificate_masked = identifiers.mask_certificate(certificate)
    # The digits the number carries, for the data-quality check in SQL (the mask hides them).
    applicant.certificate_category = checked.category if certificate else ""
    applicant.certificate_grade = checked.grade if certificate else None


def _snapshot(applicant: Applicant) -> dict[str, Any]:
    values = {name: getattr(applicant, name) for name in PROFILE_FIELDS}
    for name in ("id_number_hash", "id_number_masked", "certificate_hash", "certificate_masked"):
        values[name] = getattr(applicant, name)
    return values


def _identifier_changes(before: dict[str, Any] | None, applicant: Applicant) -> dict[str, list]:
    """Masked old and new numbers for each number that changed."""
    changes = {}
    for kind in ("id_number", "certificate"):
        old_hash = (before or {}).get(f"{kind}_hash", "")
        if old_hash != getattr(applicant, f"{kind}_hash"):
            old = (before or {}).get(f"{kind}_masked") or None
            changes[kind] = [old, getattr(applicant, f"{kind}_masked") or None]
    return changes


def _plain(value: Any) -> Any:
    """A JSON value for the audit log. A date of birth is masked: with the masked ID number
    it would give away all but two digits of the number."""
    if isinstance(value, date):
        return "****-**-**"
    return value
