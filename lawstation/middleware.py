"""Project-wide middleware."""

import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render

from lawstation import request_context


class RequestContextMiddleware:
    """Binds the request id, address and user agent for the audit log; sets X-Request-ID."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = uuid.uuid4().hex
        request.request_id = request_id
        context = request_context.RequestContext(
            channel="web",
            # Behind a trusted proxy, TrustedProxyMiddleware has put the client's address here.
            ip=request.META.get("REMOTE_ADDR") or None,
            user_agent=request.META.get("HTTP_USER_AGENT", "")[:256],
            request_id=request_id,
        )
        with request_context.bind(context):
            response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response


class RejectNullBytesMiddleware:
    """Answers 400 to a query or form carrying a NUL byte: no field of ours accepts one, and
    PostgreSQL would refuse it with an error deep inside a query."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            "\x00" in request.path
            or _has_nul(request.GET)
            or (request.method == "POST" and _has_nul(request.POST))
        ):
            return render(request, "400.html", status=400)
        return self.get_response(request)


def _has_nul(data: QueryDict) -> bool:
    return any("\x00" in key or any("\x00" in value for value in data.getlist(key)) for key in data)
