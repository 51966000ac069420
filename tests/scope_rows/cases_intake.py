"""Scope-matrix rows for the counter: requests for help and their decisions."""

from django.urls import reverse

from accounts.roles import Capability
from tests.cases.intake_helpers import make_intake
from tests.scope import Row, roles_with


def intake_url(name: str):
    return lambda cast, code: reverse(name, args=[make_intake(cast, code).pk])


ROWS: dict[str, Row] = {
    "intake:list": Row(
        lambda cast, code: reverse("intake:list"), roles_with(Capability.CASE_VIEW), anonymous=302
    ),
    "intake:new": Row(
        lambda cast, code: reverse("intake:new"), roles_with(Capability.CASE_EDIT), anonymous=302
    ),
    "intake:detail": Row(
        intake_url("intake:detail"), roles_with(Capability.CASE_VIEW), anonymous=302, is_object=True
    ),
    "intake:consultation": Row(
        intake_url("intake:consultation"),
        roles_with(Capability.CASE_EDIT, allowed=302),
        anonymous=302,
        is_object=True,
        method="post",
        data={"answer": "已当场解答。"},
    ),
    # No applicant chosen: the page comes back with the error (nothing registered).
    "intake:register": Row(
        intake_url("intake:register"),
        roles_with(Capability.CASE_EDIT),
        anonymous=302,
        is_object=True,
        method="post",
        data={"matter": "欠薪", "matter_category": "employment"},
    ),
}
