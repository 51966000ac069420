"""The registry of audit action codes (``noun.past_participle``) and their display labels.

Entries store the code; the label is translated when shown, never when stored.
"""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "auth.logged_in": _("Logged in"),
    "auth.login_failed": _("Login failed"),
    "auth.locked_out": _("Locked out after repeated failed logins"),
    "auth.logged_out": _("Logged out"),
    "auth.session_expired": _("Logged out automatically (maximum session time reached)"),
    "auth.no_membership": _("Refused: account without a federation membership"),
    "auth.permission_denied": _("Refused: missing permission"),
    "auth.password_changed": _("Password changed"),
    "user.created": _("Account created"),
    "user.deactivated": _("Account deactivated"),
    "user.unlocked": _("Account unlocked"),
    "membership.granted": _("Added to a federation"),
    "membership.role_changed": _("Role changed"),
    "audit.viewed": _("Audit log searched"),
    "report.exported": _("Report exported"),
    "seed.loaded": _("Demo data loaded"),
    # People and filings (issue 3, items 4-5)
    "person.added": _("Person added"),
    "person.updated": _("Person updated"),
    "person.left": _("Person recorded as having left"),
    "engagement.added": _("Person engaged at a workstation"),
    "engagement.ended": _("Engagement ended"),
    "filing.submitted": _("Filing submitted to the level above"),
    "filing.accepted": _("Filing accepted"),
    "filing.returned": _("Filing returned with a reason"),
    # Funding, duty days, partners and coordination contacts (issue 3, items 6-8)
    "budget.set": _("Budget set"),
    "expenditure.recorded": _("Expenditure recorded"),
    "financial_rule.filed": _("Financial management rule filed"),
    "duty_day.scheduled": _("On-site duty day scheduled"),
    "duty_day.checked_in": _("On-site duty day checked in"),
    "duty_day.cancelled": _("On-site duty day cancelled"),
    "partner.added": _("Partner agency added"),
    "partner.updated": _("Partner agency updated"),
    "coordination_contact.logged": _("Coordination contact logged"),
    # Coordination groups, workstations and public notices (issue 3, items 1-3)
    "coordination_group.set_up": _("Coordination group set up"),
    "coordination_group.adjusted": _("Coordination group adjusted"),
    "group_member.added": _("Member added to the coordination group"),
    "group_member.left": _("Member left the coordination group"),
    "workstation.created": _("Workstation created"),
    "workstation.updated": _("Workstation updated"),
    "workstation.status_changed": _("Workstation status changed"),
    "premises.checked": _("Premises item checked"),
    "public_notice.published": _("Public notice published"),
    "public_notice.superseded": _("Public notice superseded by a new version"),
    "publication.recorded": _("Publication of the public notice recorded"),
    # Cases (issue 4)
    "applicant.registered": _("Applicant registered"),
    "applicant.updated": _("Applicant updated"),
    "applicant.viewed": _("Applicant's personal data viewed"),
    "applicant.identifier_revealed": _("Identity or certificate number shown in full"),
    "applicant.linked": _("Applicants linked as the same person"),
    "applicant.searched": _("Applicants searched by identity number"),
    "intake.received": _("Request for help received"),
    "intake.viewed": _("Request for help viewed"),
    "intake.consultation_closed": _("Consultation closed on the spot"),
    "case.registered": _("Case registered"),
    "case.viewed": _("Case viewed"),
    "case.updated": _("Case updated"),
    "case.triaged": _("Triage decision recorded"),
    "case.status_changed": _("Case status changed"),
    "case.transferred": _("Case transferred to another workstation"),
    "case.closed": _("Case closed"),
    "case.archived": _("Case archived"),
    "case.exported": _("Case file exported"),
    "service.recorded": _("Service recorded"),
    "service.updated": _("Service updated"),
    "mediation_session.recorded": _("Mediation session recorded"),
    "accommodation.recorded": _("Accessibility arrangement recorded"),
    "referral.prepared": _("Referral prepared"),
    "referral.consent_recorded": _("Applicant's consent to the referral recorded"),
    "referral.sent": _("Referral sent"),
    "referral.accepted": _("Referral accepted"),
    "referral.refused": _("Referral refused"),
    "referral.withdrawn": _("Referral withdrawn"),
    "referral.concluded": _("Referral outcome recorded"),
    "referral.lawyer_assigned": _("Lawyer assigned on a referral recorded"),
    "referral.letter_generated": _("Referral letter generated"),
    "risk.raised": _("Risk flag raised"),
    "risk.reviewed": _("Risk flag reviewed"),
    "return_visit.scheduled": _("Return visit scheduled"),
    "return_visit.recorded": _("Return visit recorded"),
    "complaint.recorded": _("Complaint recorded"),
    "complaint.resolved": _("Complaint resolved"),
    "document.uploaded": _("Document uploaded"),
    "document.downloaded": _("Document downloaded"),
    "document.generated": _("Document drafted from a template"),
    "document.refused": _("Upload refused (type, content or size)"),
    "case_policy.updated": _("Case policy updated"),
    # Outbox (issue 5)
    "outbox.queued": _("Message queued for sending"),
}


def label_for(action: str) -> str:
    return str(ACTIONS.get(action, action))


def is_known(action: str) -> bool:
    return action in ACTIONS
