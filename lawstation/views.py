"""Project-level views: staff home, health check, error pages."""

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.permissions import requires
from accounts.roles import Capability
from regions.selectors import federation_overview
from stats.selectors.dashboard import open_work
from stats.selectors.dashboard_overview import overview_of, shows_overview


@never_cache
@requires(Capability.REGION_VIEW)
def home(request: HttpRequest) -> HttpResponse:
    """The user's dashboard: their open work, a leader's overview of the region, who they are,
    their federation and the regions below it."""
    scope, today = request.scope, timezone.localdate()
    regions = federation_overview(scope)
    return render(
        request,
        "home.html",
        {
            "overview": regions,
            "work": open_work(scope, request.membership.federation, today=today),
            "summary": overview_of(scope, regions.region, today=today)
            if shows_overview(scope)
            else None,
        },
    )


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@login_not_required
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "csrf_failure.html", status=403)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
