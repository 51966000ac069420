"""A case with several of everything hanging off it, as plain rows (for the case page's query
count and for transfers, which must move every row)."""

from __future__ import annotations

from datetime import date
from itertools import count

from django.utils import timezone

from accounts.roles import Role
from cases.models import (
    Accommodation,
    Case,
    Complaint,
    Document,
    MediationSession,
    Referral,
    ReturnVisit,
    RiskFlag,
    Service,
    Transfer,
    Transition,
)
from people.models import Person
from regions.scoping import unscoped
from tests.factories import Cast
from tests.people.helpers import make_person

_serial = count(1)


def _filed(row, case: Case):
    row.province_code, row.city_code, row.county_code = (
        case.province_code,
        case.city_code,
        case.county_code,
    )
    row.save()
    return row


def fill_case(cast: Cast, case: Case, code: str, times: int = 1) -> None:
    """Add ``times`` of each kind of row to ``case`` (filed, like it, at ``code``)."""
    clerk = cast.user(code, Role.CLERK)
    now = timezone.now()
    with unscoped("test fixture"):
        provider = make_person(cast, code, kind=Person.Kind.LAWYER)
        for _ in range(times):
            n = next(_serial)
            _filed(
                Transition(case=case, from_status="", to_status="registered", at=now, actor=clerk),
                case,
            )
            service = _filed(
                Service(
                    case=case,
                    kind="mediation",
                    provider=provider,
                    provided_on=date(2026, 1, 5),
                    channel="in_person",
                ),
                case,
            )
            _filed(MediationSession(service=service, held_on=date(2026, 1, 6)), case)
            _filed(
                Accommodation(service=service, kind="sign_language", provided_on=date(2026, 1, 6)),
                case,
            )
            _filed(Referral(case=case, kind="legal_aid", prepared_at=now), case)
            _filed(
                Document(
                    case=case,
                    service=service,
                    category="evidence",
                    title=f"证据{n}",
                    original_name=f"evidence-{n}.pdf",
                    stored_name=f"stored-{n}-{case.pk}",
                    content_type="application/pdf",
                    size=10,
                    sha256="0" * 64,
                    uploaded_by=clerk,
                    uploaded_at=now,
                ),
                case,
            )
            _filed(
                RiskFlag(
                    case=case, kind="deadline", note="时效将届满", raised_at=now, raised_by=clerk
                ),
                case,
            )
            visit = _filed(ReturnVisit(case=case, due_on=date(2026, 3, 1), done_by=clerk), case)
            _filed(
                Complaint(
                    case=case, return_visit=visit, received_on=date(2026, 3, 1), content="慢"
                ),
                case,
            )
            _filed(
                Transfer(
                    case=case,
                    from_federation=cast.federations["340103"],
                    to_federation=case.federation,
                    consent_recorded_on=date(2026, 1, 1),
                    reason="申请人搬家",
                    at=now,
                    actor=clerk,
                ),
                case,
            )
