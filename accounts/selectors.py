"""Reads of accounts."""

from __future__ import annotations

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.models import Membership, User
from regions.models import Federation, Region
from regions.scoping import Scope, activate, get_in_scope_or_404


def membership_of(user: User) -> Membership | None:
    """The user's membership with its federation and region, or ``None``.

    Not scoped: it is how the request's scope is found in the first place.
    """
    return Membership.all_objects.select_related("federation__region").filter(user=user).first()


def region_of(user: User | None) -> Region | None:
    """The region of the user's federation: where events about the user are filed."""
    membership = membership_of(user) if user is not None else None
    return membership.federation.region if membership else None


def members_within(scope: Scope) -> QuerySet[Membership]:
    """Memberships in the scope's region and below, with their users and regions."""
    with activate(scope):
        queryset = Membership.objects.all()
    return queryset.select_related("user", "federation__region").order_by(
        "federation__region_id", "user__username"
    )


def member_in_scope(scope: Scope | None, user_id: int) -> Membership:
    """One membership inside the scope, found by its user; 404 when missing or outside."""
    if scope is None:
        raise Http404
    with activate(scope):
        return get_in_scope_or_404(
            Membership.objects.select_related("user", "federation__region"), scope, user_id=user_id
        )


def locked_usernames(usernames: list[str]) -> set[str]:
    """Which of these usernames are locked out now (django-axes), in one query."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return set(
        AccessAttempt.objects.filter(
            username__in=usernames,
            failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
            attempt_time__gte=since,
        ).values_list("username", flat=True)
    )


def federations_within(scope: Scope) -> QuerySet[Federation]:
    return Federation.objects.filter(**scope.row_filter("region__")).select_related("region")
