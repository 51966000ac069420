"""Factories for people, workstations and filings: plain keyword functions calling services
(the workstation is written directly: its services belong to the stations area)."""

from __future__ import annotations

from datetime import date
from itertools import count

from accounts.roles import Role
from people.models import Engagement, Person
from people.services import add_person, engage
from tests.factories import Cast
from workstations.models import Filing, Workstation
from workstations.services.filings import submit_filing

_serial = count(1)


def make_workstation(cast: Cast, code: str, **fields) -> Workstation:
    federation = cast.federations[code]
    workstation = Workstation(
        federation=federation,
        name=fields.pop("name", f"{federation.name}法律救助工作站"),
        status=fields.pop("status", Workstation.Status.ESTABLISHED),
        **fields,
    )
    workstation.set_region(federation.region)
    workstation.save()
    return workstation


def make_person(cast: Cast, code: str, kind: str = Person.Kind.LAWYER, **fields) -> Person:
    n = next(_serial)
    defaults = {
        "name": f"测试人员{n}",
        "active_from": date(2019, 1, 1),
        "licence_number": f"1340120191{n:07d}" if kind == Person.Kind.LAWYER else "",
        "certificate_number": f"C{n:06d}" if kind == Person.Kind.LEGAL_WORKER else "",
    }
    return add_person(
        cast.federations[code],
        actor=cast.user(code, Role.CLERK),
        kind=kind,
        **{**defaults, **fields},
    )


def make_engagement(cast: Cast, code: str, person: Person | None = None) -> Engagement:
    workstation = getattr(cast.federations[code], "workstation", None) or make_workstation(
        cast, code
    )
    person = person or make_person(cast, code)
    return engage(
        person,
        workstation,
        actor=cast.user(code, Role.CLERK),
        kind=Engagement.Kind.VOLUNTEER,
        starts_on=date(2020, 1, 1),
    )


def make_filing(cast: Cast, code: str, person: Person | None = None) -> Filing:
    """A submitted filing of ``code``'s federation (its pending one, when there is one). The
    province has no level above: its filing is written directly (only the scope matrix needs
    one)."""
    federation = cast.federations[code]
    pending = Filing.all_objects.filter(federation=federation, status=Filing.Status.SUBMITTED)
    if person is None and pending.exists():
        return pending.get()
    person = person or make_person(cast, code, kind=Person.Kind.STAFF)
    if federation.region.parent_id is None:
        from django.utils import timezone

        filing = Filing(
            federation=federation,
            filed_with=federation,
            person=person,
            number=next(_serial),
            submitted_at=timezone.now(),
            submitted_by=cast.user(code, Role.CLERK),
        )
        filing.set_region(federation.region)
        filing.save()
        return filing
    return submit_filing(federation, actor=cast.user(code, Role.CLERK), person=person)
