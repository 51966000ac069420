"""Reads of accounts."""

from __future__ import annotations

from accounts.models import Membership, User


def membership_of(user: User) -> Membership | None:
    """The user's membership with its federation and region, or ``None``.

    Not scoped: it is how the request's scope is found in the first place.
    """
    return Membership.all_objects.select_related("federation__region").filter(user=user).first()
