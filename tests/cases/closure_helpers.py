"""Shared pieces of the risk, closure and follow-up tests."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from accounts.roles import Role, capabilities_for
from audit.models import AuditEntry
from cases.models import Case, Document, Service
from cases.services.closure import close_case
from cases.services.followups import record_return_visit
from people.models import Person
from regions.scoping import Scope, scope_for_region, unscoped
from tests.cases.helpers import make_case
from tests.factories import Cast


def scope_of(cast: Cast, code: str, role: str = Role.CLERK) -> Scope:
    user = cast.user(code, role)
    return scope_for_region(cast.regions[code], capabilities_for(role), user.pk)


def entries(action: str):
    return AuditEntry.all_objects.filter(action=action)


def served_case(cast: Cast, code: str = "340102", **fields) -> Case:
    return make_case(cast, code, status="in_service", **fields)


def closed_case(cast: Cast, code: str = "340102", **fields) -> Case:
    case = served_case(cast, code, **fields)
    return close_case(
        case,
        actor=cast.user(code, Role.CLERK),
        outcome="resolved",
        closing_summary="调解成功，单位支付工资",
        money_recovered=None,
    )


def add_service(cast: Cast, case: Case, kind: str = "consultation") -> Service:
    with unscoped("test fixture"):
        person = Person.objects.filter(federation=case.federation).first()
        if person is None:
            person = Person(
                federation=case.federation,
                name="李律师",
                kind="lawyer",
                licence_number="13401201010000001",
                active_from=timezone.localdate() - timedelta(days=400),
            )
            person.set_region(case.federation.region)
            person.save()
        return Service.objects.create(
            case=case,
            kind=kind,
            provider=person,
            provided_on=timezone.localdate(),
            channel="in_person",
            province_code=case.province_code,
            city_code=case.city_code,
            county_code=case.county_code,
        )


def add_document(case: Case, category: str, n: int = 0) -> Document:
    with unscoped("test fixture"):
        return Document.objects.create(
            case=case,
            category=category,
            title=f"材料{n}",
            original_name=f"file{n}.pdf",
            stored_name=f"{case.pk}-{category}-{n}",
            content_type="application/pdf",
            size=100,
            sha256="0" * 64,
            uploaded_at=timezone.now(),
            province_code=case.province_code,
            city_code=case.city_code,
            county_code=case.county_code,
        )


def complete_file(cast: Cast, code: str = "340102") -> Case:
    """A closed case whose file holds every required item."""
    case = served_case(cast, code)
    add_service(cast, case)
    add_document(case, "identity")
    add_document(case, "application", 1)
    case = close_case(
        case,
        actor=cast.user(code, Role.CLERK),
        outcome="resolved",
        closing_summary="调解成功",
    )
    visit = case.return_visits(manager="all_objects").get()
    record_return_visit(
        visit,
        actor=cast.user(code, Role.CLERK),
        done_on=timezone.localdate(),
        method="phone",
        satisfaction=5,
    )
    return Case.all_objects.get(pk=case.pk)
