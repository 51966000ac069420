"""Who is calling and from where, for the audit log, without passing requests to services."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    channel: str = "system"
    ip: str | None = None
    user_agent: str = ""
    request_id: str = ""


# RequestContext is frozen, so sharing one default instance is safe.
_context: ContextVar[RequestContext] = ContextVar(
    "lawstation_request",
    default=RequestContext(),  # noqa: B039
)


def current() -> RequestContext:
    return _context.get()


@contextmanager
def bind(context: RequestContext) -> Iterator[RequestContext]:
    token = _context.set(context)
    try:
        yield context
    finally:
        _context.reset(token)
