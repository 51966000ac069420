"""Scope-matrix rows for referrals (a case's referrals and the overdue list), and the plain-row
factory the referral tests share."""

from __future__ import annotations

from datetime import UTC, date, datetime

from django.urls import reverse

from accounts.roles import CAPABILITIES, Capability, Role
from cases.models import Case, Referral
from regions.scoping import unscoped
from tests.cases.helpers import make_case
from tests.factories import Cast
from tests.scope import Row, roles_with
from tests.scope_rows.partners import partner
from workstations.models import PartnerUnit

PREPARED_AT = datetime(2020, 1, 1, 2, 0, tzinfo=UTC)


def make_referral(
    cast: Cast,
    code: str,
    *,
    case: Case | None = None,
    kind: str = "legal_aid",
    status: str = "prepared",
    **fields,
) -> Referral:
    """A referral of a case (an accepted one, made here unless given) filed at ``code``."""
    case = case or make_case(cast, code, status="accepted")
    agency = fields.pop("partner", None) or partner(
        cast, code, kind=PartnerUnit.LEGAL_AID if kind == "legal_aid" else PartnerUnit.COURT
    )
    with unscoped("test fixture"):
        referral = Referral(
            case=case,
            kind=kind,
            status=status,
            partner=agency,
            prepared_at=PREPARED_AT,
            province_code=case.province_code,
            city_code=case.city_code,
            county_code=case.county_code,
            **fields,
        )
        referral.save()
    return referral


def referral_url(name: str, status: str = "prepared", **fields):
    def url(cast: Cast, code: str) -> str:
        referral = make_referral(cast, code, status=status, **fields)
        return reverse(name, args=[referral.case_id, referral.pk])

    return url


def new_url(cast: Cast, code: str) -> str:
    return reverse("referrals:new", args=[make_case(cast, code, status="accepted").pk])


def _case_page(role: str) -> int:
    capabilities = CAPABILITIES[role]
    if Capability.CASE_VIEW in capabilities:
        return 200
    if Capability.CASE_VIEW_ASSIGNED in capabilities:
        return 404  # a lawyer, on a case they neither handle nor serve
    return 403


CASE_VIEW = {role: _case_page(role) for role in Role.values}
LIST_VIEW = {role: 403 if status == 403 else 200 for role, status in CASE_VIEW.items()}
EDIT = roles_with(Capability.CASE_EDIT)
ACTION = roles_with(Capability.CASE_EDIT, allowed=302)
SENT = {"consented_on": date(2020, 1, 1), "sent_on": date(2020, 1, 2)}
ACCEPTED = {**SENT, "decided_on": date(2020, 1, 3), "assignment_due_on": date(2020, 1, 6)}


def post(url, data: dict) -> Row:
    return Row(url, ACTION, anonymous=302, is_object=True, method="post", data=data)


ROWS: dict[str, Row] = {
    "referrals:new": Row(new_url, EDIT, anonymous=302, is_object=True),
    "referrals:detail": Row(
        referral_url("referrals:detail"), CASE_VIEW, anonymous=302, is_object=True
    ),
    "referrals:letter": Row(
        referral_url("referrals:letter"), CASE_VIEW, anonymous=302, is_object=True
    ),
    "referrals:consent": post(
        referral_url("referrals:consent"), {"version": 1, "consented_on": "2020-01-01"}
    ),
    "referrals:send": post(
        referral_url("referrals:send", consented_on=date(2020, 1, 1)),
        {"version": 1, "sent_on": "2020-01-02"},
    ),
    "referrals:decision": post(
        referral_url("referrals:decision", status="sent", **SENT),
        {"version": 1, "accepted": "yes", "decided_on": "2020-01-03"},
    ),
    "referrals:assignment": post(
        referral_url("referrals:assignment", status="accepted", **ACCEPTED),
        {"version": 1, "accepted": "yes", "assigned_lawyer": "张律师", "assigned_on": "2020-01-04"},
    ),
    "referrals:withdraw": post(
        referral_url("referrals:withdraw"),
        {"version": 1, "withdrawn_on": "2020-01-02", "reason": "申请人撤回"},
    ),
    "referrals:outcome": post(
        referral_url("referrals:outcome", status="accepted", **ACCEPTED),
        {"version": 1, "concluded_on": "2020-01-09", "outcome": "已代理结案"},
    ),
    "referrals_overview:overdue": Row(
        lambda cast, code: reverse("referrals_overview:overdue"), LIST_VIEW, anonymous=302
    ),
}
