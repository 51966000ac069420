"""The portal's content pages (/, easy read, accessibility) and the display switch (issue 5).

The content pages carry nothing personal: a browser may keep them a few minutes. They vary by the
language and the display cookie, so they say so (Vary), and they stay ``private`` because every
page carries the visitor's own CSRF token in its language and display forms."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from lawstation.context_processors import DISPLAY_COOKIE, DISPLAY_MODES, display_modes

CONTENT_MAX_AGE = 300
DISPLAY_COOKIE_AGE = 365 * 24 * 60 * 60


def _content_page(request: HttpRequest, template: str) -> HttpResponse:
    response = render(request, template)
    patch_cache_control(response, private=True, max_age=CONTENT_MAX_AGE)
    patch_vary_headers(response, ("Cookie", "Accept-Language"))
    return response


@login_not_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """What legal assistance is, who can get it, the six services, referral, how to get in touch."""
    return _content_page(request, "portal/home.html")


@login_not_required
@require_GET
def easy_read(request: HttpRequest) -> HttpResponse:
    """The front page's content in easy-read style."""
    return _content_page(request, "portal/easy_read.html")


@login_not_required
@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement and how to use the site with assistive technology."""
    return _content_page(request, "portal/accessibility.html")


def chosen_modes(current: frozenset[str], posted: dict[str, str]) -> frozenset[str]:
    """The display modes after a press: ``posted`` holds ``<mode>=on|off`` for the pressed
    button(s); anything else (unknown modes or values) leaves the current choice as it is."""
    modes = set(current)
    for mode in DISPLAY_MODES:
        value = posted.get(mode)
        if value == "on":
            modes.add(mode)
        elif value == "off":
            modes.discard(mode)
    return frozenset(modes)


def safe_next(request: HttpRequest) -> str:
    """The posted ``next`` when it stays on this site, else the front page."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("portal:home")


@login_not_required
@require_POST
def display(request: HttpRequest) -> HttpResponse:
    """Turns large text or high contrast on or off; remembered for a year in a cookie; works
    without JavaScript (a plain form post, then back to the page it came from)."""
    modes = chosen_modes(display_modes(request), request.POST.dict())
    response = HttpResponseRedirect(safe_next(request))
    if modes:
        response.set_cookie(
            DISPLAY_COOKIE,
            ".".join(sorted(modes)),
            max_age=DISPLAY_COOKIE_AGE,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
        )
    else:
        response.delete_cookie(DISPLAY_COOKIE, samesite="Lax")
    return response
