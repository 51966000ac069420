from django.http import HttpRequest


def scope(request: HttpRequest) -> dict:
    """The request's scope and membership (set once by ScopeMiddleware), for the layout."""
    return {
        "scope": getattr(request, "scope", None),
        "membership": getattr(request, "membership", None),
    }
