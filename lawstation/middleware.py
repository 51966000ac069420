"""Project-wide middleware."""

import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

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
