"""Workstation models, one module per subdomain."""

from workstations.models.duty import DutyDay
from workstations.models.filings import Filing
from workstations.models.funding import Budget, Expenditure, FinancialRule
from workstations.models.groups import CoordinationGroup, GroupAdjustment, GroupMember, PartnerUnit
from workstations.models.notices import Publication, PublicNotice
from workstations.models.partners import CoordinationContact, Partner
from workstations.models.stations import PremisesCheck, PremisesItem, StatusChange, Workstation

__all__ = [
    "Budget",
    "CoordinationContact",
    "CoordinationGroup",
    "DutyDay",
    "Expenditure",
    "Filing",
    "FinancialRule",
    "GroupAdjustment",
    "GroupMember",
    "Partner",
    "PartnerUnit",
    "PremisesCheck",
    "PremisesItem",
    "PublicNotice",
    "Publication",
    "StatusChange",
    "Workstation",
]
