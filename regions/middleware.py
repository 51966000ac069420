"""Builds the request's Scope once, from the user's membership, and activates it."""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from accounts.roles import capabilities_for
from regions.scoping import Scope, activate


def scope_for_membership(membership: Any) -> Scope | None:
    """The scope a membership grants, or ``None`` without one."""
    if membership is None:
        return None
    region = membership.federation.region
    return Scope(
        region_code=region.code,
        level=region.level,
        capabilities=capabilities_for(membership.role),
        user_id=membership.user_id,
    )


class ScopeMiddleware:
    """Sets ``request.membership`` and ``request.scope`` (``None`` for anonymous users, disabled
    accounts and accounts without a membership) and activates the scope for the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from accounts.selectors import membership_of

        user = getattr(request, "user", None)
        active = getattr(user, "is_authenticated", False) and getattr(user, "is_active", False)
        request.membership = membership_of(user) if active else None
        request.scope = scope_for_membership(request.membership)
        if request.scope is None:
            return self.get_response(request)
        with activate(request.scope):
            return self.get_response(request)
