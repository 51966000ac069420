"""Factories for coordination groups, workstations and notices: plain keyword functions that
call the services."""

from __future__ import annotations

from datetime import date
from itertools import count

from accounts.roles import Role
from people.models import Person
from people.services import add_person
from tests.factories import Cast
from workstations.models import CoordinationGroup, GroupMember, PublicNotice, Workstation
from workstations.services.groups import add_group_member, set_up_group
from workstations.services.notices import publish_notice
from workstations.services.stations import create_workstation

_serial = count(1)

COMPLETE_NOTICE = {
    "scope_of_cases": "残疾人权益受侵害的案件",
    "workflow": "申请、受理、审查、服务、结案",
    "working_hours": "周一至周五 8:30-12:00",
    "office_address": "合肥市某路1号一楼",
    "phone": "0551-12345678",
}


def clerk(cast: Cast, code: str):
    return cast.user(code, Role.CLERK)


def make_group(cast: Cast, code: str, established_on: date = date(2019, 6, 1)) -> CoordinationGroup:
    existing = CoordinationGroup.all_objects.filter(federation=cast.federations[code]).first()
    if existing:
        return existing
    return set_up_group(
        cast.federations[code],
        actor=clerk(cast, code),
        established_on=established_on,
        document_number="皖残联〔2019〕56号",
        document_date=established_on,
        office_location="三楼",
        office_head="王主任",
    )


def make_member(cast: Cast, code: str, **fields) -> GroupMember:
    values = {
        "unit": "court",
        "unit_name": "某区人民法院",
        "name": f"成员{next(_serial)}",
        "post": "副院长",
        "since": date(2019, 7, 1),
    }
    return add_group_member(make_group(cast, code), actor=clerk(cast, code), **(values | fields))


def make_station(cast: Cast, code: str, planned_on: date = date(2019, 1, 1)) -> Workstation:
    existing = Workstation.all_objects.filter(federation=cast.federations[code]).first()
    if existing:
        return existing
    return create_workstation(
        cast.federations[code],
        actor=clerk(cast, code),
        name=f"{cast.federations[code].name}法律救助工作站",
        address="某路1号",
        planned_on=planned_on,
    )


def make_staff(cast: Cast, code: str, *, formal: bool = True, **fields) -> Person:
    values = {
        "name": f"职员{next(_serial)}",
        "kind": Person.Kind.STAFF,
        "is_formal_staff": formal,
        "active_from": date(2019, 1, 1),
    }
    return add_person(cast.federations[code], actor=clerk(cast, code), **(values | fields))


def make_notice(
    cast: Cast, code: str, effective_from: date = date(2020, 1, 1), **fields
) -> PublicNotice:
    return publish_notice(
        make_station(cast, code),
        actor=clerk(cast, code),
        effective_from=effective_from,
        **(COMPLETE_NOTICE | fields),
    )
