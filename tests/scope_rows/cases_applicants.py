"""Scope-matrix rows for the applicant pages."""

from django.urls import reverse

from accounts.roles import Capability
from tests.cases.identity import certificate, id_number, register
from tests.scope import Row, roles_with

_serial = iter(range(100, 1000))


def applicant_url(name: str):
    def url(cast, code):
        number = id_number(area=code, sequence=f"{next(_serial):03d}")
        applicant = register(cast, code, id_number=number, certificate_number=certificate(number))
        return reverse(name, args=[applicant.pk])

    return url


VIEW = roles_with(Capability.CASE_VIEW)
EDIT = roles_with(Capability.CASE_EDIT)

ROWS: dict[str, Row] = {
    "applicants:list": Row(lambda cast, code: reverse("applicants:list"), VIEW, anonymous=302),
    "applicants:new": Row(lambda cast, code: reverse("applicants:new"), EDIT, anonymous=302),
    "applicants:detail": Row(
        applicant_url("applicants:detail"), VIEW, anonymous=302, is_object=True
    ),
    "applicants:edit": Row(applicant_url("applicants:edit"), EDIT, anonymous=302, is_object=True),
    "applicants:reveal": Row(
        applicant_url("applicants:reveal"),
        roles_with(Capability.IDENTITY_REVEAL),
        anonymous=302,
        is_object=True,
        method="post",
        data={"which": "id_number"},
    ),
    "applicants:link": Row(
        applicant_url("applicants:link"),
        roles_with(Capability.CASE_EDIT, allowed=302),
        anonymous=302,
        is_object=True,
        method="post",
    ),
}
