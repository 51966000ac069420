"""HTTP helpers shared by every app: marking a view's responses as never to be stored."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpResponse

NO_STORE_ATTRIBUTE = "no_store"


def no_store(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Marks ``view`` as showing personal data: NoStoreMiddleware sends ``Cache-Control: no-store``
    on every response it gives, to anyone (the public help form and status lookup too)."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> HttpResponse:
        return apply_no_store(view(*args, **kwargs))

    setattr(wrapper, NO_STORE_ATTRIBUTE, True)
    return wrapper


def apply_no_store(response: HttpResponse) -> HttpResponse:
    """Sets the headers that keep ``response`` out of every cache (browser, proxy, back button)."""
    response["Cache-Control"] = "no-store"
    response["Pragma"] = "no-cache"
    if "Expires" in response:
        del response["Expires"]
    return response
