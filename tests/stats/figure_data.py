"""A known data set for the figure table, and the figures counted from it in plain Python.

``build_figure_data`` spreads records over 340102 and 340103 (under 合肥市 340100), 合肥市's own
federation, 340202 (under 芜湖市), the province's own federation and a county directly under the
province (349001, no city), on the day before the period, its first day, a day inside, its last
day and the day after (times at the edges of the local day, Asia/Shanghai). Rows are written
directly (``all_objects`` + ``set_region``) where the services would refuse back-dated records,
and through the test factories elsewhere.

``expected_table`` counts every indicator again from ``list(Model.all_objects...)`` with loops and
``if``s: no SQL aggregate, no shared helper of the selector.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from itertools import count, cycle
from zoneinfo import ZoneInfo

from django.utils import timezone

from accounts.roles import Role
from accounts.services import create_user
from cases.models import (
    Accommodation,
    Case,
    Channel,
    DisabilityCategory,
    Intake,
    MatterCategory,
    Referral,
    ReturnVisit,
    Service,
)
from lawstation.periods import Period, quarter
from people.models import Person
from regions.models import Federation, Level, Region
from stats.indicators import AGE_BANDS, INDICATORS
from tests.cases.helpers import make_applicant, make_case
from tests.factories import PASSWORD, Cast, make_region
from tests.people.helpers import make_person
from workstations.models import (
    CoordinationGroup,
    DutyDay,
    Filing,
    StatusChange,
    Workstation,
)

PERIOD: Period = quarter(2025, 2)  # 2025-04-01 .. 2025-06-30
SHANGHAI = ZoneInfo("Asia/Shanghai")
BEFORE, START, MIDDLE, END, AFTER = (
    date(2025, 3, 31),
    date(2025, 4, 1),
    date(2025, 5, 15),
    date(2025, 6, 30),
    date(2025, 7, 1),
)
DAYS = [BEFORE, START, MIDDLE, END, AFTER]
# Instants at the edges of local days: 00:00 on the first day is still the day before in UTC.
INSTANTS = [
    datetime.combine(BEFORE, time(23, 59, 59), SHANGHAI),
    datetime.combine(START, time(0, 0), SHANGHAI),
    datetime.combine(MIDDLE, time(12, 0), SHANGHAI),
    datetime.combine(END, time(23, 59, 59), SHANGHAI),
    datetime.combine(AFTER, time(0, 0), SHANGHAI),
]
DIRECT_COUNTY = "349001"  # a county directly under the province: no city code
CODES = ["340102", "340103", "340100", "340202", "340000", DIRECT_COUNTY]
# Birth dates at the edges of the age bands (age as at 2025-06-30), and one not recorded.
BIRTH_DATES = [
    date(2007, 6, 30),  # 18 on the last day
    date(2007, 7, 1),  # 17
    date(1980, 6, 30),  # 45
    date(1980, 7, 1),  # 44
    date(1965, 6, 30),  # 60
    date(1965, 7, 1),  # 59
    None,
    date(1990, 1, 1),
]
SEXES = ["m", "f", ""]
GRADES = [1, 2, 3, 4, None]
CATEGORIES = [*DisabilityCategory.values, ""]
STATUSES = Referral.Status.values
MONEY = [None, Decimal("1234.50"), Decimal("0.05"), Decimal("100")]
_keys = count(1)


def add_direct_county(cast: Cast) -> None:
    """仙桃-like: a county directly under the province (city code NULL)."""
    region = make_region(DIRECT_COUNTY, "直管县", Level.COUNTY, cast.regions["340000"])
    cast.regions[DIRECT_COUNTY] = region
    federation = Federation.objects.create(region=region, name="直管县残联")
    cast.federations[DIRECT_COUNTY] = federation
    cast.users[(DIRECT_COUNTY, Role.CLERK)] = create_user(
        f"clerk-{DIRECT_COUNTY}", actor=None, password=PASSWORD, federation=federation, role="clerk"
    )


def _row(model, cast: Cast, code: str, **fields):
    row = model(**fields)
    row.set_region(cast.regions[code])
    row.save()
    return row


def build_figure_data(cast: Cast, rounds: int = 1) -> None:
    """The known data set (``rounds`` copies of the per-period records; coverage once)."""
    for code in CODES:
        provider = make_person(cast, code, kind=Person.Kind.LAWYER)
        for round_ in range(rounds):
            _records(cast, code, provider, round_)
    if rounds == 1 or not Workstation.all_objects.exists():
        _coverage(cast)


def _records(cast: Cast, code: str, provider: Person, round_: int) -> None:
    federation = cast.federations[code]
    shift = CODES.index(code) + round_
    channels = cycle(Channel.values[shift:] + Channel.values[:shift])
    matters = MatterCategory.values
    applicants = [
        make_applicant(
            cast,
            code,
            birth_date=BIRTH_DATES[(index + shift) % len(BIRTH_DATES)],
            sex=SEXES[(index + shift) % len(SEXES)],
            disability_grade=GRADES[(index + shift) % len(GRADES)],
            disability_category=CATEGORIES[(index + shift) % len(CATEGORIES)],
        )
        for index in range(8)
    ]
    rng = random.Random(f"figures-{code}-{round_}")  # varied, and the same on every run
    for index, instant in enumerate(INSTANTS):
        for variant in range(2):
            _row(
                Intake,
                cast,
                code,
                federation=federation,
                channel=next(channels),
                received_at=instant,
                in_own_words="求助",
                outcome=Intake.Outcome.values[(index + variant + shift) % 3],
                submission_key=f"k{next(_keys)}",
            )
            step = 2 * index + variant + shift
            applicant = applicants[(2 * index + variant) % len(applicants)]
            closed = INSTANTS[(index + variant + 1) % 5] if step % 3 else None
            case = make_case(
                cast,
                code,
                applicant=applicant,
                channel=next(channels),
                matter_category=matters[(2 * index + variant + 5 * shift) % len(matters)],
                registered_at=instant,
                closed_at=closed,
                outcome=rng.choice(Case.Outcome.values) if closed else "",
                money_recovered=MONEY[step % len(MONEY)] if closed else None,
                archived_at=INSTANTS[(index + 2 * variant) % 5] if step % 2 else None,
            )
            _case_records(cast, code, case, provider, step, rng)


def _case_records(
    cast: Cast, code: str, case: Case, provider: Person, step: int, rng: random.Random
) -> None:
    kinds = Service.Kind.values
    for offset in range(3):
        day = DAYS[(step + offset) % 5]
        service = _row(
            Service,
            cast,
            code,
            case=case,
            kind=kinds[(step + offset // 2) % len(kinds)],  # twice the same kind sometimes
            provider=provider,
            provided_on=day,
            channel="in_person",
        )
        if offset != 1:
            _row(
                Accommodation,
                cast,
                code,
                service=service,
                kind=Accommodation.Kind.values[(step + offset) % 6],
                provided_on=DAYS[(step + offset + 1) % 5],
            )
    sent_on = DAYS[step % 5] - timedelta(days=step % 4)
    # Some referrals withdrawn for sure (on the day sent, or weeks later: after the period).
    drawn = rng.choice(STATUSES)
    status = "withdrawn" if step % 5 == 3 else drawn
    decided = status in ("accepted", "refused", "concluded") or (status == "withdrawn" and step % 2)
    _row(
        Referral,
        cast,
        code,
        case=case,
        kind=rng.choice(Referral.Kind.values),
        status=status,
        prepared_at=INSTANTS[0],
        consented_on=None if status == "prepared" else sent_on,
        sent_on=None if status == "prepared" else sent_on,
        decided_on=sent_on + timedelta(days=[3, 7, 8, 12][step % 4]) if decided else None,
        refusal_reason="不符合经济困难条件"
        if status == "refused" or (status == "concluded" and step % 2)
        else "",
        withdrawn_on=sent_on + timedelta(days=40 if step % 5 == 4 else step % 2)
        if status == "withdrawn"
        else None,
    )
    _row(
        ReturnVisit,
        cast,
        code,
        case=case,
        due_on=DAYS[step % 5],
        done_on=DAYS[(step + 1) % 5] if step % 4 else None,
        satisfaction=rng.choice([None, 1, 2, 3, 4, 5]),
    )
    station = _station(cast, code)
    _row(
        DutyDay,
        cast,
        code,
        workstation=station,
        person=provider,
        day=DAYS[step % 5],
        starts_at=time(9),
        ends_at=time(12),
        checked_in_at=INSTANTS[2] if step % 3 else None,
    )


def _station(cast: Cast, code: str) -> Workstation:
    federation = cast.federations[code]
    station = Workstation.all_objects.filter(federation=federation).first()
    return station or _row(
        Workstation, cast, code, federation=federation, name=f"{federation.name}工作站"
    )


# Coverage as at the last day, per federation: (group set up, dissolved), status history,
# filings (status, decided at; None: not decided).
GROUPS = {
    "340102": (date(2020, 1, 1), None),
    "340103": (END, None),
    "340100": (AFTER, None),
    "340202": (date(2019, 1, 1), END),
    "340000": (date(2019, 1, 1), AFTER),
}
HISTORY = {
    "340102": [("planned", date(2019, 1, 1)), ("established", date(2020, 1, 1))],
    "340103": [("planned", date(2019, 1, 1)), ("established", AFTER)],
    "340100": [("established", date(2020, 1, 1)), ("suspended", END)],
    "340202": [("established", date(2020, 1, 1)), ("suspended", START), ("established", END)],
    "340000": [("established", date(2019, 1, 1)), ("closed", AFTER)],
    DIRECT_COUNTY: [("planned", date(2019, 1, 1))],
}
FILINGS = {
    "340102": [("accepted", INSTANTS[2])],
    "340103": [("accepted", INSTANTS[0]), ("returned", INSTANTS[3])],
    "340100": [("accepted", INSTANTS[0]), ("submitted", None)],
    "340202": [("returned", INSTANTS[0]), ("accepted", INSTANTS[4])],
    "340000": [("accepted", INSTANTS[3])],
}
PEOPLE = [  # kind, active from, active until
    (Person.Kind.LAWYER, date(2019, 1, 1), None),
    (Person.Kind.LEGAL_WORKER, date(2019, 1, 1), END),
    (Person.Kind.OTHER, END, None),
    (Person.Kind.OTHER, AFTER, None),
    (Person.Kind.STAFF, date(2019, 1, 1), None),
    (Person.Kind.LAWYER, date(2019, 1, 1), BEFORE),
]


def _coverage(cast: Cast) -> None:
    for code, (established, dissolved) in GROUPS.items():
        _row(
            CoordinationGroup,
            cast,
            code,
            federation=cast.federations[code],
            established_on=established,
            dissolved_on=dissolved,
        )
    for code, history in HISTORY.items():
        station = _station(cast, code)
        for status, day in history:
            _row(StatusChange, cast, code, workstation=station, status=status, effective_on=day)
    for code, filings in FILINGS.items():
        person = make_person(cast, code, kind=Person.Kind.STAFF)
        above = cast.regions[code].parent or cast.regions[code]
        for number, (status, decided_at) in enumerate(filings, start=1):
            _row(
                Filing,
                cast,
                code,
                federation=cast.federations[code],
                filed_with=cast.federations[above.code],
                person=person,
                number=number,
                status=status,
                submitted_at=INSTANTS[0] - timedelta(days=30),
                submitted_by=cast.user(code, Role.CLERK),
                decided_at=decided_at,
                return_reason="材料不全" if status == "returned" else "",
            )
    for index, code in enumerate(CODES):
        for kind, since, until in PEOPLE[index % 3 :]:
            person = make_person(cast, code, kind=kind, active_from=since)
            Person.all_objects.filter(pk=person.pk).update(active_until=until)


# --- Independent counting -------------------------------------------------------------------


def local_day(instant: datetime | None) -> date | None:
    return None if instant is None else timezone.localtime(instant, SHANGHAI).date()


def inside(day: date | None, period: Period = PERIOD) -> bool:
    return day is not None and period.start <= day <= period.end


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def age_band(birth: date | None, day: date) -> str:
    if birth is None:
        return "unknown"
    age = age_on(birth, day)
    for key, low, high, _label in AGE_BANDS:
        if age >= low and (high is None or age <= high):
            return key
    raise AssertionError(age)


def area_of(row, region: Region) -> str | None:
    """The column the row belongs to in ``region``'s table; None when outside the region."""
    if region.level == Level.COUNTY:
        return "total" if row.county_code == region.code else None
    if region.level == Level.CITY:
        if row.city_code != region.code:
            return None
        return row.county_code or "own"
    if row.province_code != region.code:
        return None
    return row.city_code or row.county_code or "own"


Weight = Callable[[object], object]


def _rules(period: Period) -> list[tuple[str, list, Weight, Callable | None]]:
    """(indicator key, rows, what a row adds (0/False: nothing), distinct on) per indicator."""
    end = period.end
    rules: list[tuple[str, list, Weight, Callable | None]] = []

    def add(key: str, rows: list, weight: Weight, distinct: Callable | None = None) -> None:
        rules.append((key, rows, weight, distinct))

    intakes = list(Intake.all_objects.all())
    received = [i for i in intakes if inside(local_day(i.received_at), period)]
    add("consultations.total", received, lambda i: 1)
    for channel in Channel.values:
        add(f"consultations.channel.{channel}", received, lambda i, c=channel: i.channel == c)
    add("consultations.on_the_spot", received, lambda i: i.outcome == "consultation")

    cases = list(Case.all_objects.select_related("applicant"))
    registered = [c for c in cases if inside(local_day(c.registered_at), period)]
    add("cases.registered", registered, lambda c: 1)
    breakdowns: dict[str, tuple[Iterable, Callable]] = {
        "cases.channel": (Channel.values, lambda c: c.channel),
        "cases.matter": (MatterCategory.values, lambda c: c.matter_category),
        "cases.disability": (
            [*DisabilityCategory.values, "unknown"],
            lambda c: c.disability_category or "unknown",
        ),
        "cases.grade": (
            ["1", "2", "3", "4", "unknown"],
            lambda c: str(c.applicant.disability_grade or "unknown"),
        ),
        "cases.sex": (["m", "f", "unknown"], lambda c: c.applicant.sex or "unknown"),
        "cases.age": (
            [key for key, *_rest in AGE_BANDS] + ["unknown"],
            lambda c: age_band(c.applicant.birth_date, end),
        ),
    }
    for prefix, (values, of) in breakdowns.items():
        for value in values:
            add(f"{prefix}.{value}", registered, lambda c, v=value, of=of: of(c) == v)

    served = [s for s in Service.all_objects.all() if inside(s.provided_on, period)]
    add("cases.served", served, lambda s: 1, lambda s: s.case_id)
    for kind in Service.Kind.values:
        add(f"cases.service.{kind}", served, lambda s, k=kind: s.kind == k, lambda s: s.case_id)

    referrals = list(Referral.all_objects.all())
    sent = [r for r in referrals if inside(r.sent_on, period)]
    decided = [r for r in referrals if inside(r.decided_on, period)]
    add("referrals.sent", sent, lambda r: 1)
    for kind in Referral.Kind.values:
        add(f"referrals.target.{kind}", sent, lambda r, k=kind: r.kind == k)

    def standing(r) -> str:
        """Where a referral stood on the period's last day, from its dates."""
        if r.status == "withdrawn" and r.withdrawn_on and r.withdrawn_on <= period.end:
            return "withdrawn"
        if r.decided_on and r.decided_on <= period.end:
            return "refused" if r.refusal_reason else "accepted"
        return "pending"

    for name in ("accepted", "refused", "withdrawn", "pending"):
        add(f"referrals.{name}", sent, lambda r, n=name: standing(r) == n)
    add("referrals.decided", decided, lambda r: 1)
    add("referrals.decided_within_norm", decided, lambda r: (r.decided_on - r.sent_on).days <= 7)
    add("referrals.decision_days_total", decided, lambda r: (r.decided_on - r.sent_on).days)

    closed = [c for c in cases if inside(local_day(c.closed_at), period)]
    add("cases.closed", closed, lambda c: 1)
    for outcome in Case.Outcome.values:
        add(f"cases.outcome.{outcome}", closed, lambda c, o=outcome: c.outcome == o)
    add("money.recovered", closed, lambda c: c.money_recovered or Decimal(0))
    archived = [c for c in cases if inside(local_day(c.archived_at), period)]
    add("cases.archived", archived, lambda c: 1)

    visits = [v for v in ReturnVisit.all_objects.all() if inside(v.done_on, period)]
    add("return_visits.done", visits, lambda v: 1)
    add("return_visits.rated", visits, lambda v: v.satisfaction is not None)
    add("return_visits.satisfied", visits, lambda v: (v.satisfaction or 0) >= 4)

    duty = [d for d in DutyDay.all_objects.all() if inside(d.day, period)]
    add("duty.days_held", duty, lambda d: d.checked_in_at is not None)
    arranged = [a for a in Accommodation.all_objects.all() if inside(a.provided_on, period)]
    add("accommodations.arranged", arranged, lambda a: 1)
    add("accommodations.sign_language", arranged, lambda a: a.kind == "sign_language")

    add("coverage.groups", list(CoordinationGroup.all_objects.all()), _group_in_place(end))
    add("coverage.workstations", list(Workstation.all_objects.all()), _established(end))
    add("coverage.filings", list(Filing.all_objects.all()), _filed(end))
    add("coverage.lawyers", list(Person.all_objects.all()), _active_provider(end))
    return rules


def _group_in_place(end: date) -> Weight:
    return lambda g: g.established_on <= end and (g.dissolved_on is None or g.dissolved_on > end)


def _established(end: date) -> Weight:
    changes = list(StatusChange.all_objects.all())

    def weight(station: Workstation) -> bool:
        mine = [c for c in changes if c.workstation_id == station.pk and c.effective_on <= end]
        if not mine:
            return False
        latest = max(mine, key=lambda c: (c.effective_on, c.pk))
        return latest.status == "established"

    return weight


def _filed(end: date) -> Weight:
    filings = list(Filing.all_objects.all())

    def weight(filing: Filing) -> bool:
        decided = [
            f
            for f in filings
            if f.federation_id == filing.federation_id
            and f.decided_at is not None
            and local_day(f.decided_at) <= end
        ]
        latest = max(decided, key=lambda f: f.number) if decided else None
        return latest is not None and latest.pk == filing.pk and filing.status == "accepted"

    return weight


def _active_provider(end: date) -> Weight:
    kinds = ("lawyer", "legal_worker", "other")
    return lambda p: (
        p.kind in kinds
        and p.active_from <= end
        and (p.active_until is None or p.active_until >= end)
    )


def expected_table(region: Region, columns: list[str], period: Period = PERIOD) -> dict:
    """``{indicator key: {column: figure}}`` counted in Python; ``columns`` as the test expects
    them (the areas below, "own", "total")."""
    expected: dict[str, dict[str, object]] = {}
    for key, rows, weight, distinct in _rules(period):
        sums: dict[str, object] = dict.fromkeys(columns, 0)
        seen: dict[str, set] = {column: set() for column in columns}
        for row in rows:
            area = area_of(row, region)
            value = weight(row)
            if area is None or not value:
                continue
            for column in {area, "total"}:
                if distinct is not None:
                    seen[column].add(distinct(row))
                    sums[column] = len(seen[column])
                else:
                    sums[column] += int(value) if isinstance(value, bool) else value
        expected[key] = sums
    expected["money.recovered"] = {
        column: Decimal(value).quantize(Decimal("0.01"))
        for column, value in expected["money.recovered"].items()
    }
    for indicator in INDICATORS:
        if indicator.kind == "ratio":
            top, bottom = expected[indicator.numerator], expected[indicator.denominator]
            expected[indicator.key] = {
                column: None
                if not bottom[column]
                else (Decimal(top[column] * indicator.scale) / bottom[column]).quantize(
                    Decimal("0.1"), ROUND_HALF_UP
                )
                for column in columns
            }
    return expected
