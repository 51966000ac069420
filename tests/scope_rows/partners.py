"""Scope-matrix rows for partner agencies and coordination contacts."""

from __future__ import annotations

from django.urls import reverse

from accounts.roles import Capability
from tests.factories import Cast
from tests.scope import Row, roles_with
from tests.scope_rows.funding import station
from workstations.models import Partner, PartnerUnit


def partner(cast: Cast, code: str, kind: str = PartnerUnit.COURT, name: str = "") -> Partner:
    """An agency of ``code``'s region."""
    region = cast.regions[code]
    row = Partner(region=region, kind=kind, name=name or f"{region.name}人民法院")
    row.set_region(region)
    row.save()
    return row


def _with_station(name: str):
    def url(cast: Cast, code: str) -> str:
        station(cast, code)
        return reverse(name, args=[code])

    return url


ROWS: dict[str, Row] = {
    "partners:list": Row(
        lambda cast, code: reverse("partners:list"),
        roles_with(Capability.WORKSTATION_VIEW),
        anonymous=302,
    ),
    "partners:new": Row(
        lambda cast, code: reverse("partners:new"),
        roles_with(Capability.WORKSTATION_EDIT),
        anonymous=302,
    ),
    "partners:edit": Row(
        lambda cast, code: reverse("partners:edit", args=[partner(cast, code).pk]),
        roles_with(Capability.WORKSTATION_EDIT),
        anonymous=302,
        is_object=True,
    ),
    "contacts:list": Row(
        _with_station("contacts:list"),
        roles_with(Capability.WORKSTATION_VIEW),
        anonymous=302,
        is_object=True,
    ),
    "contacts:new": Row(
        _with_station("contacts:new"),
        roles_with(Capability.WORKSTATION_EDIT),
        anonymous=302,
        is_object=True,
    ),
}
