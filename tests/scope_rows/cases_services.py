"""Scope-matrix rows for the services on a case. A lawyer who does not serve the case gets 404,
like a case outside the region."""

from django.urls import reverse

from accounts.roles import Capability, Role
from cases.models import Service
from tests.cases.provision_helpers import make_service, open_case
from tests.scope import Row, roles_with

VIEW = {
    role: 200 if ok or role == Role.LAWYER else 403
    for role, ok in ((r, s == 200) for r, s in roles_with(Capability.CASE_VIEW).items())
}
RECORD = roles_with(Capability.SERVICE_RECORD)
# The cast's lawyers serve none of these cases.
VIEW[Role.LAWYER] = RECORD[Role.LAWYER] = 404


def service_url(name: str, kind: str = Service.Kind.CONSULTATION):
    def url(cast, code):
        service = make_service(cast, code, kind=kind)
        return reverse(name, args=[service.case_id, service.pk])

    return url


ROWS: dict[str, Row] = {
    "case_services:new": Row(
        lambda cast, code: reverse("case_services:new", args=[open_case(cast, code).pk]),
        RECORD,
        anonymous=302,
        is_object=True,
    ),
    "case_services:detail": Row(
        service_url("case_services:detail"), VIEW, anonymous=302, is_object=True
    ),
    "case_services:edit": Row(
        service_url("case_services:edit"), RECORD, anonymous=302, is_object=True
    ),
    "case_services:add_session": Row(
        service_url("case_services:add_session", Service.Kind.MEDIATION),
        RECORD,
        anonymous=302,
        is_object=True,
    ),
    "case_services:add_accommodation": Row(
        service_url("case_services:add_accommodation"), RECORD, anonymous=302, is_object=True
    ),
    "case_services:draft": Row(
        service_url("case_services:draft", Service.Kind.DRAFTING),
        RECORD,
        anonymous=302,
        is_object=True,
    ),
}
