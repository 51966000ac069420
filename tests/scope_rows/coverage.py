"""Scope-matrix rows for the coverage table: a page of the user's own scope, not an object."""

from django.urls import reverse

from accounts.roles import Capability
from tests.scope import Row, roles_with

ROWS: dict[str, Row] = {
    "coverage:table": Row(
        lambda cast, code: reverse("coverage:table"),
        roles_with(Capability.WORKSTATION_VIEW),
        anonymous=302,
    ),
}
