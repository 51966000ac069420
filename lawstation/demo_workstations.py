"""Demo coordination groups, workstations, people, funding, duty days and filings for Anhui.

Anhui as the notice describes it in November 2020: the province re-formed its coordination group
(皖残联〔2019〕56号); most cities and counties have a group and a workstation, some do not; some
workstations lack premises items, funding or lawyers; most daily managers are filed with the level
above; most workstations held an on-site duty day in each recent month. A few groups and
workstations came after the 2020-12-31 deadline.

Deterministic (each federation's profile comes from a CRC of its region code), idempotent (a
federation that already has a group, a workstation or people is left alone), fast (one
``bulk_create`` per model) and fictional: names are a common surname and 某, numbers say DEMO.
Writes in bulk under ``unscoped()`` and records one ``seed.loaded`` audit entry per run that
created anything.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from audit.services import record
from people.models import Engagement, Person
from regions.models import Federation, Level, Region
from regions.scoping import unscoped
from workstations.coverage_rules import PREMISES_ITEMS
from workstations.duty_rules import last_months
from workstations.models import (
    Budget,
    CoordinationGroup,
    DutyDay,
    Filing,
    GroupAdjustment,
    GroupMember,
    PartnerUnit,
    PremisesCheck,
    StatusChange,
    Workstation,
)

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
PROVINCE_GROUP_DOCUMENT = "皖残联〔2019〕56号"
PROVINCE_GROUP_SINCE = date(2019, 6, 20)
Status = Workstation.Status
# In the order they are saved: parents first.
MODELS = (CoordinationGroup, GroupAdjustment, GroupMember, Person, Workstation, StatusChange)
MODELS += (PremisesCheck, Engagement, Budget, DutyDay, Filing)


@dataclass(frozen=True)
class Profile:
    """What one federation has in the demo."""

    group: bool
    office: bool
    group_since: date
    station: str | None
    established_on: date | None
    missing_premises: tuple[str, ...]
    funded: bool
    lawyers: int
    legal_worker: bool
    filing: str  # "accepted", "submitted" or ""
    duty_last_month: bool


def bucket(code: str, salt: str) -> int:
    """A stable number 0–99 for a region and a question (``hash()`` is salted per process)."""
    return zlib.crc32(f"{salt}:{code}".encode()) % 100


def profile_for(region: Region) -> Profile:
    code, top = region.code, region.level == Level.PROVINCE

    def b(salt: str) -> int:
        return bucket(code, salt)

    group = top or b("group") < (90 if region.level == Level.CITY else 86)
    station = None
    if group and (top or b("station") < 96):
        station = Status.ESTABLISHED if top or b("station") < 88 else Status.PLANNED
    late = not top and b("late") < 12
    since = PROVINCE_GROUP_SINCE if top else date(2019, 7, 1) + timedelta(days=b("since") * 4)
    if late:
        since = date(2021, 1, 4) + timedelta(days=b("since"))
    established = None
    if station == Status.ESTABLISHED:
        established = since + timedelta(days=20 + b("established") // 2)
    missing = ()
    if b("premises") < 25:
        missing = tuple(sorted({PREMISES_ITEMS[b("p1") % 8], PREMISES_ITEMS[b("p2") % 8]}))
        missing = missing if b("premises") < 10 else missing[:1]
    return Profile(
        group=group,
        office=top or b("office") >= 8,
        group_since=since,
        station=station,
        established_on=established,
        missing_premises=missing,
        funded=top or b("funding") >= 15,
        lawyers=0 if b("lawyers") < 12 else 1 + b("lawyers") % 3,
        legal_worker=b("worker") < 40,
        filing=_filing_state(top, b("filing")),
        duty_last_month=top or b("duty") >= 15,
    )


def coherent_profiles(federations: dict[str, Federation]) -> dict[str, Profile]:
    """Each federation's profile; a workstation is only established where the level above has a
    coordination group to approve it (otherwise it stays planned)."""
    profiles = {code: profile_for(f.region) for code, f in federations.items()}
    for code, federation in federations.items():
        parent = profiles.get(federation.region.parent_id or "")
        if parent is not None and not parent.group and profiles[code].established_on:
            profiles[code] = replace(profiles[code], station=Status.PLANNED, established_on=None)
    return profiles


def _filing_state(top: bool, chance: int) -> str:
    if top or chance >= 92:  # the province files with the CDPF, outside this system
        return ""
    return "accepted" if chance < 82 else "submitted"


def person_name(code: str, index: int) -> str:
    return SURNAMES[(int(code) // 100 + index * 7) % len(SURNAMES)] + "某"


def document_number(region: Region, year: int, salt: str) -> str:
    if region.level == Level.PROVINCE:
        return PROVINCE_GROUP_DOCUMENT
    return f"{region.name[0]}残联〔{year}〕{1 + bucket(region.code, salt) % 60}号"


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@dataclass
class _Batch:
    today: date
    clerks: dict[str, User]
    federations: dict[str, Federation]
    rows: dict[type, list[Any]] = field(default_factory=dict)

    def add(self, obj: Any, region: Region) -> Any:
        obj.set_region(region)
        self.rows.setdefault(type(obj), []).append(obj)
        return obj

    def save(self, model: type) -> None:
        model.all_objects.bulk_create(self.rows.get(model, []))

    def counts(self) -> dict[str, int]:
        return {model._meta.model_name: len(self.rows.get(model, [])) for model in MODELS}


def seed_workstations(federations: dict[str, Federation], today: date) -> dict[str, int]:
    """Demo workstation data for ``federations`` (region code → federation, region loaded);
    returns how many rows of each model were created (all zero on a second run)."""
    with unscoped("seed_demo creates the demo workstations"):
        busy = set(
            Federation.objects.filter(
                Q(coordination_group__isnull=False)
                | Q(workstation__isnull=False)
                | Q(people__isnull=False),
                pk__in=[f.pk for f in federations.values()],
            ).values_list("pk", flat=True)
        )
        profiles = coherent_profiles(federations)
        todo = {
            code: (federation, profiles[code])
            for code, federation in sorted(federations.items())
            if federation.pk not in busy
        }
        todo = {code: pair for code, pair in todo.items() if pair[1].group}
        batch = _Batch(today=today, clerks={}, federations=federations)
        if not todo:
            return batch.counts()
        usernames = [f"clerk-{code}" for code in federations]
        batch.clerks = {
            user.username[len("clerk-") :]: user
            for user in User.objects.filter(username__in=usernames)
        }
        _seed(batch, todo)
        counts = batch.counts()
        province = min(federations.values(), key=lambda f: (f.region.level, f.region.code))
        record(
            "seed.loaded",
            province.region,
            actor=None,
            actor_label="system:seed_demo",
            changes={name: [None, n] for name, n in counts.items() if n},
        )
    return counts


def _seed(batch: _Batch, todo: dict[str, tuple[Federation, Profile]]) -> None:
    """Build every row, then save model by model in :data:`MODELS` order (parents first:
    ``bulk_create`` fills in the keys of parents saved earlier)."""
    for federation, profile in todo.values():
        region = federation.region
        _group_records(batch, _group(batch, federation, profile), region, profile)
        if profile.station:
            people = _people(batch, federation, profile)
            station = _station(batch, federation, profile, people)
            _station_records(batch, station, region, profile, people)
            _filing(batch, federation, profile, people[1])
    for model in MODELS:
        batch.save(model)


def _group(batch: _Batch, federation: Federation, profile: Profile) -> CoordinationGroup:
    region = federation.region
    return batch.add(
        CoordinationGroup(
            federation=federation,
            established_on=profile.group_since,
            office_location=f"{region.name}残疾人联合会维权部" if profile.office else "",
            office_head=person_name(region.code, 9) if profile.office else "",
        ),
        region,
    )


def _group_records(
    batch: _Batch, group: CoordinationGroup, region: Region, profile: Profile
) -> None:
    since = profile.group_since
    batch.add(
        GroupAdjustment(
            group=group,
            kind=GroupAdjustment.Kind.SET_UP,
            effective_on=since,
            document_number=document_number(region, since.year, "group"),
            document_date=since,
        ),
        region,
    )
    units = [
        (PartnerUnit.FEDERATION, "残疾人联合会", "理事长"),
        (PartnerUnit.COURT, "人民法院", "副院长"),
        (PartnerUnit.JUSTICE, "司法局" if region.level != Level.PROVINCE else "司法厅", "副局长"),
    ]
    for index, (unit, body, post) in enumerate(units):
        member = GroupMember(
            group=group,
            unit=unit,
            unit_name=region.name + body,
            name=person_name(region.code, 10 + index),
            post=post,
            since=since,
        )
        batch.add(member, region)


def _people(batch: _Batch, federation: Federation, profile: Profile) -> list[Person]:
    """The formal head, the daily manager, then the lawyers and legal worker."""
    code, law_firm = federation.region.code, "示例律师事务所"
    kinds = [{"kind": Person.Kind.STAFF, "is_formal_staff": True}, {"kind": Person.Kind.STAFF}]
    kinds += [
        {"kind": Person.Kind.LAWYER, "licence_number": f"DEMO-{code}-{n:02d}", "law_firm": law_firm}
        for n in range(1, profile.lawyers + 1)
    ]
    if profile.legal_worker:
        kinds.append({"kind": Person.Kind.LEGAL_WORKER, "certificate_number": f"DEMO-{code}-W1"})
    start = min(profile.group_since, batch.today)
    return [
        batch.add(
            Person(federation=federation, name=person_name(code, i), active_from=start, **values),
            federation.region,
        )
        for i, values in enumerate(kinds)
    ]


def _station(
    batch: _Batch, federation: Federation, profile: Profile, people: list[Person]
) -> Workstation:
    region = federation.region
    established = profile.established_on
    parent = batch.federations.get(region.parent_id or "")
    approver = parent.region if parent else region
    return batch.add(
        Workstation(
            federation=federation,
            name=f"{region.name}残疾人法律救助工作站",
            status=profile.station,
            approved_on=established,
            approval_document=document_number(approver, established.year, region.code)
            if established
            else "",
            address=f"{region.name}残疾人联合会一楼",
            head=people[0],
            daily_manager=people[1],
        ),
        region,
    )


def _station_records(
    batch: _Batch, station: Workstation, region: Region, profile: Profile, people: list[Person]
) -> None:
    planned = StatusChange(
        workstation=station, status=Status.PLANNED, effective_on=profile.group_since
    )
    batch.add(planned, region)
    established = profile.established_on
    if established is None:
        return
    batch.add(
        StatusChange(
            workstation=station,
            status=Status.ESTABLISHED,
            effective_on=established,
            document_number=station.approval_document,
        ),
        region,
    )
    for item in PREMISES_ITEMS:
        check = PremisesCheck(
            workstation=station,
            item=item,
            present=item not in profile.missing_premises,
            evidence="DEMO 照片",
            checked_on=established + timedelta(days=7),
        )
        batch.add(check, region)
    _providers(batch, station, region, profile, people[2:])


def _providers(
    batch: _Batch, station: Workstation, region: Region, profile: Profile, providers: list[Person]
) -> None:
    established = profile.established_on
    for index, person in enumerate(providers):
        contract = index == 0  # the first by contract to the end of this year, others volunteer
        engagement = Engagement(
            person=person,
            workstation=station,
            kind=Engagement.Kind.CONTRACT if contract else Engagement.Kind.VOLUNTEER,
            starts_on=established,
            ends_on=date(batch.today.year, 12, 31) if contract else None,
            fee_terms="DEMO 按件计酬" if contract else "",
        )
        batch.add(engagement, region)
    years = {batch.today.year - 1, batch.today.year} if profile.funded else set()
    for year in sorted(years):
        amount = Decimal(20000 + 1000 * bucket(region.code, "amount"))
        batch.add(Budget(workstation=station, year=year, source="fiscal", amount=amount), region)
    if not providers:
        return
    months = last_months(batch.today, 3)
    months = months if profile.duty_last_month else months[:-1]
    clerk = batch.clerks.get(region.code)
    for year, month in months:
        day = date(year, month, 12)
        if day < established:
            continue
        duty = DutyDay(
            workstation=station,
            person=providers[0],
            day=day,
            starts_at=time(9),
            ends_at=time(12),
            checked_in_at=at(day, 9, 5),
            checked_in_by=clerk,
        )
        batch.add(duty, region)


def _filing(batch: _Batch, federation: Federation, profile: Profile, manager: Person) -> None:
    region = federation.region
    parent = batch.federations.get(region.parent_id or "")
    submitter = batch.clerks.get(region.code)
    decider = batch.clerks.get(region.parent_id or "")
    if not profile.filing or parent is None or submitter is None or decider is None:
        return
    submitted = min(profile.group_since + timedelta(days=40), batch.today - timedelta(days=10))
    accepted = profile.filing == "accepted"
    filing = Filing(
        federation=federation,
        filed_with=parent,
        person=manager,
        number=1,
        status=Filing.Status.ACCEPTED if accepted else Filing.Status.SUBMITTED,
        submitted_at=at(submitted, 10),
        submitted_by=submitter,
        decided_at=at(submitted + timedelta(days=5), 15) if accepted else None,
        decided_by=decider if accepted else None,
    )
    batch.add(filing, region)
