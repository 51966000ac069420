"""Reads of filings, always within a scope.

A filing is filed under the filing federation's region, so the level above (and the levels
above that) see it through the ordinary scope; a sibling never does."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import (
    Case,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.http import Http404
from django.utils import timezone

from regions.models import Federation
from regions.scoping import Scope, activate, get_in_scope_or_404
from workstations.models import Filing

RELATED = ("federation__region", "filed_with__region", "person", "submitted_by", "decided_by")


def federation_above(federation: Federation) -> Federation | None:
    """The federation of the parent region (where ``federation`` files), or ``None``."""
    if federation.region.parent_id is None:
        return None
    return Federation.objects.filter(region_id=federation.region.parent_id).first()


def filings_of(scope: Scope, federation: Federation) -> QuerySet[Filing]:
    """Filings submitted by ``federation`` or received by it, pending first, newest next."""
    with activate(scope):
        filings = Filing.objects.filter(Q(federation=federation) | Q(filed_with=federation))
    pending_first = Case(
        When(status=Filing.Status.SUBMITTED, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return (
        filings.select_related(*RELATED)
        .annotate(pending_first=pending_first)
        .order_by("pending_first", "-submitted_at", "-id")
    )


def filing_in_scope(scope: Scope | None, pk: int) -> Filing:
    """One filing inside the scope; 404 when missing or outside it."""
    if scope is None:
        raise Http404
    with activate(scope):
        filings = Filing.objects.select_related(*RELATED)
    return get_in_scope_or_404(filings, scope, pk=pk)


def versions_of(scope: Scope, filing: Filing) -> QuerySet[Filing]:
    """Every version of the same federation's filing, newest first."""
    with activate(scope):
        filings = Filing.objects.filter(federation_id=filing.federation_id)
    return filings.select_related("person", "submitted_by", "decided_by").order_by("-number")


@dataclass(frozen=True)
class FilingGap:
    federation: Federation
    person_name: str | None
    person_left_on: date | None
    has_pending: bool

    @property
    def never_accepted(self) -> bool:
        return self.person_name is None


def filing_gaps(scope: Scope, federation: Federation) -> list[FilingGap]:
    """The federations one level below ``federation`` with no accepted filing, or whose latest
    accepted filing names a person who has left. One query."""
    today = timezone.localdate()
    with activate(scope):
        accepted = Filing.objects.filter(
            federation=OuterRef("pk"), status=Filing.Status.ACCEPTED
        ).order_by("-number")
        pending = Filing.objects.filter(federation=OuterRef("pk"), status=Filing.Status.SUBMITTED)
    below = (
        Federation.objects.filter(
            region__parent_id=federation.region_id, **scope.row_filter("region__")
        )
        .select_related("region")
        .annotate(
            person_name=Subquery(accepted.values("person__name")[:1]),
            person_left_on=Subquery(accepted.values("person__active_until")[:1]),
            has_pending=Exists(pending),
        )
        .filter(Q(person_name__isnull=True) | Q(person_left_on__lt=today))
        .order_by("region_id")
    )
    return [
        FilingGap(
            federation=row,
            person_name=row.person_name,
            person_left_on=row.person_left_on,
            has_pending=row.has_pending,
        )
        for row in below
    ]
