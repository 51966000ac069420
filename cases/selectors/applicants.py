"""Reading applicants, always within a scope.

Applicant pages need ``case.view`` (clerks and leaders of the region and above). A lawyer
(``case.view_assigned``) reaches an applicant only through a case they serve, on the case pages.
Searching by an identifier is a read of personal data: it is audited with the number masked.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404

from audit.services import record
from cases import crypto, identifiers
from cases.models import Applicant, ApplicantLink
from regions.models import Federation
from regions.scoping import Scope, activate


def applicants_within(
    scope: Scope, *, federation: Federation | None = None, name: str = ""
) -> QuerySet[Applicant]:
    """Applicants inside the scope (optionally of one federation, or whose name contains
    ``name``), by name, with their federation: a page costs the same whatever its rows."""
    with activate(scope):
        applicants = Applicant.objects.select_related("federation")
    if federation is not None:
        applicants = applicants.filter(federation=federation)
    if name := (name or "").strip():
        applicants = applicants.filter(name__icontains=name)
    return applicants.order_by("name", "pk")


def applicant_in_scope_or_404(scope: Scope | None, pk: int | str) -> Applicant:
    """One applicant inside the scope; missing and out of scope give the same 404."""
    if scope is None:
        raise Http404
    with activate(scope):
        try:
            return Applicant.objects.select_related("federation__region").get(pk=pk)
        except (Applicant.DoesNotExist, ValueError, TypeError) as exc:
            raise Http404 from exc


def identifier_kind(raw: str) -> str:
    """``"certificate"`` for a 20- or 22-character number, else ``"id_number"``."""
    return "certificate" if len(identifiers.normalise(raw)) in (20, 22) else "id_number"


@transaction.atomic
def find_by_id_number(scope: Scope, raw: str, *, actor: Any = None) -> list[Applicant]:
    """Applicants inside the scope whose resident ID (or, for a 20/22-character number, whose
    disability certificate) is exactly ``raw``, normalised. Audited as ``applicant.searched``
    with the number masked, whatever the result."""
    number = identifiers.normalise(raw)
    kind = identifier_kind(number)
    with activate(scope):
        column = "certificate_hash" if kind == "certificate" else "id_number_hash"
        found = (
            list(
                Applicant.objects.select_related("federation")
                .filter(**{column: crypto.lookup_hash(kind, number)})
                .order_by("name", "pk")
            )
            if number
            else []
        )
    masked = (
        identifiers.mask_certificate(number)
        if kind == "certificate"
        else identifiers.mask_id_number(number)
    )
    record(
        "applicant.searched",
        None,
        actor=actor,
        changes={kind: [None, masked], "results": [None, len(found)]},
    )
    return found


def possible_duplicates(scope: Scope, applicant: Applicant) -> list[Applicant]:
    """Other applicants inside the scope that may be the same person: the same resident ID,
    the same certificate, or the same name and date of birth. Each carries ``is_linked``."""
    same = Q(pk__in=[])
    if applicant.id_number_hash:
        same |= Q(id_number_hash=applicant.id_number_hash)
    if applicant.certificate_hash:
        same |= Q(certificate_hash=applicant.certificate_hash)
    if applicant.birth_date:
        same |= Q(name=applicant.name, birth_date=applicant.birth_date)
    with activate(scope):
        candidates = list(
            Applicant.objects.filter(same)
            .exclude(pk=applicant.pk)
            .select_related("federation")
            .order_by("name", "pk")[:20]
        )
    linked = {other.pk for other in links_of(scope, applicant)}
    for candidate in candidates:
        candidate.is_linked = candidate.pk in linked
    return candidates


def links_of(scope: Scope, applicant: Applicant) -> list[Applicant]:
    """The applicants confirmed to be the same person as ``applicant`` (inside the scope)."""
    # A link is filed under one side's region; what decides visibility is whether the other
    # side lies inside the scope (``applicant`` itself already does).
    links = (
        ApplicantLink.all_objects.filter(Q(applicant=applicant) | Q(same_as=applicant))
        .select_related("applicant__federation", "same_as__federation")
        .order_by("linked_at", "pk")
    )
    others = []
    for link in links:
        other = link.same_as if link.applicant_id == applicant.pk else link.applicant
        if scope.covers(other):
            other.link_note = link.note
            others.append(other)
    return others
