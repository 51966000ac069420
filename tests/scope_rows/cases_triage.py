"""Scope-matrix rows for triage and the province's case policy.

Triage needs ``case.edit`` (clerks); a lawyer has no ``case.edit`` and gets 403 before any case
is read. The policy is read by everyone with ``case.view``; only a province-level clerk edits
it, so every member of the matrix's city and county federations gets 403 there."""

from django.urls import reverse

from accounts.roles import Capability
from tests.cases.helpers import make_case
from tests.scope import Row, everyone, roles_with


def case_url(name: str):
    return lambda cast, code: reverse(name, args=[make_case(cast, code).pk])


EDIT = roles_with(Capability.CASE_EDIT)

ROWS: dict[str, Row] = {
    "triage:page": Row(case_url("triage:page"), EDIT, anonymous=302, is_object=True),
    # An empty decision re-renders the page with the error (200); nothing is saved.
    "triage:decide": Row(
        case_url("triage:decide"),
        EDIT,
        anonymous=302,
        is_object=True,
        method="post",
        data={"decision": ""},
    ),
    "case_policy:detail": Row(
        lambda cast, code: reverse("case_policy:detail"),
        roles_with(Capability.CASE_VIEW),
        anonymous=302,
    ),
    "case_policy:edit": Row(
        lambda cast, code: reverse("case_policy:edit"), everyone(403), anonymous=302
    ),
}
