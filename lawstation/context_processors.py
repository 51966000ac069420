from django.http import HttpRequest


def scope(request: HttpRequest) -> dict:
    """The request's scope and membership, for the layout's header and navigation."""
    user = getattr(request, "user", None)
    membership = None
    if user is not None and user.is_authenticated:
        membership = getattr(user, "membership", None) if hasattr(user, "membership") else None
    return {"scope": getattr(request, "scope", None), "membership": membership}
