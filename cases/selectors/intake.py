"""Reads for the counter: requests for help, applicants to pick, federations to transfer to."""

from __future__ import annotations

import re
from typing import Any

from django.db.models import Case as Switch
from django.db.models import IntegerField, QuerySet, Value, When
from django.http import Http404

from cases import identifiers
from cases.models import Applicant, Case, Intake
from cases.selectors.applicants import find_by_id_number
from regions.models import Federation
from regions.scoping import Scope, activate, get_in_scope_or_404
from workstations.models import Workstation

SEARCH_LIMIT = 20
# A resident ID number, or a disability certificate number (the ID, category, grade, suffix).
IDENTIFIER = re.compile(r"[0-9]{17}[0-9X](?:[1-7][1-4](?:B[1-8])?)?")


def intakes_within(scope: Scope) -> QuerySet[Intake]:
    """Requests received in the scope's region and below: pending ones first, newest first."""
    with activate(scope):
        intakes = Intake.objects.select_related("federation", "applicant", "received_by", "case")
    pending_first = Switch(
        When(outcome=Intake.Outcome.PENDING, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return intakes.annotate(pending_first=pending_first).order_by(
        "pending_first", "-received_at", "-pk"
    )


def intake_in_scope_or_404(scope: Scope | None, pk: int | str) -> Intake:
    """One request inside the scope; missing and out of scope both give 404."""
    if scope is None:
        raise Http404
    with activate(scope):
        queryset = Intake.objects.select_related(
            "federation__region", "applicant", "received_by", "case"
        )
    return get_in_scope_or_404(queryset, scope, pk=pk)


def applicants_matching(scope: Scope, query: str, *, actor: Any = None) -> list[Applicant]:
    """Applicants inside the scope: by resident ID or certificate number when ``query`` is one
    (exact match, audited as a search), else whose name contains it (at most
    ``SEARCH_LIMIT``)."""
    query = (query or "").strip()
    if not query:
        return []
    if IDENTIFIER.fullmatch(identifiers.normalise(query)):
        return find_by_id_number(scope, query, actor=actor)
    with activate(scope):
        return list(
            Applicant.objects.filter(name__icontains=query)
            .select_related("federation")
            .order_by("name", "pk")[:SEARCH_LIMIT]
        )


def applicant_in_scope(scope: Scope, pk: int | str | None) -> Applicant | None:
    """The applicant ``pk`` when the scope may see it, else ``None``."""
    if not pk:
        return None
    with activate(scope):
        try:
            return Applicant.objects.select_related("federation").get(pk=pk)
        except (Applicant.DoesNotExist, ValueError, TypeError):
            return None


def transfer_destinations(case: Case) -> QuerySet[Federation]:
    """Federations of the case's province with an established workstation, except its own."""
    return (
        Federation.objects.filter(
            region__province_code=case.province_code,
            workstation__status=Workstation.Status.ESTABLISHED,
        )
        .exclude(pk=case.federation_id)
        .select_related("region")
        .order_by("region__code")
    )
