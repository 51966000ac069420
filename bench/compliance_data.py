"""A year of compliance records for every federation, in bulk (the compliance roll-up bench).

Deterministic (a CRC of the region code decides each gap), written with ``bulk_create`` under
``unscoped()`` (no services, no audit), one model at a time, parents first. Roughly nine in ten
workstations meet each requirement, so every indicator has both sides to compute.
"""

from __future__ import annotations

import zlib
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from people.models import Engagement, Person
from regions.models import Federation
from regions.scoping import unscoped
from workstations.models import (
    Budget,
    CoordinationContact,
    DutyDay,
    Expenditure,
    Filing,
    FinancialRule,
    Partner,
    PremisesCheck,
    PremisesItem,
    Publication,
    PublicNotice,
    Workstation,
)

BATCH = 2000


def gap(code: str, salt: str, percent: int = 10) -> bool:
    return zlib.crc32(f"{salt}:{code}".encode()) % 100 < percent


def filed(row, region):
    row.set_region(region)
    return row


def aware(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def build_records(year: int) -> dict[str, int]:
    start = date(year, 1, 1)
    with unscoped("bench builds a national data set"):
        federations = list(Federation.objects.select_related("region").order_by("region_id"))
        made: dict[str, int] = {}
        heads = _bulk(made, [_person(f, "head", start) for f in federations])
        lawyers = _bulk(made, [_person(f, "lawyer", start) for f in federations])
        stations = _bulk(
            made,
            [
                filed(
                    Workstation(
                        federation=f,
                        name=f"{f.name}法律救助工作站",
                        status=Workstation.Status.ESTABLISHED,
                        approved_on=date(2019, 6, 1),
                        head=head,
                        daily_manager=head,
                    ),
                    f.region,
                )
                for f, head in zip(federations, heads, strict=True)
            ],
        )
        trio = list(zip(federations, stations, lawyers, strict=True))
        _bulk(made, [row for f, s, p in trio for row in _yearly(f, s, p, year)])
        notices = _bulk(made, [_notice(f, s, start) for f, s, _p in trio])
        _bulk(
            made, [row for (f, _s, _p), n in zip(trio, notices, strict=True) for row in _pub(f, n)]
        )
        partners = _bulk(
            made,
            [
                filed(Partner(region=f.region, kind="legal_aid", name=f"{f.name}法援"), f.region)
                for f in federations
            ],
        )
        _bulk(
            made,
            [
                row
                for (f, s, _p), partner in zip(trio, partners, strict=True)
                for row in _contacts(f, s, partner, year)
            ],
        )
        _bulk(made, _filings(federations, heads, start))
    return made


def _bulk(made: dict[str, int], rows: list) -> list:
    by_model: dict[type, list] = {}
    for row in rows:
        by_model.setdefault(type(row), []).append(row)
    saved = []
    for model, batch in by_model.items():
        saved += model.all_objects.bulk_create(batch, batch_size=BATCH)
        made[model._meta.model_name] = made.get(model._meta.model_name, 0) + len(batch)
    return saved


def _person(federation: Federation, role: str, start: date) -> Person:
    code = federation.region_id
    lawyer = role == "lawyer"
    return filed(
        Person(
            federation=federation,
            name=("律师" if lawyer else "主任") + code,
            kind=Person.Kind.LAWYER if lawyer else Person.Kind.STAFF,
            is_formal_staff=not lawyer and not gap(code, "formal"),
            licence_number=f"1{code}{0:08d}" if lawyer else "",
            active_from=start - timedelta(days=400),
        ),
        federation.region,
    )


def _yearly(federation: Federation, station: Workstation, lawyer: Person, year: int) -> list:
    code, region, start = federation.region_id, federation.region, date(year, 1, 1)
    rows: list = []
    if not gap(code, "lawyer"):
        rows.append(
            Engagement(
                person=lawyer,
                workstation=station,
                kind="contract",
                starts_on=start - timedelta(days=300),
            )
        )
    for item in PremisesItem.values:
        missing = item == PremisesItem.BARRIER_FREE and gap(code, "barrier")
        checked = start - timedelta(days=700 if gap(code, "stale") else 30)
        rows.append(
            PremisesCheck(
                workstation=station,
                item=item,
                present=not missing,
                evidence="照片",
                checked_on=checked,
            )
        )
    for month in range(1, 13):
        if month == 7 and gap(code, "duty", 15):
            continue
        day = date(year, month, 15)
        rows.append(
            DutyDay(
                workstation=station,
                person=lawyer,
                day=day,
                starts_at=time(9),
                ends_at=time(12),
                checked_in_at=aware(day, 9),
            )
        )
    if not gap(code, "budget"):
        rows.append(
            Budget(workstation=station, year=year, source="fiscal", amount=Decimal("50000"))
        )
    if not gap(code, "rule"):
        rows.append(
            FinancialRule(
                workstation=station,
                document_number=f"财{code}",
                adopted_on=start - timedelta(days=90),
            )
        )
    for month in (3, 6, 9, 12):
        rows.append(
            Expenditure(
                workstation=station,
                spent_on=date(year, month, 10),
                category="legal_services",
                amount=Decimal("1200"),
            )
        )
    return [filed(row, region) for row in rows]


def _notice(federation: Federation, station: Workstation, start: date) -> PublicNotice:
    complete = not gap(federation.region_id, "notice")
    return filed(
        PublicNotice(
            workstation=station,
            effective_from=start - timedelta(days=200),
            scope_of_cases="残疾人权益案件",
            workflow="申请、受理、服务、结案" if complete else "",
            working_hours="周一至周五",
            office_address="某路1号",
            phone="0551-12345678",
        ),
        federation.region,
    )


def _pub(federation: Federation, notice: PublicNotice) -> list:
    channels = ["website", "notice_board"][: 1 if gap(federation.region_id, "publish") else 2]
    return [
        filed(
            Publication(notice=notice, channel=channel, published_on=notice.effective_from),
            federation.region,
        )
        for channel in channels
    ]


def _contacts(federation: Federation, station: Workstation, partner: Partner, year: int) -> list:
    return [
        filed(
            CoordinationContact(
                workstation=station,
                partner=partner,
                contacted_on=date(year, month, 10),
                matter="个案协调",
            ),
            federation.region,
        )
        for month in (2, 5, 8, 11)
    ]


def _filings(federations: list[Federation], heads: list[Person], start: date) -> list:
    user = User.objects.create(username="bench-compliance")
    by_code = {f.region_id: f for f in federations}
    rows = []
    for federation, head in zip(federations, heads, strict=True):
        above = by_code.get(federation.region.parent_id or "")
        if above is None:
            continue
        accepted = not gap(federation.region_id, "filing")
        rows.append(
            filed(
                Filing(
                    federation=federation,
                    filed_with=above,
                    person=head,
                    number=1,
                    status=Filing.Status.ACCEPTED if accepted else Filing.Status.SUBMITTED,
                    submitted_at=aware(start - timedelta(days=60)),
                    submitted_by=user,
                    decided_at=aware(start - timedelta(days=57)) if accepted else None,
                    decided_by=user if accepted else None,
                ),
                federation.region,
            )
        )
    return rows
