"""Scope-matrix rows for the risk register and raising and reviewing risks."""

from django.urls import reverse

from accounts.roles import CAPABILITIES, Capability, Role
from cases.services.risks import raise_risk
from tests.cases.closure_helpers import served_case
from tests.scope import Row, roles_with

SEES_CASES = {Capability.CASE_VIEW, Capability.CASE_VIEW_ASSIGNED}
VIEW = {role: 200 if SEES_CASES & CAPABILITIES[role] else 403 for role in Role.values}


def raise_url(cast, code):
    return reverse("risks:raise", args=[served_case(cast, code).pk])


def review_url(cast, code):
    case = served_case(cast, code)
    flag = raise_risk(case, actor=cast.user(code, Role.CLERK), kind="deadline", note="时效")
    return reverse("risks:review", args=[flag.pk])


ROWS: dict[str, Row] = {
    "risks:register": Row(lambda cast, code: reverse("risks:register"), VIEW, anonymous=302),
    "risks:raise": Row(raise_url, roles_with(Capability.CASE_EDIT), anonymous=302, is_object=True),
    "risks:review": Row(
        review_url, roles_with(Capability.RISK_REVIEW), anonymous=302, is_object=True
    ),
}
