"""Scope-matrix rows for closing, archiving, return visits and complaints of a case.

Every page needs case.edit; lawyers (no case.edit) get 403, out-of-scope cases 404."""

from django.urls import reverse
from django.utils import timezone

from accounts.roles import Capability, Role
from cases.models import ReturnVisit
from cases.services.followups import record_complaint
from tests.cases.closure_helpers import closed_case, served_case
from tests.scope import Row, roles_with

EDIT = roles_with(Capability.CASE_EDIT)


def case_url(name: str, make=served_case):
    return lambda cast, code: reverse(name, args=[make(cast, code).pk])


def visit_url(cast, code):
    case = closed_case(cast, code)
    visit = ReturnVisit.all_objects.get(case=case)
    return reverse("closure:visit_record", args=[case.pk, visit.pk])


def complaint_url(cast, code):
    case = closed_case(cast, code)
    complaint = record_complaint(
        case, actor=cast.user(code, Role.CLERK), received_on=timezone.localdate(), content="投诉"
    )
    return reverse("closure:complaint_resolve", args=[case.pk, complaint.pk])


ROWS: dict[str, Row] = {
    "closure:close": Row(case_url("closure:close"), EDIT, anonymous=302, is_object=True),
    "closure:archive": Row(
        case_url("closure:archive", closed_case), EDIT, anonymous=302, is_object=True
    ),
    "closure:visit_schedule": Row(
        case_url("closure:visit_schedule", closed_case), EDIT, anonymous=302, is_object=True
    ),
    "closure:visit_record": Row(visit_url, EDIT, anonymous=302, is_object=True),
    "closure:complaint_new": Row(
        case_url("closure:complaint_new", closed_case), EDIT, anonymous=302, is_object=True
    ),
    "closure:complaint_resolve": Row(complaint_url, EDIT, anonymous=302, is_object=True),
}
