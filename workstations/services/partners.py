"""Writes to the directory of partner agencies and to a workstation's log of coordination
contacts. Every one atomic and audited."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import record
from lawstation.errors import DomainError
from lawstation.versioning import lock_at_version
from regions.models import Region
from workstations.models import CoordinationContact, Partner, PartnerUnit, Workstation
from workstations.selectors.partners import PARTNER_FIELDS, ancestor_codes
from workstations.services.funding import file_under, require_workstation


@transaction.atomic
def add_partner(
    region: Region,
    *,
    actor: User,
    kind: str,
    name: str,
    contact_name: str = "",
    phone: str = "",
    email: str = "",
    address: str = "",
) -> Partner:
    """Add an agency of ``region`` to the directory."""
    values = _cleaned(
        kind=kind, name=name, contact_name=contact_name, phone=phone, email=email, address=address
    )
    partner = Partner(region=region, **values)
    partner.set_region(region)
    partner.save()
    record(
        "partner.added",
        partner,
        actor=actor,
        changes={"region": [None, region.code], **{k: [None, v] for k, v in values.items() if v}},
    )
    return partner


@transaction.atomic
def update_partner(
    partner: Partner, *, actor: User, version: int | None = None, **fields: Any
) -> Partner:
    """Change an agency's kind, name or contact points; the region stays.

    Refused when someone else changed the agency since ``version`` (a form's hidden field)."""
    unknown = set(fields) - set(PARTNER_FIELDS)
    if unknown:
        raise TypeError(f"update_partner() got unexpected fields {sorted(unknown)}")
    locked = lock_at_version(partner, version)
    values = _cleaned(**{name: getattr(locked, name) for name in PARTNER_FIELDS} | fields)
    changes = {
        name: [getattr(locked, name), value]
        for name, value in values.items()
        if getattr(locked, name) != value
    }
    if not changes:
        return locked
    for name, value in values.items():
        setattr(locked, name, value)
    locked.save(update_fields=[*changes, "version"])
    record("partner.updated", locked, actor=actor, changes=changes)
    return locked


@transaction.atomic
def log_contact(
    workstation: Workstation | None,
    *,
    actor: User,
    partner: Partner,
    contacted_on: date,
    matter: str,
    result: str = "",
) -> CoordinationContact:
    """Log a coordination contact of ``workstation`` with an agency of its region or above."""
    require_workstation(workstation)
    if partner.region_id not in ancestor_codes(workstation):
        raise DomainError(
            _("%(agency)s is not an agency of this workstation's region or of a region above it.")
            % {"agency": partner.name},
            code="region",
        )
    if contacted_on > timezone.localdate():
        raise DomainError(_("The date of a contact cannot be in the future."), code="future")
    matter, result = (matter or "").strip(), (result or "").strip()
    if not matter:
        raise DomainError(_("Say what the contact was about."), code="matter")
    if len(matter) > 200 or len(result) > 200:
        raise DomainError(
            _("The matter and the result are each at most 200 characters."), code="long"
        )
    contact = CoordinationContact(
        workstation=workstation,
        partner=partner,
        contacted_on=contacted_on,
        matter=matter,
        result=result,
    )
    file_under(contact, workstation)
    contact.save()
    record(
        "coordination_contact.logged",
        contact,
        actor=actor,
        changes={
            "partner": [None, partner.name],
            "contacted_on": [None, contacted_on.isoformat()],
            "matter": [None, matter],
            "result": [None, result],
        },
    )
    return contact


def _cleaned(**values: str) -> dict[str, str]:
    values = {name: (value or "").strip() for name, value in values.items()}
    if values["kind"] not in PartnerUnit.values:
        raise DomainError(_("Choose the kind of agency from the list."), code="kind")
    if not values["name"]:
        raise DomainError(_("Give the agency's name."), code="name")
    too_long = [name for name, limit in PARTNER_FIELDS.items() if len(values[name]) > limit]
    if too_long:
        raise DomainError(
            _("%(field)s is too long.")
            % {"field": Partner._meta.get_field(too_long[0]).verbose_name},
            code="long",
        )
    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError as error:
            raise DomainError(_("Enter a valid e-mail address."), code="email") from error
    return values
