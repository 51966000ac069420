"""Roles and the capabilities each grants. Every view declares the capability it needs."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CLERK = "clerk", _("Rights-protection clerk")
    LEADER = "leader", _("Federation leader")
    LAWYER = "lawyer", _("Lawyer or legal worker")
    SYSTEM_ADMIN = "system_admin", _("System administrator")
    SECURITY_ADMIN = "security_admin", _("Security administrator")
    AUDIT_ADMIN = "audit_admin", _("Audit administrator")


# 三员分立: the three administrator roles are held by three different people.
ADMIN_ROLES: frozenset[str] = frozenset({Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN})


class Capability:
    REGION_VIEW = "region.view"
    CASE_VIEW = "case.view"
    CASE_EDIT = "case.edit"
    # A lawyer or legal worker sees only the cases they handle or serve (cases/selectors.py).
    CASE_VIEW_ASSIGNED = "case.view_assigned"
    # Record a service on a case one may see (clerks on all, lawyers on their own).
    SERVICE_RECORD = "service.record"
    # See a resident ID or certificate number in full (audited each time).
    IDENTITY_REVEAL = "identity.reveal"
    # Review a risk-flagged case before it may close (a supervisor: the federation leader).
    RISK_REVIEW = "risk.review"
    REPORT_EXPORT = "report.export"
    WORKSTATION_VIEW = "workstation.view"
    WORKSTATION_EDIT = "workstation.edit"
    AUDIT_VIEW = "audit.view"
    AUDIT_EXPORT = "audit.export"
    ACCOUNT_VIEW = "account.view"
    ACCOUNT_MANAGE = "account.manage"
    ROLE_ASSIGN = "role.assign"
    # Review the self-assessment of a workstation one level below (issue 6).
    COMPLIANCE_REVIEW = "compliance.review"
    # Statistics (issue 7): see the figures of one's region; submit the federation's period
    # report upward; return or accept the reports of the level below and decide reopen requests.
    STATISTICS_VIEW = "statistics.view"
    STATISTICS_SUBMIT = "statistics.submit"
    STATISTICS_REVIEW = "statistics.review"
    # The de-identified case-level export (one row per case, for the level above): apart from
    # ``report.export`` because its rows give back every small count the statistics export
    # hides. Clerks and leaders; the export itself refuses county federations.
    STATISTICS_DEIDENTIFIED_EXPORT = "statistics.deidentified_export"


CAPABILITIES: dict[str, frozenset[str]] = {
    Role.CLERK: frozenset(
        {
            Capability.REGION_VIEW,
            Capability.CASE_VIEW,
            Capability.CASE_EDIT,
            Capability.SERVICE_RECORD,
            Capability.IDENTITY_REVEAL,
            Capability.REPORT_EXPORT,
            # The clerk keeps the federation's records: group, workstation, people, filing,
            # funding, duty days.
            Capability.WORKSTATION_VIEW,
            Capability.WORKSTATION_EDIT,
            Capability.COMPLIANCE_REVIEW,
            Capability.STATISTICS_VIEW,
            Capability.STATISTICS_SUBMIT,
            Capability.STATISTICS_REVIEW,
            Capability.STATISTICS_DEIDENTIFIED_EXPORT,
        }
    ),
    Role.LEADER: frozenset(
        {
            Capability.REGION_VIEW,
            Capability.CASE_VIEW,
            Capability.RISK_REVIEW,
            Capability.REPORT_EXPORT,
            Capability.WORKSTATION_VIEW,
            Capability.COMPLIANCE_REVIEW,
            Capability.STATISTICS_VIEW,
            Capability.STATISTICS_REVIEW,
            Capability.STATISTICS_DEIDENTIFIED_EXPORT,
        }
    ),
    Role.LAWYER: frozenset(
        {
            Capability.REGION_VIEW,
            Capability.WORKSTATION_VIEW,
            Capability.CASE_VIEW_ASSIGNED,
            Capability.SERVICE_RECORD,
        }
    ),
    # The system administrator runs accounts and configuration; never audit logs or case data.
    Role.SYSTEM_ADMIN: frozenset(
        {Capability.REGION_VIEW, Capability.ACCOUNT_VIEW, Capability.ACCOUNT_MANAGE}
    ),
    # The security administrator assigns roles and unlocks accounts; no case content.
    Role.SECURITY_ADMIN: frozenset(
        {Capability.REGION_VIEW, Capability.ACCOUNT_VIEW, Capability.ROLE_ASSIGN}
    ),
    # The audit administrator reads and exports the audit log; no case data.
    Role.AUDIT_ADMIN: frozenset(
        {Capability.REGION_VIEW, Capability.AUDIT_VIEW, Capability.AUDIT_EXPORT}
    ),
}


def capabilities_for(role: str) -> frozenset[str]:
    return CAPABILITIES.get(role, frozenset())


def is_admin_role(role: str) -> bool:
    return role in ADMIN_ROLES
