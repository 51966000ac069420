"""The building blocks of the scope matrix: a Row per URL name, and helpers to state the
expected status per role. Rows live in tests/test_scope_matrix.py (the foundation's) and in
tests/scope_rows/<area>.py (one module per area, each defining ``ROWS``)."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from accounts.roles import CAPABILITIES, Role
from accounts.services import create_user
from audit.services import record
from tests.factories import PASSWORD, Cast

OWN, CHILD, SIBLING, PARENT = "own", "child", "sibling", "parent"
# A city member sees all four relations; a county member has no child region.
SUBJECTS = {
    "340100": {OWN: "340100", CHILD: "340102", SIBLING: "340200", PARENT: "340000"},
    "340102": {OWN: "340102", SIBLING: "340103", PARENT: "340100"},
}
ANONYMOUS = "anonymous"


@dataclass(frozen=True)
class Row:
    url: Callable[[Cast, str], str]
    # role → status for pages; for objects, the status when the object is in scope.
    expect: dict[str, int]
    anonymous: int
    is_object: bool = False
    method: str = "get"
    data: dict | None = None


def roles_with(capability: str, allowed: int = 200, refused: int = 403) -> dict[str, int]:
    return {role: allowed if capability in CAPABILITIES[role] else refused for role in Role.values}


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(Role.values, status)


def audit_entry_in(cast: Cast, code: str) -> str:
    entry = record(
        "seed.loaded", None, actor=None, region=cast.regions[code], changes={"matrix": [None, code]}
    )
    return reverse("audit:detail", args=[entry.pk])


def member_in(cast: Cast, code: str) -> int:
    """A fresh account in the region, so actions on it never disturb the cast."""
    user = create_user(
        f"target-{code}-{next(_serial)}",
        actor=None,
        password=PASSWORD,
        federation=cast.federations[code],
        role=Role.CLERK,
    )
    return user.pk


def user_url(name: str) -> Callable[[Cast, str], str]:
    return lambda cast, code: reverse(name, args=[member_in(cast, code)])


_serial = itertools.count()
