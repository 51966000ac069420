"""Project-wide middleware."""

import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render

from lawstation import request_context
from lawstation.http import NO_STORE_ATTRIBUTE, apply_no_store


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


class NoStoreMiddleware:
    """``Cache-Control: no-store`` on every page that may carry personal data: every response to
    a signed-in user, and every response of a view marked ``lawstation.http.no_store`` (the
    public help form, its receipt and the status lookup). Listed early, so it has the last word
    on the way out."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if getattr(request, "no_store", False) or (user is not None and user.is_authenticated):
            apply_no_store(response)
        return response

    def process_view(self, request: HttpRequest, view_func: Callable, view_args, view_kwargs):
        if getattr(view_func, NO_STORE_ATTRIBUTE, False):
            request.no_store = True
