"""The case file: one case with everything its page and its dossier show, in a fixed number of
queries however much the case holds.

The partials of the case page (``templates/cases/_detail_*.html``) read these relations with
``case.<relation>.all`` and get the prefetched rows: add a relation here when a partial needs
one, never a query in a template."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import Http404

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


def case_file(scope: Scope | None, pk: int | str) -> Case:
    """The case ``pk`` if the scope may see it (else 404), with its relations prefetched."""
    if scope is None:
        raise Http404
    with activate(scope):
        queryset = (
            cases_visible(scope)
            .select_related(
                "applicant",
                "federation__region",
                "workstation",
                "handler",
                "intake__received_by",
            )
            .prefetch_related(*_relations())
        )
        try:
            return queryset.get(pk=pk)
        except (Case.DoesNotExist, ValueError, TypeError) as exc:
            raise Http404 from exc


def _relations() -> list[Prefetch]:
    return [
        Prefetch("transitions", queryset=Transition.objects.select_related("actor")),
        Prefetch(
            "services",
            queryset=Service.objects.select_related(
                "provider", "partner", "drafted_document", "appointment_referral"
            ),
        ),
        "services__sessions",
        "services__accommodations",
        "services__documents",
        Prefetch("referrals", queryset=Referral.objects.select_related("partner")),
        Prefetch("documents", queryset=Document.objects.select_related("uploaded_by", "service")),
        Prefetch("risks", queryset=RiskFlag.objects.select_related("raised_by", "reviewed_by")),
        Prefetch("return_visits", queryset=ReturnVisit.objects.select_related("done_by")),
        Prefetch("return_visits__complaints", queryset=Complaint.objects.all()),
        Prefetch("complaints", queryset=Complaint.objects.select_related("return_visit")),
        Prefetch(
            "transfers",
            queryset=Transfer.objects.select_related(
                "actor", "from_federation__region", "to_federation__region"
            ),
        ),
    ]
