"""The public workstation finder (``/stations/``) and each workstation's page
(``/stations/<code>/``, the address the notice-board poster's QR code points to).

No personal data: a browser may keep the pages a few minutes. They vary by language and by the
display cookie, and stay ``private`` because the layout carries the visitor's own CSRF token in
its language and display forms (as the portal's content pages do)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_GET

from portal.forms.stations import StationSearchForm
from portal.selectors.channels import channels_of
from portal.selectors.stations import (
    PARAMS,
    children_of,
    choose,
    provinces,
    search_stations,
    station_page,
    stations_in,
)
from regions.models import Region

MAX_AGE = 300


def _cacheable(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, private=True, max_age=MAX_AGE)
    patch_vary_headers(response, ("Cookie", "Accept-Language"))
    return response


def _url_or(name: str, fallback: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:
        return fallback


def region_url(region: Region) -> str:
    """The finder's step for ``region``: ``/stations/?city=340100`` and the like."""
    return f"{reverse('finder:index')}?{PARAMS[region.level]}={region.code}"


def help_url(code: str) -> str:
    """The online help form with the region chosen: ``/help/?region=<code>``."""
    return f"{_url_or('help:form', '/help/')}?region={code}"


@login_not_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """Find a workstation: province → city → county by GET steps, or by name or address."""
    choice = choose(
        province=request.GET.get("province", ""),
        city=request.GET.get("city", ""),
        county=request.GET.get("county", ""),
    )
    form = StationSearchForm(request.GET if "q" in request.GET else None)
    search = None
    if form.is_bound and form.is_valid() and form.cleaned_data["q"]:
        search = search_stations(form.cleaned_data["q"])
    region = choice.region
    context = {
        "choice": choice,
        "region": region,
        "provinces": provinces(),
        "trail": [(step, region_url(step)) for step in choice.trail],
        "children": [(child, region_url(child)) for child in children_of(region)] if region else [],
        "area": stations_in(region) if region else None,
        "form": form,
        "search": search,
    }
    return _cacheable(render(request, "portal/stations/index.html", context))


@login_not_required
@require_GET
def station(request: HttpRequest, code: str) -> HttpResponse:
    """One workstation's public page: its notice, channels, premises and next lawyer days."""
    page = station_page(code)
    if page is None:
        raise Http404
    context = {
        "page": page,
        "channels": channels_of(page.notice, help_url(code)),
        "help_url": help_url(code),
        "status_url": _url_or("help:status", "/status/"),
        "region_url": region_url(page.region),
    }
    return _cacheable(render(request, "portal/stations/station.html", context))
