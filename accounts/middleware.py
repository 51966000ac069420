"""Absolute session lifetime: a session ends a fixed time after login, however active."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from accounts.signals import SESSION_LOGIN_AT
from audit.services import record


class SessionLifetimeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            login_at = request.session.get(SESSION_LOGIN_AT)
            if login_at is None or time.time() - login_at > settings.SESSION_ABSOLUTE_SECONDS:
                record("auth.session_expired", user, actor=user)
                logout(request)
                messages.info(request, _("Your session has ended. Please log in again."))
                return redirect(settings.LOGIN_URL)
        return self.get_response(request)
