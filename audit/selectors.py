"""Reads of the audit log, always within a scope."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from audit.masking import mask_text
from audit.models import AuditEntry
from regions.scoping import Scope, activate, get_in_scope_or_404


@dataclass(frozen=True)
class AuditFilter:
    actor: str = ""
    action: str = ""
    target: str = ""
    outcome: str = ""
    date_from: date | None = None
    date_to: date | None = None


def entries_within(scope: Scope, filters: AuditFilter | None = None) -> QuerySet[AuditEntry]:
    """Audit entries filed under the scope's region or below, newest first."""
    filters = filters or AuditFilter()
    with activate(scope):
        queryset = AuditEntry.objects.all()
    if filters.actor:
        # Labels are stored masked (audit.services.record), so the search term is masked alike.
        queryset = queryset.filter(actor_label__iexact=mask_text(filters.actor.strip()))
    if filters.action:
        queryset = queryset.filter(action=filters.action)
    if filters.target:
        queryset = queryset.filter(target_label__icontains=filters.target.strip())
    if filters.outcome:
        queryset = queryset.filter(outcome=filters.outcome)
    tz = timezone.get_current_timezone()
    if filters.date_from:
        queryset = queryset.filter(at__gte=datetime.combine(filters.date_from, time.min, tz))
    if filters.date_to:
        end = datetime.combine(filters.date_to + timedelta(days=1), time.min, tz)
        queryset = queryset.filter(at__lt=end)
    return queryset.order_by("-id")


def entry_in_scope(scope: Scope, pk: int) -> AuditEntry:
    """One entry inside the scope; 404 when missing or outside it."""
    if scope is None:
        raise Http404
    with activate(scope):
        return get_in_scope_or_404(AuditEntry.objects.select_related("actor"), scope, pk=pk)
