"""Scope-matrix rows for the statistics page (issue 7): the report form of ``?region=<code>``
for a period; a region outside the scope is a 404, like a missing one."""

from django.urls import reverse

from accounts.roles import Capability
from tests.scope import Row, roles_with

ROWS: dict[str, Row] = {
    "statistics:form": Row(
        lambda cast, code: reverse("statistics:form") + f"?region={code}&period=2026-Q3",
        roles_with(Capability.STATISTICS_VIEW),
        anonymous=302,
        is_object=True,
    ),
}
