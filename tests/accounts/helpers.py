"""Small helpers shared by the account tests: log-in attempts and audit look-ups."""

from __future__ import annotations

import re

from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from audit.models import AuditEntry

LOGIN_URL = "/accounts/login/"
ADDRESS = "192.0.2.10"


def attempt(
    client: Client, username: str, password: str, address: str = ADDRESS, **extra
) -> HttpResponse:
    """One POST to the real login form from ``address``."""
    return client.post(
        LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=address, **extra
    )


def entries(*actions: str) -> list[AuditEntry]:
    """Audit entries with these action codes, oldest first."""
    return list(AuditEntry.all_objects.filter(action__in=actions).order_by("id"))


def actions(*names: str) -> list[str]:
    return [entry.action for entry in entries(*names)]


def error_summary(response: HttpResponse) -> str:
    """The text of the form's error summary (raises when there is none)."""
    html = response.content.decode()
    start = html.index('class="error-summary"')
    return html[start : html.index("</div>", start)]


def staff_routes(resolver: URLResolver | None = None, prefix: str = "") -> list[str]:
    """Every URL under /staff/, with each path parameter filled with a plausible value."""
    routes: list[str] = []
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            routes += staff_routes(pattern, route)
        elif isinstance(pattern, URLPattern) and route.startswith("staff/"):
            routes.append("/" + fill(route))
    return routes


def fill(route: str) -> str:
    values = {"int": "1", "str": "340100", "slug": "audit"}
    return re.sub(r"<(?:(\w+):)?\w+>", lambda m: values[m[1] or "str"], route)
