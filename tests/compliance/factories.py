"""Data builders for compliance tests: the records each indicator reads, dated as a test needs.

Plain keyword functions. A workstation comes from ``station(cast, code)`` (the service that
creates workstations, then marked established with a formal head); every other builder takes the
workstation (or a case) and writes rows filed under its region, with the dates given, so a test
can build a past period without waiting for the calendar. ``compliant_station`` builds a
workstation that meets every indicator in a period, for tests that need "a good one".

Kept stable: other compliance tests (assessments, scorecards, roll-up, bench) import these.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from itertools import count

from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from accounts.services import create_user
from cases.models import (
    Accommodation,
    Applicant,
    Case,
    Complaint,
    Intake,
    Referral,
    ReturnVisit,
    RiskFlag,
    Service,
)
from lawstation.periods import Period
from people.models import Engagement, Person
from regions.models import Federation, Level
from tests.factories import PASSWORD, Cast, make_region
from tests.workstations.stations_helpers import make_station
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

_serial = count(1)

COMPLETE_NOTICE = {
    "scope_of_cases": "残疾人权益受侵害的案件",
    "workflow": "申请、受理、审查、服务、结案",
    "working_hours": "周一至周五 8:30-12:00",
    "office_address": "合肥市某路1号一楼",
    "phone": "0551-12345678",
    "sms_number": "10690000",
    "email": "help@example.org",
}


def at(day: date, hour: int = 10) -> datetime:
    """An aware datetime on ``day`` (the project's time zone)."""
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _file(row, station: Workstation):
    """File ``row`` under the workstation's region and save it."""
    row.province_code = station.province_code
    row.city_code = station.city_code
    row.county_code = station.county_code
    row.save()
    return row


def _file_case(row, case: Case):
    row.province_code, row.city_code, row.county_code = (
        case.province_code,
        case.city_code,
        case.county_code,
    )
    row.save()
    return row


def user_at(station: Workstation) -> User:
    """A staff account of the workstation's federation (for ``raised_by``, ``submitted_by``)."""
    return User.objects.filter(membership__federation_id=station.federation_id).order_by("pk")[0]


# --- Workstation and people (standard 3) ----------------------------------------------------


def add_county(cast: Cast, code: str, parent: str = "340100", name: str = "") -> str:
    """One more county (region, federation and clerk) in the cast, under ``parent``."""
    region = make_region(code, name or f"县{code}", Level.COUNTY, cast.regions[parent])
    cast.regions[code] = region
    cast.federations[code] = Federation.objects.create(region=region, name=f"{region.name}残联")
    cast.users[(code, Role.CLERK)] = create_user(
        f"clerk-{code}",
        actor=None,
        password=PASSWORD,
        federation=cast.federations[code],
        role=Role.CLERK,
    )
    return code


def more_counties(cast: Cast, number: int, parent: str = "340100") -> list[str]:
    """``number`` extra counties under ``parent`` (codes 3401<50...>)."""
    first = 50 + sum(1 for code in cast.regions if code.startswith(parent[:4] + "5"))
    return [add_county(cast, f"{parent[:4]}{first + i:02d}", parent) for i in range(number)]


def person(
    station: Workstation,
    *,
    kind: str = Person.Kind.STAFF,
    formal: bool = False,
    federation=None,
    active_from: date = date(2019, 1, 1),
    active_until: date | None = None,
) -> Person:
    federation = federation or station.federation
    row = Person(
        federation=federation,
        name=f"人员{next(_serial)}",
        kind=kind,
        is_formal_staff=formal,
        licence_number=f"1340{next(_serial):010d}" if kind == Person.Kind.LAWYER else "",
        active_from=active_from,
        active_until=active_until,
    )
    row.set_region(federation.region)
    row.save()
    return row


def set_head(station: Workstation, head: Person | None) -> Workstation:
    station.head = head
    station.save(update_fields=["head"])
    return station


def station(cast: Cast, code: str = "340102", *, head: bool = True) -> Workstation:
    """The workstation of ``code``'s federation, established, with a formal staff head."""
    row = make_station(cast, code)
    row.status = Workstation.Status.ESTABLISHED
    row.approved_on = date(2019, 6, 1)
    row.save(update_fields=["status", "approved_on"])
    if head and row.head_id is None:
        set_head(row, person(row, formal=True))
    return row


def engage(
    station: Workstation,
    *,
    kind: str = Person.Kind.LAWYER,
    starts_on: date = date(2020, 1, 1),
    ends_on: date | None = None,
) -> Engagement:
    """A lawyer (or legal worker, ``kind``) engaged by the workstation over the dates given."""
    provider = person(station, kind=kind)
    row = Engagement(
        person=provider,
        workstation=station,
        kind=Engagement.Kind.CONTRACT,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    return _file(row, station)


# --- Premises (standard 2) ------------------------------------------------------------------


def premises_check(
    station: Workstation,
    item: str,
    *,
    checked_on: date,
    present: bool = True,
    evidence: str = "照片 IMG_0001",
) -> PremisesCheck:
    row = PremisesCheck(
        workstation=station, item=item, present=present, evidence=evidence, checked_on=checked_on
    )
    return _file(row, station)


def all_premises(
    station: Workstation, *, checked_on: date, skip: tuple[str, ...] = (), **fields
) -> list[PremisesCheck]:
    """A check of every premises item (but ``skip``) on ``checked_on``."""
    return [
        premises_check(station, item, checked_on=checked_on, **fields)
        for item in PremisesItem.values
        if item not in skip
    ]


# --- Public notice (standard 4) and channels (standard 5) -------------------------------------


def notice(
    station: Workstation,
    *,
    effective_from: date = date(2020, 1, 1),
    effective_until: date | None = None,
    published: tuple[str, ...] = (
        Publication.Channel.WEBSITE,
        Publication.Channel.NOTICE_BOARD,
    ),
    **fields,
) -> PublicNotice:
    """A notice (complete unless ``fields`` blank some items) published where ``published``
    says."""
    row = PublicNotice(
        workstation=station,
        effective_from=effective_from,
        effective_until=effective_until,
        **(COMPLETE_NOTICE | fields),
    )
    _file(row, station)
    for channel in published:
        _file(Publication(notice=row, channel=channel, published_on=effective_from), station)
    return row


def duty_day(
    station: Workstation, day: date, *, checked_in: bool = True, provider: Person | None = None
) -> DutyDay:
    provider = provider or person(station, kind=Person.Kind.LEGAL_WORKER)
    row = DutyDay(
        workstation=station,
        person=provider,
        day=day,
        starts_at=time(9),
        ends_at=time(12),
        checked_in_at=at(day, 9) if checked_in else None,
    )
    return _file(row, station)


def duty_every_month(station: Workstation, period: Period, **fields) -> list[DutyDay]:
    provider = person(station, kind=Person.Kind.LEGAL_WORKER)
    return [
        duty_day(station, date(year, month, 15), provider=provider, **fields)
        for year, month in period.months()
    ]


# --- Cases (standards 1, 5, 6, 7, 9) ----------------------------------------------------------


def applicant(station: Workstation, *, needs: list[str] | None = None, **fields) -> Applicant:
    """A complete applicant record: what the statistics need (sex, date of birth, category and
    grade) is recorded, so the data-quality checks pass unless a test says otherwise."""
    values = {
        "federation": station.federation,
        "name": f"申请人{next(_serial)}",
        "communication_needs": needs or [],
        "sex": Applicant.Sex.FEMALE,
        "birth_date": date(1980, 5, 1),
        "disability_category": "4",
        "disability_grade": 3,
    }
    return _file(Applicant(**(values | fields)), station)


def case(
    station: Workstation,
    *,
    registered_on: date,
    received_on: date | None = None,
    status: str = Case.Status.ACCEPTED,
    needs: list[str] | None = None,
    **fields,
) -> Case:
    """A case of the workstation registered on ``registered_on``; with ``received_on``, from an
    intake received that day. ``fields`` set anything else (closed_at, decision...)."""
    person_applying = applicant(station, needs=needs)
    intake = None
    if received_on is not None:
        intake = _file(
            Intake(
                federation=station.federation,
                channel="in_person",
                received_at=at(received_on, 9),
                applicant=person_applying,
                in_own_words="单位拖欠工资",
                outcome=Intake.Outcome.CASE,
                submission_key=f"compliance-{next(_serial)}",
            ),
            station,
        )
    serial = next(_serial)
    values = {
        "federation": station.federation,
        "workstation": station,
        "year": registered_on.year,
        "serial": serial,
        "number": f"{station.federation.region.code}-{registered_on.year}-{serial:05d}",
        "applicant": person_applying,
        "intake": intake,
        "channel": "in_person",
        "matter": "单位拖欠工资",
        "matter_category": "employment",
        "disability_category": person_applying.disability_category,
        "status": status,
        "registered_at": at(registered_on),
    }
    return _file(Case(**(values | fields)), station)


def closed_case(station: Workstation, *, closed_on: date, **fields) -> Case:
    """A case registered a month before ``closed_on`` and closed that day (resolved)."""
    values = {
        "registered_on": closed_on - timedelta(days=30),
        "status": Case.Status.CLOSED,
        "closed_at": at(closed_on, 16),
        "outcome": Case.Outcome.RESOLVED,
    }
    return case(station, **(values | fields))


def complaint(
    kase: Case, *, received_on: date, resolved_on: date | None = None, handling: str = ""
) -> Complaint:
    row = Complaint(
        case=kase,
        received_on=received_on,
        content="服务态度差",
        handling=handling or ("已核实并整改" if resolved_on else ""),
        resolved_on=resolved_on,
    )
    return _file_case(row, kase)


def return_visit(kase: Case, *, done_on: date | None, satisfaction: int | None) -> ReturnVisit:
    row = ReturnVisit(
        case=kase,
        due_on=done_on or date(2025, 1, 1),
        done_on=done_on,
        method=ReturnVisit.Method.PHONE if done_on else "",
        satisfaction=satisfaction,
    )
    return _file_case(row, kase)


def service(
    kase: Case, *, provided_on: date, kind: str = Service.Kind.CONSULTATION, provider=None
) -> Service:
    provider = provider or person(kase.workstation, kind=Person.Kind.LAWYER)
    row = Service(
        case=kase, kind=kind, provider=provider, provided_on=provided_on, channel="in_person"
    )
    return _file_case(row, kase)


def accommodation(
    served: Service, *, provided_on: date | None = None, kind: str = "sign_language"
) -> Accommodation:
    row = Accommodation(
        service=served, kind=kind, provided_on=provided_on or served.provided_on, provided_by="手语"
    )
    return _file_case(row, served.case)


def risk_flag(kase: Case, *, raised_on: date, reviewed_on: date | None = None) -> RiskFlag:
    by = user_at(kase.workstation)
    row = RiskFlag(
        case=kase,
        kind=RiskFlag.Kind.GROUP_DISPUTE,
        note="多人共同纠纷",
        raised_at=at(raised_on, 9),
        raised_by=by,
        reviewed_at=at(reviewed_on, 11) if reviewed_on else None,
        reviewed_by=by if reviewed_on else None,
        review_note="已研判" if reviewed_on else "",
    )
    return _file_case(row, kase)


def partner(station: Workstation, *, kind: str = "legal_aid") -> Partner:
    row = Partner(region=station.federation.region, kind=kind, name=f"法律援助中心{next(_serial)}")
    return _file(row, station)


def referral(
    kase: Case,
    *,
    sent_on: date,
    kind: str = Referral.Kind.LEGAL_AID,
    status: str = Referral.Status.SENT,
    decision_due_on: date | None = None,
    assignment_due_on: date | None = None,
    assigned_on: date | None = None,
    to: Partner | None = None,
    **fields,
) -> Referral:
    """A referral sent on ``sent_on`` (legal aid: decision due 7 days later unless given)."""
    if decision_due_on is None and kind == Referral.Kind.LEGAL_AID:
        decision_due_on = sent_on + timedelta(days=7)
    row = Referral(
        case=kase,
        kind=kind,
        status=status,
        partner=to if to is not None else partner(kase.workstation),
        consented_on=sent_on,
        prepared_at=at(sent_on, 9),
        sent_on=sent_on,
        sent_at=at(sent_on, 10),
        decision_due_on=decision_due_on,
        assignment_due_on=assignment_due_on,
        assigned_on=assigned_on,
        **fields,
    )
    return _file_case(row, kase)


def referral_required_case(station: Workstation, *, registered_on: date, **fields) -> Case:
    """A case whose triage decided to refer it to legal aid."""
    values = {"decision": Case.Decision.LEGAL_AID, "decided_at": at(registered_on, 15)}
    return case(station, registered_on=registered_on, **(values | fields))


# --- Coordination contacts (standard 7) -------------------------------------------------------


def contact(station: Workstation, contacted_on: date, *, to: Partner | None = None):
    row = CoordinationContact(
        workstation=station,
        partner=to or partner(station, kind="court"),
        contacted_on=contacted_on,
        matter="联席会议",
    )
    return _file(row, station)


def contact_every_quarter(station: Workstation, period: Period) -> list[CoordinationContact]:
    to = partner(station, kind="court")
    months = period.months()
    firsts = [(y, m) for y, m in months if (m - 1) % 3 == 0] or months[:1]
    return [contact(station, date(y, m, 10), to=to) for y, m in firsts]


# --- Funding (standard 8) ---------------------------------------------------------------------


def budget(
    station: Workstation, year: int, *, amount: str | Decimal = "50000", source: str = "fiscal"
) -> Budget:
    row = Budget(workstation=station, year=year, source=source, amount=Decimal(amount))
    return _file(row, station)


def financial_rule(station: Workstation, *, adopted_on: date = date(2020, 3, 1)) -> FinancialRule:
    row = FinancialRule(
        workstation=station, document_number=f"财务制度{next(_serial)}号", adopted_on=adopted_on
    )
    return _file(row, station)


def expenditure(
    station: Workstation, spent_on: date, *, amount: str | Decimal = "1200"
) -> Expenditure:
    row = Expenditure(
        workstation=station, spent_on=spent_on, category="legal_services", amount=Decimal(amount)
    )
    return _file(row, station)


# --- Filing (standard 9) ----------------------------------------------------------------------


def filing(
    station: Workstation,
    *,
    status: str = Filing.Status.ACCEPTED,
    submitted_on: date = date(2020, 3, 1),
    number: int | None = None,
) -> Filing:
    """The daily manager's filing with the federation above, in ``status``."""
    by = user_at(station)
    manager = station.daily_manager or person(station, formal=True)
    if station.daily_manager_id is None:
        station.daily_manager = manager
        station.save(update_fields=["daily_manager"])
    parent = station.federation.region.parent
    above = parent.federation if parent else station.federation
    if number is None:
        number = Filing.all_objects.filter(federation=station.federation).count() + 1
    decided = status != Filing.Status.SUBMITTED
    row = Filing(
        federation=station.federation,
        filed_with=above,
        person=manager,
        number=number,
        status=status,
        submitted_at=at(submitted_on),
        submitted_by=by,
        decided_at=at(submitted_on + timedelta(days=3)) if decided else None,
        decided_by=by if decided else None,
        return_reason="材料不全" if status == Filing.Status.RETURNED else "",
    )
    return _file(row, station)


# --- A workstation that meets every indicator -------------------------------------------------


def compliant_station(cast: Cast, code: str, period: Period) -> Workstation:
    """A workstation whose records meet every indicator in ``period`` (those without records,
    such as complaints, are met or not applicable). Used as the "good" baseline."""
    row = station(cast, code)
    engage(row, starts_on=period.start - timedelta(days=365))
    all_premises(row, checked_on=period.start)
    notice(row, effective_from=period.start - timedelta(days=30))
    duty_every_month(row, period)
    contact_every_quarter(row, period)
    for year in range(period.start.year, period.end.year + 1):
        budget(row, year)
    financial_rule(row, adopted_on=period.start - timedelta(days=60))
    expenditure(row, period.start + timedelta(days=20))
    filing(row, submitted_on=period.start - timedelta(days=30))
    served = closed_case(
        row,
        closed_on=period.start + timedelta(days=40),
        received_on=period.start + timedelta(days=9),
        registered_on=period.start + timedelta(days=10),
    )
    return_visit(served, done_on=period.start + timedelta(days=50), satisfaction=5)
    return row
