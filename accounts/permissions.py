"""The one check of capabilities: every staff view declares what it needs."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from audit.services import record


def denied(request: HttpRequest, capability: str | tuple[str, ...]) -> HttpResponse | None:
    """The response refusing ``request``, or ``None`` when its scope has ``capability``.

    A tuple means any one of them (a case page: ``case.view`` or ``case.view_assigned``)."""
    scope = getattr(request, "scope", None)
    if scope is None:
        record("auth.no_membership", request.user, actor=request.user, outcome="failure")
        return render(request, "accounts/no_membership.html", status=403)
    wanted = capability if isinstance(capability, tuple) else (capability,)
    if capability and not any(scope.can(one) for one in wanted):
        record(
            "auth.permission_denied",
            request.user,
            actor=request.user,
            outcome="failure",
            changes={"capability": [None, " | ".join(wanted)], "path": [None, request.path]},
        )
        return render(request, "403.html", status=403)
    return None


class CapabilityRequiredMixin:
    """Class-based views set ``capability``; requests without it are refused."""

    capability: str = ""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if (refusal := denied(request, self.capability)) is not None:
            return refusal
        return super().dispatch(request, *args, **kwargs)


def requires(capability: str | tuple[str, ...]) -> Callable:
    """The same check for function views; a tuple admits any one of its capabilities."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if (refusal := denied(request, capability)) is not None:
                return refusal
            return view(request, *args, **kwargs)

        wrapper.capability = capability
        return wrapper

    return decorator
