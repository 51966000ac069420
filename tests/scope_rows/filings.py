"""Scope-matrix rows for filings. A filing is filed under the filing federation's region: the
levels above see it, a sibling does not."""

from django.urls import reverse

from accounts.roles import Capability
from tests.people.helpers import make_filing
from tests.scope import Row, roles_with

VIEW = roles_with(Capability.WORKSTATION_VIEW)
EDIT = roles_with(Capability.WORKSTATION_EDIT)
# Allowed roles are redirected back to the filing, decided or with the reason it was refused
# (a county clerk cannot decide its own filing; a city clerk decides its county's).
ACTION = roles_with(Capability.WORKSTATION_EDIT, allowed=302)


def filing_url(name: str):
    return lambda cast, code: reverse(name, args=[make_filing(cast, code).pk])


ROWS: dict[str, Row] = {
    "filings:list": Row(lambda cast, code: reverse("filings:list"), VIEW, anonymous=302),
    "filings:gaps": Row(lambda cast, code: reverse("filings:gaps"), VIEW, anonymous=302),
    "filings:submit": Row(lambda cast, code: reverse("filings:submit"), EDIT, anonymous=302),
    "filings:detail": Row(filing_url("filings:detail"), VIEW, anonymous=302, is_object=True),
    "filings:accept": Row(
        filing_url("filings:accept"), ACTION, anonymous=302, is_object=True, method="post"
    ),
    "filings:return": Row(
        filing_url("filings:return"),
        ACTION,
        anonymous=302,
        is_object=True,
        method="post",
        data={"reason": "电话号码有误"},
    ),
}
