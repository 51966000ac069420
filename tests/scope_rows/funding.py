"""Scope-matrix rows for funding, and the small factories the funding, duty and partner tests
share (rows written directly: the workstation and people services belong to other areas)."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from accounts.roles import Capability
from people.models import Person
from tests.factories import Cast
from tests.scope import Row, roles_with
from workstations.models import Budget, Workstation

_serial = itertools.count(1)
LAST_YEAR = timezone.localdate().year - 1


def station(cast: Cast, code: str) -> Workstation:
    """The workstation of ``code``'s federation, created when it has none."""
    federation = cast.federations[code]
    existing = Workstation.all_objects.filter(federation=federation).first()
    if existing is not None:
        return existing
    workstation = Workstation(
        federation=federation,
        name=f"{federation.name}法律救助工作站",
        status=Workstation.Status.ESTABLISHED,
    )
    workstation.set_region(federation.region)
    workstation.save()
    return workstation


def person(cast: Cast, code: str, kind: str = Person.Kind.LAWYER, **fields) -> Person:
    """A person of ``code``'s federation, active since 2019."""
    n = next(_serial)
    values = {
        "name": f"测试人员{n}",
        "kind": kind,
        "active_from": date(2019, 1, 1),
        "licence_number": f"1340120191{n:07d}" if kind == Person.Kind.LAWYER else "",
        **fields,
    }
    row = Person(federation=cast.federations[code], **values)
    row.set_region(cast.regions[code])
    row.save()
    return row


def budget(cast: Cast, code: str, year: int = LAST_YEAR, amount: str = "1000") -> Budget:
    workstation = station(cast, code)
    row = Budget(
        workstation=workstation, year=year, source=Budget.Source.FISCAL, amount=Decimal(amount)
    )
    row.set_region(cast.regions[code])
    row.save()
    return row


def _with_budget(name: str):
    def url(cast: Cast, code: str) -> str:
        station(cast, code)
        if not Budget.all_objects.filter(
            workstation__federation=cast.federations[code], year=LAST_YEAR
        ).exists():
            budget(cast, code)
        return reverse(name, args=[code])

    return url


def _with_station(name: str):
    def url(cast: Cast, code: str) -> str:
        station(cast, code)
        return reverse(name, args=[code])

    return url


ROWS: dict[str, Row] = {
    "funding:overview": Row(
        lambda cast, code: reverse("funding:overview", args=[code]),
        roles_with(Capability.WORKSTATION_VIEW),
        anonymous=302,
        is_object=True,
    ),
    "funding:budget": Row(
        _with_station("funding:budget"),
        roles_with(Capability.WORKSTATION_EDIT, allowed=302),
        anonymous=302,
        is_object=True,
        method="post",
        data={"budget-year": LAST_YEAR, "budget-source": "fiscal", "budget-amount": "500"},
    ),
    "funding:expenditure": Row(
        _with_budget("funding:expenditure"),
        roles_with(Capability.WORKSTATION_EDIT, allowed=302),
        anonymous=302,
        is_object=True,
        method="post",
        data={
            "expenditure-spent_on": f"{LAST_YEAR}-06-01",
            "expenditure-category": "training",
            "expenditure-amount": "10",
        },
    ),
    "funding:rule": Row(
        _with_station("funding:rule"),
        roles_with(Capability.WORKSTATION_EDIT, allowed=302),
        anonymous=302,
        is_object=True,
        method="post",
        data={"rule-document_number": "皖残联〔2019〕56号", "rule-adopted_on": "2019-05-01"},
    ),
}
