"""Transferring an open case to another federation's workstation, with the applicant's consent.

The case and every region-scoped row hanging off it (services and their sessions and
accommodations, referrals, documents, risks, return visits, complaints, transitions, earlier
transfers: found from the models, so a new kind of row moves too) are filed under the receiving
region in one transaction, one UPDATE per table. The case gets a new number at the receiving
federation; the transfer row keeps the old one. The applicant's record and the intake stay with
the federation that received them (they may serve other matters there)."""

from __future__ import annotations

from datetime import date
from functools import cache

from django.apps import apps
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import record
from cases import lifecycle
from cases.models import Case, Transfer
from cases.services.numbering import next_number
from lawstation.errors import DomainError
from lawstation.versioning import lock_at_version
from regions.models import Federation
from regions.scoping import RegionScoped, region_codes
from stats.locking import ensure_open_from
from workstations.models import Workstation


@transaction.atomic
def transfer_case(
    case: Case,
    *,
    actor: User,
    to_federation: Federation | None,
    consent_recorded_on: date | None,
    reason: str,
    expected_version: int | None,
) -> Case:
    """Move ``case`` to ``to_federation``; refused unless it is open, the applicant consented
    and the receiving federation runs an established workstation."""
    reason = (reason or "").strip()
    workstation = _check_transfer(case, to_federation, consent_recorded_on, reason)
    locked = lock_at_version(case, expected_version)
    if not lifecycle.is_open(locked.status):
        raise DomainError(_("Only an open case can be transferred."), code="closed")
    if locked.federation_id == to_federation.pk:
        raise DomainError(_("The case is already filed at this federation."), code="same")
    region = Federation.objects.select_related("region").get(pk=to_federation.pk).region
    ensure_open_from([locked, region], locked.registered_at)
    now = timezone.now()
    year = timezone.localtime(now).year
    serial, number = next_number(to_federation, year)
    before = {
        "federation": locked.federation_id,
        "number": locked.number,
        "handler": locked.handler_id,
        "workstation": locked.workstation_id,
    }
    from_federation_id, previous_number = locked.federation_id, locked.number
    locked.federation, locked.workstation, locked.handler = to_federation, workstation, None
    locked.year, locked.serial, locked.number = year, serial, number
    locked.set_region(region)
    locked.save()
    _move_rows(locked, region_codes(region))
    transfer = Transfer(
        case=locked,
        from_federation_id=from_federation_id,
        to_federation=to_federation,
        consent_recorded_on=consent_recorded_on,
        reason=reason,
        previous_number=previous_number,
        at=now,
        actor=actor,
    )
    transfer.set_region(region)
    transfer.save()
    after = {
        "federation": to_federation.pk,
        "number": number,
        "handler": None,
        "workstation": workstation.pk,
    }
    changes = {name: [before[name], after[name]] for name in before if before[name] != after[name]}
    changes["consent_recorded_on"] = [None, consent_recorded_on.isoformat()]
    changes["reason"] = [None, reason]
    record("case.transferred", locked, actor=actor, changes=changes)
    return locked


def _check_transfer(
    case: Case, to_federation: Federation | None, consent_on: date | None, reason: str
) -> Workstation:
    if to_federation is None:
        raise DomainError(_("Choose the federation that takes the case over."), code="to")
    if consent_on is None:
        raise DomainError(_("Enter the date the applicant agreed to the transfer."), code="consent")
    if consent_on > timezone.localdate():
        raise DomainError(_("The date of consent cannot be in the future."), code="consent")
    if not reason:
        raise DomainError(_("Give the reason for the transfer."), code="reason")
    workstation = Workstation.all_objects.filter(federation=to_federation).first()
    if workstation is None or workstation.status != Workstation.Status.ESTABLISHED:
        raise DomainError(
            _("%(federation)s has no established workstation to take the case over.")
            % {"federation": to_federation.name},
            code="workstation",
        )
    return workstation


def _move_rows(case: Case, codes: tuple[str | None, str | None, str | None]) -> None:
    values = dict(zip(("province_code", "city_code", "county_code"), codes, strict=True))
    for model, path in rows_of_a_case():
        model.all_objects.filter(**{path: case}).update(**values)


@cache
def rows_of_a_case() -> tuple[tuple[type[models.Model], str], ...]:
    """Every region-scoped model whose rows belong to one case, with the lookup from it to the
    case: a foreign key to ``Case``, or to a model that has one (a service's sessions)."""
    found = []
    for model in apps.get_models():
        if not issubclass(model, RegionScoped) or model is Case:
            continue
        path = _path_to_case(model)
        if path:
            found.append((model, path))
    return tuple(found)


def _path_to_case(model: type[models.Model]) -> str:
    keys = [field for field in model._meta.get_fields() if isinstance(field, models.ForeignKey)]
    for field in keys:
        if field.related_model is Case:
            return field.name
    for field in keys:
        if field.null:
            continue
        for inner in field.related_model._meta.get_fields():
            if isinstance(inner, models.ForeignKey) and inner.related_model is Case:
                return f"{field.name}__{inner.name}"
    return ""
