"""Reads of on-site duty days, always within a scope."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from people.models import Person
from regions.scoping import Scope, activate, get_in_scope_or_404
from workstations.duty_rules import Month, monthly_duty_met, shift_month
from workstations.models import DutyDay, Workstation


def duty_days_in_month(scope: Scope, workstation: Workstation, month: Month) -> QuerySet[DutyDay]:
    """The roster of ``month``: every scheduled day with its person and who checked it in."""
    first, after = _bounds(month, month)
    with activate(scope):
        days = DutyDay.objects.filter(workstation=workstation, day__gte=first, day__lt=after)
    return days.select_related("person", "checked_in_by").order_by("day", "starts_at", "id")


def duty_met_by_month(
    scope: Scope, workstation: Workstation, months: list[Month]
) -> dict[Month, bool]:
    """Whether at least one duty day was held (checked in) in each of ``months``: one query
    counting checked-in days per month, then the rule."""
    if not months:
        return {}
    first, after = _bounds(min(months), max(months))
    with activate(scope):
        held = DutyDay.objects.filter(
            workstation=workstation,
            checked_in_at__isnull=False,
            day__gte=first,
            day__lt=after,
        )
    counts = (
        held.order_by()
        .annotate(month=TruncMonth("day"))
        .values("month")
        .annotate(held=Count("id"))
        .values_list("month", "held")
    )
    return monthly_duty_met((month for month, n in counts if n), months)


def duty_day_in_scope(scope: Scope | None, workstation: Workstation, pk: int) -> DutyDay:
    """One duty day of ``workstation`` inside the scope; 404 otherwise."""
    return get_in_scope_or_404(
        DutyDay.objects.select_related("person", "workstation__federation"),
        scope,
        workstation=workstation,
        pk=pk,
    )


def providers_of(scope: Scope, workstation: Workstation) -> QuerySet[Person]:
    """Lawyers, legal workers and other providers of the workstation's federation who are active
    today or will be: who can be put on the roster."""
    today = timezone.localdate()
    with activate(scope):
        people = Person.objects.filter(federation_id=workstation.federation_id)
    return (
        people.exclude(kind=Person.Kind.STAFF)
        .filter(Q(active_until__isnull=True) | Q(active_until__gte=today))
        .order_by("name", "id")
    )


def _bounds(first: Month, last: Month) -> tuple[date, date]:
    """The first day of ``first`` and the first day after ``last``."""
    after = shift_month(last, 1)
    return date(first[0], first[1], 1), date(after[0], after[1], 1)
