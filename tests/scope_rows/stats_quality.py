"""Scope-matrix rows for the data-quality list (issue 7, item 3): an object of a region
(``?region=<code>``); a region outside the scope is a 404, like a missing one."""

from django.urls import reverse

from accounts.roles import Capability
from tests.scope import Row, roles_with

ROWS: dict[str, Row] = {
    "quality:list": Row(
        lambda cast, code: reverse("quality:list") + f"?region={code}&period=2025",
        roles_with(Capability.STATISTICS_VIEW),
        anonymous=302,
        is_object=True,
    ),
}
