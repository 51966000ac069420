"""Scope-matrix rows for the case page and its actions (move, transfer, handler).

A lawyer sees only the cases they handle or serve: for a case of their region they do not
serve, the page answers 404, exactly as for a case outside the region."""

from django.urls import reverse

from accounts.roles import Capability, Role
from tests.cases.helpers import make_case
from tests.scope import Row, roles_with


def case_url(name: str):
    return lambda cast, code: reverse(name, args=[make_case(cast, code).pk])


VIEW = {**roles_with(Capability.CASE_VIEW), Role.LAWYER: 404}

ROWS: dict[str, Row] = {
    "cases:detail": Row(case_url("cases:detail"), VIEW, anonymous=302, is_object=True),
    "cases:transition": Row(
        case_url("cases:transition"),
        roles_with(Capability.CASE_EDIT, allowed=302),
        anonymous=302,
        is_object=True,
        method="post",
        data={"to_status": "accepted", "version": 1},
    ),
    "cases:transfer": Row(
        case_url("cases:transfer"), roles_with(Capability.CASE_EDIT), anonymous=302, is_object=True
    ),
    "cases:assign": Row(
        case_url("cases:assign"), roles_with(Capability.CASE_EDIT), anonymous=302, is_object=True
    ),
}
