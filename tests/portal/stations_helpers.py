"""Factories for the public workstation pages: an established workstation with a full notice,
premises checks and duty days, made through the services."""

from __future__ import annotations

from datetime import date, time, timedelta

from people.models import Person
from people.services import add_person
from regions.models import Federation, Level
from tests.factories import Cast, make_region
from tests.workstations.stations_helpers import clerk, make_group, make_staff, make_station
from workstations.models import Workstation
from workstations.services.duty import schedule_duty_day
from workstations.services.stations import (
    change_status,
    create_workstation,
    record_premises_check,
    update_workstation,
)

LAWYER_NAME = "韩测试律师"
LAWYER_PHONE = "13912345678"


def establish(cast: Cast, code: str, *, on: date = date(2019, 10, 1)) -> Workstation:
    """Groups here and one level up, and an established workstation."""
    parent = cast.regions[code].parent_id
    if parent:
        make_group(cast, parent)
    make_group(cast, code)
    station = make_station(cast, code)
    if station.status == Workstation.Status.ESTABLISHED:
        return station
    head = make_staff(cast, code)
    station = update_workstation(
        station,
        actor=clerk(cast, code),
        expected_version=station.version,
        name=station.name,
        address=station.address,
        approved_on=on - timedelta(days=10),
        approval_document="合残联〔2019〕9号",
        head=head,
        daily_manager=head,
    )
    change_status(station, actor=clerk(cast, code), status="established", effective_on=on)
    station.refresh_from_db()
    return station


def suspend(cast: Cast, code: str, on: date = date(2020, 1, 1)) -> None:
    station = establish(cast, code)
    change_status(
        station, actor=clerk(cast, code), status="suspended", effective_on=on, note="装修"
    )


def lawyer(cast: Cast, code: str) -> Person:
    return add_person(
        cast.federations[code],
        actor=clerk(cast, code),
        name=LAWYER_NAME,
        kind=Person.Kind.LAWYER,
        active_from=date(2019, 1, 1),
        licence_number=f"L-{code}-{Person.all_objects.count()}",
        phone=LAWYER_PHONE,
    )


def duty_days(cast: Cast, code: str, days: list[date]) -> None:
    station, person = establish(cast, code), lawyer(cast, code)
    for day in days:
        schedule_duty_day(
            station,
            actor=clerk(cast, code),
            person=person,
            day=day,
            starts_at=time(9),
            ends_at=time(11, 30),
        )


def premises(cast: Cast, code: str, item: str, present: bool, checked_on: date) -> None:
    record_premises_check(
        establish(cast, code),
        actor=clerk(cast, code),
        item=item,
        present=present,
        evidence="照片" if present else "",
        checked_on=checked_on,
    )


def more_counties(cast: Cast, city: str, count: int, start: int = 50) -> list[str]:
    """``count`` more counties under ``city``, each with a planned workstation."""
    codes = []
    for index in range(start, start + count):
        code = f"{city[:4]}{index:02d}"
        region = make_region(code, f"测试{index}区", Level.COUNTY, cast.regions[city])
        federation = Federation.objects.create(region=region, name=f"测试{index}区残疾人联合会")
        create_workstation(
            federation,
            actor=None,
            name=f"测试{index}区法律救助工作站",
            address=f"测试路{index}号",
            planned_on=date(2019, 1, 1),
        )
        codes.append(code)
    return codes
