"""Scope-matrix rows for the case list (being written)."""

from django.urls import reverse

from accounts.roles import Capability
from tests.scope import Row, roles_with

VIEW = {
    role: 200 if (ok or roles_with(Capability.CASE_VIEW_ASSIGNED)[role] == 200) else 403
    for role, ok in ((r, s == 200) for r, s in roles_with(Capability.CASE_VIEW).items())
}

ROWS: dict[str, Row] = {
    "cases:list": Row(lambda cast, code: reverse("cases:list"), VIEW, anonymous=302),
}
