"""Reads for closing and archiving: what the file holds, which files are overdue."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q, QuerySet

from cases import lifecycle
from cases.archive_rules import CaseFileFacts
from cases.models import Case, Document, Referral, ReturnVisit, Service
from cases.selectors.cases import cases_visible
from cases.selectors.policy import policy_for
from regions.scoping import Scope, activate

AWAITING_REPLY = (Referral.Status.PREPARED, Referral.Status.SENT)


def archiving_overdue(scope: Scope, today: date) -> QuerySet[Case]:
    """Closed cases the scope may see whose file is not archived by its due date."""
    return (
        cases_visible(scope)
        .filter(status=lifecycle.CLOSED, archive_due_on__lt=today)
        .order_by("archive_due_on", "pk")
    )


def is_archiving_overdue(case: Case, today: date) -> bool:
    return (
        case.status == lifecycle.CLOSED
        and case.archive_due_on is not None
        and case.archive_due_on < today
    )


def closure_days(province_code: str | None) -> tuple[int, int]:
    """``(archive_within_days, return_visit_within_days)`` from the province's case policy
    (``cases.selectors.policy``: 90 and 30 days when the province has none)."""
    policy = policy_for(province_code or "")
    return policy.archive_within_days, policy.return_visit_within_days


def case_file_facts(case: Case) -> CaseFileFacts:
    """What the case's records say about its file: four aggregate queries, whatever its size."""
    documents = Document.all_objects.filter(case_id=case.pk).aggregate(
        registration=Count("pk", filter=Q(category=Document.Category.APPLICATION)),
        identity=Count("pk", filter=Q(category=Document.Category.IDENTITY)),
        drafted=Count("pk", filter=Q(category=Document.Category.DRAFTED)),
    )
    services = Service.all_objects.filter(case_id=case.pk).aggregate(
        total=Count("pk"),
        drafting=Count("pk", filter=Q(kind=Service.Kind.DRAFTING)),
        drafted=Count("pk", filter=Q(drafted_document__isnull=False)),
    )
    referrals = Referral.all_objects.filter(case_id=case.pk).aggregate(
        total=Count("pk", filter=~Q(status=Referral.Status.WITHDRAWN)),
        awaiting=Count("pk", filter=Q(status__in=AWAITING_REPLY)),
    )
    visit_done = ReturnVisit.all_objects.filter(case_id=case.pk, done_on__isnull=False).exists()
    return CaseFileFacts(
        has_registration_document=documents["registration"] > 0 or case.intake_id is not None,
        has_identity_document=documents["identity"] > 0,
        matter=case.matter or "",
        service_count=services["total"],
        drafting_service_count=services["drafting"],
        drafted_document_count=max(documents["drafted"], services["drafted"]),
        referral_count=referrals["total"],
        referrals_awaiting_reply=referrals["awaiting"],
        closing_summary=case.closing_summary or "",
        return_visit_done=visit_done,
    )


def return_visits_of(scope: Scope, case: Case) -> list[ReturnVisit]:
    """The return visits of a case the scope may see (fetched through the scope)."""
    with activate(scope):
        return list(ReturnVisit.objects.filter(case=case).order_by("due_on", "pk"))
