"""Scope-matrix rows for the staff inbox of online requests for help (issue 5)."""

from django.urls import reverse

from accounts.roles import Capability
from tests.portal.inbox_helpers import make_help_request
from tests.scope import Row, roles_with


def request_url(name: str):
    return lambda cast, code: reverse(name, args=[make_help_request(cast, code).pk])


ROWS: dict[str, Row] = {
    "webrequests:list": Row(
        lambda cast, code: reverse("webrequests:list"),
        roles_with(Capability.CASE_VIEW),
        anonymous=302,
    ),
    "webrequests:detail": Row(
        request_url("webrequests:detail"),
        roles_with(Capability.CASE_VIEW),
        anonymous=302,
        is_object=True,
    ),
    "webrequests:take_up": Row(
        request_url("webrequests:take_up"),
        roles_with(Capability.CASE_EDIT, allowed=302),
        anonymous=302,
        is_object=True,
        method="post",
        data={"version": 1},
    ),
    # No applicant chosen: the page comes back with the error (nothing registered).
    "webrequests:register": Row(
        request_url("webrequests:register"),
        roles_with(Capability.CASE_EDIT),
        anonymous=302,
        is_object=True,
        method="post",
        data={"version": 1, "matter_category": "employment"},
    ),
    "webrequests:decline": Row(
        request_url("webrequests:decline"),
        roles_with(Capability.CASE_EDIT, allowed=302),
        anonymous=302,
        is_object=True,
        method="post",
        data={"version": 1, "reason": "duplicate"},
    ),
}
