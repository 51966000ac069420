"""Builds the request's Scope once, from the user's membership, and activates it."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from accounts.roles import capabilities_for
from regions.scoping import Scope, activate


def scope_for_user(user: object) -> Scope | None:
    """The scope of an authenticated, active user with a membership; otherwise ``None``."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return None
    from accounts.selectors import membership_of

    membership = membership_of(user)
    if membership is None:
        return None
    region = membership.federation.region
    return Scope(
        region_code=region.code,
        level=region.level,
        capabilities=capabilities_for(membership.role),
        user_id=user.pk,
    )


class ScopeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        scope = scope_for_user(getattr(request, "user", None))
        request.scope = scope
        if scope is None:
            return self.get_response(request)
        with activate(scope):
            return self.get_response(request)
