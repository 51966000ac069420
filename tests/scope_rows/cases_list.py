"""Scope-matrix rows for the case list.

The list is a page, not an object: every role that may see cases (``case.view``, or a lawyer's
``case.view_assigned``) gets 200 with the cases of its own scope; other roles get 403. Which
cases each scope sees (own region and below, a lawyer only their cases) is tested in
tests/cases/test_lists.py."""

from django.urls import reverse

from accounts.roles import CAPABILITIES, Capability, Role
from tests.scope import Row

CAN_LIST = {Capability.CASE_VIEW, Capability.CASE_VIEW_ASSIGNED}
VIEW = {role: 200 if CAN_LIST & CAPABILITIES[role] else 403 for role in Role.values}

ROWS: dict[str, Row] = {
    "cases:list": Row(lambda cast, code: reverse("cases:list"), VIEW, anonymous=302),
}
