"""Demo records for the compliance picture of Anhui (issue 6, item 7): a realistic spread.

``demo_workstations`` gives each federation a workstation, people, premises checked when it was
established, budgets, duty days of the last months and a filing, with gaps. This module adds a
year and more of the records the nine standards are measured by, for every established
workstation, so that most meet most standards, and widens a few gaps as the notice describes:

- premises: the evidence of a few counties was last checked when the station opened (stale);
  the workstations missing barrier-free access (``demo_workstations``) keep missing it;
- staffing: in a few counties the head is not formal federation staff, in a few others no lawyer
  or legal worker is engaged any more;
- funding: a few counties have no budget for last year or this year;
- everywhere else: premises re-checked last November and this year, a complete public notice on
  the website and the notice board, an on-site duty day every month, a financial rule, spending
  and a coordination contact with the legal aid centre every quarter.

Deterministic (a CRC of the region code picks the counties), idempotent (a second run sees its
financial rules and stops: one query), fast (one ``bulk_create`` per model) and fictional. Writes
under ``unscoped()``; no audit entry (the seed's own entry covers the run).
"""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

from lawstation.demo_cases import seed_agencies
from lawstation.demo_workstations import at, bucket, person_name
from people.models import Engagement, Person
from regions.models import Federation, Level
from regions.scoping import unscoped
from workstations.models import (
    Budget,
    CoordinationContact,
    DutyDay,
    Expenditure,
    FinancialRule,
    Partner,
    PartnerUnit,
    PremisesCheck,
    Publication,
    PublicNotice,
    Workstation,
)

MARKER = "DEMO-财务"
KEPT_GOOD = {"340102"}  # the demo clerk's county shows a good scorecard
NOTICE = {
    "scope_of_cases": "残疾人合法权益受到侵害的法律咨询、代写文书、调解、协调和代理",
    "workflow": "申请、登记、受理审查、提供服务、结案回访",
    "working_hours": "周一至周五 8:30-12:00，14:30-17:30",
    "phone": "0551-0000000",
    "sms_number": "106900000000",
}


def gap(code: str, kind: str) -> bool:
    """Whether the county ``code`` shows the widened ``kind`` gap (about one in twelve)."""
    return code not in KEPT_GOOD and bucket(code, f"compliance-{kind}") < 8


def seed_compliance(federations: dict[str, Federation], today: date) -> dict[str, int]:
    """Add the compliance records of the demo province; nothing when they are there already."""
    with unscoped("seed_demo adds the compliance records"):
        if FinancialRule.all_objects.filter(document_number__startswith=MARKER).exists():
            return {}
        stations = list(
            Workstation.all_objects.filter(
                federation__in=federations.values(), status=Workstation.Status.ESTABLISHED
            ).select_related("federation__region", "head")
        )
        made: dict[str, int] = {}
        _widen_gaps(stations, today, made)
        known = _known(stations)
        _add(made, [row for station in stations for row in _records(station, today, known)])
        notices = _add(made, [_notice(station, today) for station in stations])
        _add(made, [row for notice in notices for row in _publications(notice)])
        agencies = seed_agencies([station.federation.region for station in stations])
        partners = [_legal_aid_centre(agencies, station) for station in stations]
        _add(
            made,
            [
                row
                for station, partner in zip(stations, partners, strict=True)
                for row in _contacts(station, partner, today)
            ],
        )
    return made


def _add(made: dict[str, int], rows: list) -> list:
    """Bulk-create ``rows`` (filed under their workstation's region), one model at a time."""
    saved = []
    by_model: dict[type, list] = {}
    for row in rows:
        by_model.setdefault(type(row), []).append(row)
    for model, batch in by_model.items():
        saved += model.all_objects.bulk_create(batch)
        made[model._meta.model_name] = made.get(model._meta.model_name, 0) + len(batch)
    return saved


def _filed(row, station: Workstation):
    row.province_code, row.city_code, row.county_code = (
        station.province_code,
        station.city_code,
        station.county_code,
    )
    return row


def _counties(stations: list[Workstation], kind: str) -> list[Workstation]:
    return [
        station
        for station in stations
        if station.federation.region.level == Level.COUNTY and gap(station.county_code, kind)
    ]


def _widen_gaps(stations: list[Workstation], today: date, made: dict[str, int]) -> None:
    heads = _counties(stations, "head")
    informal = _add(
        made,
        [
            _filed(
                Person(
                    federation=station.federation,
                    name=person_name(station.county_code, 7),
                    kind=Person.Kind.STAFF,
                    is_formal_staff=False,
                    active_from=date(today.year - 2, 1, 1),
                ),
                station,
            )
            for station in heads
        ],
    )
    for station, head in zip(heads, informal, strict=True):
        station.head = head
    Workstation.all_objects.bulk_update(heads, ["head"])
    ended = date(today.year - 2, 12, 31)
    lawyers = [station.pk for station in _counties(stations, "lawyers")]
    Engagement.all_objects.filter(workstation_id__in=lawyers).update(ends_on=ended)
    unfunded = [station.pk for station in _counties(stations, "funding")]
    Budget.all_objects.filter(
        workstation_id__in=unfunded, year__in=[today.year - 1, today.year]
    ).delete()


def _known(stations: list[Workstation]) -> dict[str, dict]:
    """What the workstations have already, in three queries: the latest state of each premises
    item, a provider engaged, the days with a duty day."""
    ids = [station.pk for station in stations]
    latest: dict[int, dict[str, bool]] = {}
    checks = PremisesCheck.all_objects.filter(workstation_id__in=ids).order_by("checked_on", "pk")
    for station_id, item, present in checks.values_list("workstation_id", "item", "present"):
        latest.setdefault(station_id, {})[item] = present
    providers: dict[int, int] = {}
    engaged = Engagement.all_objects.filter(workstation_id__in=ids).order_by("pk")
    for station_id, person_id in engaged.values_list("workstation_id", "person_id"):
        providers.setdefault(station_id, person_id)
    days: dict[int, set[date]] = {}
    duty = DutyDay.all_objects.filter(workstation_id__in=ids).values_list("workstation_id", "day")
    for station_id, day in duty:
        days.setdefault(station_id, set()).add(day)
    return {"premises": latest, "providers": providers, "duty": days}


def _records(station: Workstation, today: date, known: dict[str, dict]) -> list:
    """Premises re-checks (unless stale), duty days, financial rule and spending."""
    rows: list = []
    code = station.federation.region_id
    if not gap(code, "stale"):
        latest = known["premises"].get(station.pk, {})
        for day in _check_days(today):
            rows += [
                PremisesCheck(
                    workstation=station,
                    item=item,
                    present=present,
                    evidence="DEMO 复查照片",
                    checked_on=day,
                )
                for item, present in latest.items()
            ]
    provider = known["providers"].get(station.pk)
    if provider is not None:
        held = known["duty"].get(station.pk, set())
        rows += [
            DutyDay(
                workstation=station,
                person_id=provider,
                day=day,
                starts_at=time(9),
                ends_at=time(12),
                checked_in_at=at(day, 9, 5),
            )
            for day in _duty_days(today)
            if day not in held
        ]
    rows.append(
        FinancialRule(
            workstation=station, document_number=f"{MARKER}{code}", adopted_on=date(2020, 3, 1)
        )
    )
    for year in (today.year - 1, today.year):
        for month in (3, 6, 9, 12):
            spent_on = date(year, month, 10)
            if spent_on < today:
                rows.append(
                    Expenditure(
                        workstation=station,
                        spent_on=spent_on,
                        category="legal_services",
                        amount=Decimal(800 + 10 * bucket(code, "spent")),
                    )
                )
    return [_filed(row, station) for row in rows]


def _check_days(today: date) -> list[date]:
    last_november = date(today.year - 1, 11, 20)
    recent = today - timedelta(days=45)
    return [last_november] if recent <= last_november else [last_november, recent]


def _duty_days(today: date) -> list[date]:
    """The 12th of every month from January last year to last month."""
    days = []
    year, month = today.year - 1, 1
    while date(year, month, 12) < today - timedelta(days=3):
        days.append(date(year, month, 12))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return days


def _notice(station: Workstation, today: date) -> PublicNotice:
    region = station.federation.region
    complete = bucket(region.code, "compliance-notice") >= 6
    return _filed(
        PublicNotice(
            workstation=station,
            effective_from=date(today.year - 2, 1, 1),
            office_address=station.address or f"{region.name}残疾人联合会一楼",
            **(NOTICE if complete else {**NOTICE, "workflow": ""}),
        ),
        station,
    )


def _publications(notice: PublicNotice) -> list[Publication]:
    channels = ["website", "notice_board"]
    if bucket(notice.county_code or notice.city_code or "", "compliance-board") < 6:
        channels = ["website"]
    return [
        _filed(
            Publication(notice=notice, channel=channel, published_on=notice.effective_from),
            notice,
        )
        for channel in channels
    ]


def _legal_aid_centre(agencies: dict[str, list[Partner]], station: Workstation) -> Partner:
    """The legal aid centre of the station's region in the demo partner directory."""
    region_code = station.federation.region_id
    return next(p for p in agencies[region_code] if p.kind == PartnerUnit.LEGAL_AID)


def _contacts(station: Workstation, partner: Partner, today: date) -> list:
    days = [date(today.year - 1, month, 20) for month in (2, 5, 8, 11)]
    days += [date(today.year, month, 20) for month in (2, 5, 8, 11)]
    return [
        _filed(
            CoordinationContact(
                workstation=station, partner=partner, contacted_on=day, matter="DEMO 个案协调"
            ),
            station,
        )
        for day in days
        if day < today
    ]
