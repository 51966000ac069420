"""The case file (卷宗) for its PDF: one case by number, with everything it holds.

A fixed number of queries however much the case holds. Whoever may export reports sees every
case filed in their region (the scope's region filter); anyone else only the cases they may see
(``cases_visible``)."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from accounts.roles import Capability
from cases.models import (
    Case,
    Complaint,
    Document,
    Referral,
    ReturnVisit,
    RiskFlag,
    Service,
    Transfer,
    Transition,
)
from cases.selectors.cases import cases_visible
from regions.scoping import Scope, activate


def _cases(scope: Scope) -> QuerySet[Case]:
    if scope.can(Capability.CASE_VIEW) or scope.can(Capability.REPORT_EXPORT):
        return Case.objects.all()
    return cases_visible(scope)


def dossier_case(scope: Scope, number: str) -> Case | None:
    """The case numbered ``number`` inside the scope, its file prefetched; ``None`` if none."""
    with activate(scope):
        relations = [
            Prefetch("transitions", queryset=Transition.objects.select_related("actor")),
            Prefetch(
                "services",
                queryset=Service.objects.select_related("provider", "partner").order_by(
                    "provided_on", "pk"
                ),
            ),
            Prefetch("referrals", queryset=Referral.objects.select_related("partner")),
            Prefetch("documents", queryset=Document.objects.select_related("uploaded_by")),
            Prefetch(
                "risks",
                queryset=RiskFlag.objects.select_related("raised_by", "reviewed_by").order_by(
                    "raised_at", "pk"
                ),
            ),
            Prefetch("return_visits", queryset=ReturnVisit.objects.select_related("done_by")),
            Prefetch("complaints", queryset=Complaint.objects.order_by("received_on", "pk")),
            Prefetch(
                "transfers",
                queryset=Transfer.objects.select_related(
                    "from_federation__region", "to_federation__region"
                ),
            ),
        ]
        return (
            _cases(scope)
            .filter(number=(number or "").strip())
            .select_related("applicant", "federation__region", "workstation", "handler", "intake")
            .prefetch_related(*relations)
            .order_by("pk")
            .first()
        )
