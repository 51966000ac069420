"""Reads of people and engagements, always within a scope."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from people.models import Engagement, Person
from regions.models import Federation
from regions.scoping import Scope, activate, get_in_scope_or_404
from workstations.models import Workstation


def people_of(scope: Scope, federation: Federation, kind: str = "") -> QuerySet[Person]:
    """The staff and providers of ``federation`` (inside the scope), each with its current
    engagements prefetched as ``current_engagements``; optionally only one kind."""
    today = timezone.localdate()
    with activate(scope):
        people = Person.objects.filter(federation=federation)
        current = Engagement.objects.filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=today), starts_on__lte=today
        )
    if kind:
        people = people.filter(kind=kind)
    return people.prefetch_related(
        Prefetch(
            "engagements",
            queryset=current.select_related("workstation"),
            to_attr="current_engagements",
        )
    ).order_by("name", "id")


def person_in_scope(scope: Scope | None, federation: Federation, pk: int) -> Person:
    """One person of ``federation`` inside the scope, with their engagements; 404 otherwise."""
    if scope is None:
        raise Http404
    with activate(scope):
        engagements = Engagement.objects.select_related("workstation").order_by("-starts_on")
        queryset = Person.objects.select_related("federation__region").prefetch_related(
            Prefetch("engagements", queryset=engagements)
        )
    return get_in_scope_or_404(queryset, scope, federation=federation, pk=pk)


def engagement_in_scope(scope: Scope | None, person: Person, pk: int) -> Engagement:
    """One engagement of ``person`` inside the scope; 404 otherwise."""
    return get_in_scope_or_404(Engagement, scope, person=person, pk=pk)


def workstation_of(scope: Scope, federation: Federation) -> Workstation | None:
    """The federation's workstation, or ``None`` when it has none (or it lies outside)."""
    with activate(scope):
        return Workstation.objects.filter(federation=federation).first()


def active_people_of(scope: Scope, federation: Federation) -> QuerySet[Person]:
    """People of ``federation`` active today: who can be filed as daily-management person."""
    today = timezone.localdate()
    with activate(scope):
        people = Person.objects.filter(federation=federation, active_from__lte=today)
    return people.filter(Q(active_until__isnull=True) | Q(active_until__gte=today)).order_by(
        "name", "id"
    )


def lawyer_accounts(federation: Federation) -> QuerySet[User]:
    """Active staff accounts with the lawyer role in ``federation``: who a person can be linked
    to (accounts are not region data; the membership join keeps them to the federation)."""
    return User.objects.filter(
        membership__federation=federation, membership__role=Role.LAWYER, is_active=True
    ).order_by("username")
