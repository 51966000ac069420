from .applicants import Applicant, ApplicantLink
from .cases import Case, Intake, Transfer, Transition
from .choices import (
    Channel,
    CommunicationNeed,
    DisabilityCategory,
    DisabilityGrade,
    MatterCategory,
    SocialAssistance,
)
from .documents import Document
from .followups import Complaint, ReturnVisit
from .policy import CasePolicy
from .referrals import Referral
from .risks import RiskFlag
from .services import Accommodation, MediationSession, Service

__all__ = [
    "Accommodation",
    "Applicant",
    "ApplicantLink",
    "Case",
    "CasePolicy",
    "Channel",
    "CommunicationNeed",
    "Complaint",
    "DisabilityCategory",
    "DisabilityGrade",
    "Document",
    "Intake",
    "MatterCategory",
    "MediationSession",
    "Referral",
    "ReturnVisit",
    "RiskFlag",
    "Service",
    "SocialAssistance",
    "Transfer",
    "Transition",
]
