"""Reads of partner agencies and coordination contacts, always within a scope.

A workstation coordinates with agencies of its own region and of the regions above it (a county
workstation works with the city's intermediate court and the province's legal aid centre), so
:func:`agencies_for` reads the directory of those ancestor regions too: agency names and public
contact points, never any other region's contacts log.
"""

from __future__ import annotations

from django.db.models import QuerySet

from regions.models import Region
from regions.scoping import Scope, activate, get_in_scope_or_404, regions_within, unscoped
from workstations.models import CoordinationContact, Partner, PartnerUnit, Workstation

# The editable fields of an agency, with their maximum lengths.
PARTNER_FIELDS = {
    "kind": 20,
    "name": 128,
    "contact_name": 64,
    "phone": 32,
    "email": 254,
    "address": 200,
}


def partners_within(scope: Scope, *, kind: str = "", region_code: str = "") -> QuerySet[Partner]:
    """Agencies in the scope's regions, optionally of one kind and one region."""
    with activate(scope):
        partners = Partner.objects.select_related("region")
    if kind in PartnerUnit.values:
        partners = partners.filter(kind=kind)
    if region_code:
        partners = partners.filter(region_id=region_code)
    return partners.order_by("region_id", "kind", "name", "id")


def partner_in_scope(scope: Scope | None, pk: int) -> Partner:
    """One agency inside the scope; 404 otherwise (missing or not)."""
    return get_in_scope_or_404(Partner.objects.select_related("region"), scope, pk=pk)


def partner_regions(scope: Scope) -> QuerySet[Region]:
    """The regions an agency can be recorded for: every region the scope covers."""
    return regions_within(scope).order_by("code")


def agencies_for(workstation: Workstation) -> QuerySet[Partner]:
    """Agencies a workstation can log a contact with: those of its own region and the regions
    above it. The workstation must already have been looked up within the scope."""
    with unscoped("a workstation's own and ancestor regions' partner agencies are shared"):
        partners = Partner.objects.filter(region_id__in=ancestor_codes(workstation))
    return partners.select_related("region").order_by("-region_id", "kind", "name", "id")


def ancestor_codes(workstation: Workstation) -> list[str]:
    """The codes of the workstation's region and of the regions above it."""
    codes = (workstation.province_code, workstation.city_code, workstation.county_code)
    return [code for code in codes if code]


def contacts_of(scope: Scope, workstation: Workstation) -> QuerySet[CoordinationContact]:
    """The workstation's coordination contacts, newest first, each with its agency."""
    with activate(scope):
        contacts = CoordinationContact.objects.filter(workstation=workstation)
    return contacts.select_related("partner__region").order_by("-contacted_on", "-id")
