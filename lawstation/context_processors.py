from django.http import HttpRequest


def scope(request: HttpRequest) -> dict:
    """The request's scope and membership (set once by ScopeMiddleware), for the layout."""
    return {
        "scope": getattr(request, "scope", None),
        "membership": getattr(request, "membership", None),
    }


# The reader's display modes (large text, high contrast): a cookie of dot-separated tokens set by
# the portal's display switch, so the choice persists without JavaScript and without an account.
DISPLAY_COOKIE = "ls_display"
DISPLAY_MODES = ("large", "contrast")


def display_modes(request: HttpRequest) -> frozenset[str]:
    raw = request.COOKIES.get(DISPLAY_COOKIE, "")
    return frozenset(token for token in raw.split(".") if token in DISPLAY_MODES)


def display(request: HttpRequest) -> dict:
    modes = display_modes(request)
    return {
        "display_modes": modes,
        "display_classes": " ".join(f"mode-{mode}" for mode in sorted(modes)),
    }
