"""A province's statistics data set in SQL: a million cases and ten million services in minutes.

Every row is made by ``INSERT ... SELECT`` statements inside the database (PostgreSQL's
``generate_series``, SQLite's recursive CTE), never one Python object per row. "Random" values
are a multiplicative hash of the row number (``(n * A) mod P``), so a data set is the same on
SQLite and PostgreSQL and from one run to the next. Nothing here is a real person.

Shape (per case, on average): one applicant (sex, date of birth, disability category and grade,
a few left unrecorded), the intake it came from plus ``intakes_per_case - 1`` other intakes
(mostly consultations closed on the spot), ``services_per_case`` services over the cases that
were served (none for a case still registered or not accepted), one referral for one case in
eight (every referred case), a return visit for seven closed cases in ten, an access
arrangement for one service in fifty. Cases are spread over the federations of the province
(counties carry most, cities fewer, the province fewest), 10 % registered the year before the
reporting year, 78 % in it, 12 % in the first four months of the year after. Each federation
gets a workstation, a coordination group, a lawyer engaged by contract, a filing accepted by the
level above and a duty day a week; its workstation's establishment is on record.

Columns the generator does not set take the model field's default, so it keeps working when a
model gains a field with a default; ``tests/test_bench_statistics.py`` builds a small set through
the same code and checks it against the models' constraints.
"""

from __future__ import annotations

import zlib
from bisect import bisect_left
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import accumulate

from django.db import connection, models, transaction
from django.utils import timezone

from accounts.models import User
from cases.models import (
    Accommodation,
    Applicant,
    Case,
    Intake,
    Referral,
    ReturnVisit,
    Service,
)
from people.models import Engagement, Person
from regions.models import Federation, Level, Region
from regions.scoping import region_codes, unscoped
from workstations.models import CoordinationGroup, DutyDay, Filing, StatusChange, Workstation

SLOTS = 10_000  # a case's federation is drawn from this many slots, shared out by weight
PRIME = 4294967291  # the largest prime below 2**32
# Multipliers of the hash, one per attribute (all above 2**31: a product with PostgreSQL's
# integer row numbers is computed in bigint).
A = {
    "slot": 2654435761, "bucket": 2246822519, "second": 3266489917, "status": 2869860233,
    "accept": 2393847391, "close": 3735928559, "channel": 2898691123, "matter": 3092615393,
    "disability": 2147483659, "grade": 2654435789, "sex": 3141592661, "birth": 2718281831,
    "outcome": 2305843009, "money": 3367900313, "archive": 2971215073, "count": 4093082899,
    "kind": 3983498587, "day": 2166136261, "referral": 2246822507, "target": 3266489909,
    "decided": 2654435741, "visit": 3037000493, "satisfaction": 2147483693,
    "accommodation": 4294967279, "intake": 2535301231,
}  # fmt: skip

CHANNELS = [("in_person", 55), ("phone", 25), ("web", 8), ("sms", 4), ("email", 3), ("letter", 5)]
MATTERS = [
    ("employment", 24), ("family", 16), ("social_security", 14), ("tort", 10),
    ("inheritance", 7), ("education", 5), ("guardianship", 5), ("rehabilitation", 4),
    ("accessibility", 3), ("care_institution", 2), ("criminal", 3), ("administrative", 3),
    ("group", 1), ("dignity", 1), ("other", 2),
]  # fmt: skip
DISABILITIES = [
    ("1", 12), ("2", 15), ("3", 4), ("4", 40), ("5", 12), ("6", 10), ("7", 5), ("", 2),
]  # fmt: skip
GRADES = [("1", 15), ("2", 25), ("3", 30), ("4", 27), ("NULL", 3)]
SEXES = [("m", 55), ("f", 43), ("", 2)]
STATUSES = [
    ("registered", 3), ("not_accepted", 5), ("accepted", 2), ("in_service", 15),
    ("referred", 5), ("closed", 30), ("archived", 40),
]  # fmt: skip
OUTCOMES = [("resolved", 50), ("partly", 20), ("not_resolved", 15), ("withdrawn", 10)]
OUTCOMES += [("terminated", 5)]
SERVICES = [
    ("consultation", 40), ("drafting", 15), ("mediation", 15), ("coordination", 15),
    ("representation", 12), ("defence", 3),
]  # fmt: skip
TARGETS = [("legal_aid", 60), ("fee_relief", 15), ("judicial_aid", 10), ("department", 15)]
REFERRAL_STATUSES = [("accepted", 50), ("refused", 15), ("withdrawn", 5), ("concluded", 30)]
INTAKE_OUTCOMES = [("consultation", 85), ("pending", 15)]
VISIT_METHODS = [("phone", 60), ("visit", 25), ("letter", 5), ("sms", 10)]
SATISFACTION = [("5", 40), ("4", 35), ("3", 15), ("2", 7), ("1", 3)]
ACCOMMODATIONS = [
    ("sign_language", 30), ("large_print", 15), ("easy_read", 15), ("braille", 5),
    ("home_visit", 25), ("other", 10),
]  # fmt: skip
DAY = 86_400


def hashed(expr: str, attribute: str, modulus: int) -> str:
    """SQL for a deterministic pseudo-random integer in ``[0, modulus)`` from ``expr``."""
    # "%%": every statement here is run with a parameter list, so both drivers read it as "%".
    return f"((({expr}) * {A[attribute]}) %% {PRIME}) %% {modulus}"


def pick(
    expr: str, attribute: str, weighted: list[tuple[str, int]], *, numeric: bool = False
) -> str:
    """SQL choosing one of ``weighted`` (value, weight) by the hash of ``expr``: a quoted
    string, or with ``numeric`` a bare number (or ``NULL``)."""
    draw = hashed(expr, attribute, sum(weight for _, weight in weighted))

    def literal(value: str) -> str:
        return value if numeric else "'" + value.replace("'", "''") + "'"

    whens, upto = [], 0
    for value, weight in weighted[:-1]:
        upto += weight
        whens.append(f"WHEN {draw} < {upto} THEN {literal(value)}")
    return f"(CASE {' '.join(whens)} ELSE {literal(weighted[-1][0])} END)"


class Dialect:
    """The few SQL spellings that differ between SQLite and PostgreSQL."""

    def __init__(self) -> None:
        self.postgres = connection.vendor == "postgresql"
        # SQLite keeps the left table of a CROSS JOIN outermost: rows are made in case order, so
        # every index grows at its end instead of at random places (5x faster at a million).
        self.join = "JOIN" if self.postgres else "CROSS JOIN"

    def numbers(self, first: int, last: int) -> tuple[str, str]:
        """(a WITH clause, a FROM item) yielding ``n`` from ``first`` to ``last``."""
        if self.postgres:
            return "", f"generate_series({int(first)}, {int(last)}) AS seq(n)"
        with_ = (
            f"WITH RECURSIVE seq(n) AS (SELECT {int(first)} UNION ALL "
            f"SELECT n + 1 FROM seq WHERE n < {int(last)}) "
        )
        return with_, "seq"

    def moment(self, seconds: str) -> str:
        """A datetime column's value from Unix seconds (stored as Django stores it)."""
        if self.postgres:
            return f"to_timestamp({seconds})"
        return f"datetime({seconds}, 'unixepoch')"

    def day(self, seconds: str) -> str:
        """A date column's value: the UTC day of Unix seconds."""
        if self.postgres:
            return f"(DATE '1970-01-01' + CAST(({seconds}) / {DAY} AS integer))"
        return f"date({seconds}, 'unixepoch')"


def epoch(moment: datetime) -> int:
    return int(moment.timestamp())


def local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time()))


@dataclass
class Fixture:
    """Per federation: what the case rows point at."""

    federation: Federation
    region: Region
    provider: Person
    station: Workstation


def federations_of(province: Region) -> list[Federation]:
    return list(
        Federation.objects.select_related("region")
        .filter(region__province_code=province.code)
        .order_by("region_id")
    )


def weights(federations: list[Federation]) -> list[float]:
    """Counties carry most cases, cities fewer, the province fewest; each varies (CRC)."""
    factor = {Level.PROVINCE: 0.3, Level.CITY: 0.6}
    return [
        factor.get(f.region.level, 1.0) * (0.4 + (zlib.crc32(f.region_id.encode()) % 100) / 60)
        for f in federations
    ]


def build_fixtures(federations: list[Federation], year: int) -> list[Fixture]:
    """A lawyer, a workstation, a coordination group, an engagement, a filing with the level
    above and a weekly duty day for each federation (bulk, a few thousand rows)."""
    start = date(year - 1, 1, 1)
    by_region = {f.region_id: f for f in federations}
    user, _ = User.objects.get_or_create(username="bench-statistics")
    with unscoped("bench builds a province's statistics data set"):
        people = Person.all_objects.bulk_create(
            [
                _filed(
                    Person(
                        federation=f,
                        name=f"合成律师{f.region_id}",
                        kind=Person.Kind.LAWYER,
                        licence_number=f"1{f.region_id}00000000",
                        active_from=start - timedelta(days=700),
                    ),
                    f.region,
                )
                for f in federations
            ]
        )
        stations = Workstation.all_objects.bulk_create(
            [
                _filed(
                    Workstation(
                        federation=f,
                        name=f"{f.name}法律救助工作站",
                        status=Workstation.Status.ESTABLISHED,
                        approved_on=start - timedelta(days=600),
                    ),
                    f.region,
                )
                for f in federations
            ]
        )
        StatusChange.all_objects.bulk_create(
            [
                _filed(
                    StatusChange(
                        workstation=s,
                        status=Workstation.Status.ESTABLISHED,
                        effective_on=s.approved_on,
                        document_number=f"残联发{s.federation.region_id}",
                    ),
                    f.region,
                )
                for f, s in zip(federations, stations, strict=True)
            ]
        )
        CoordinationGroup.all_objects.bulk_create(
            [
                _filed(
                    CoordinationGroup(federation=f, established_on=start - timedelta(days=800)),
                    f.region,
                )
                for f in federations
            ]
        )
        Engagement.all_objects.bulk_create(
            [
                _filed(
                    Engagement(
                        person=p, workstation=s, kind="contract", starts_on=start - timedelta(400)
                    ),
                    f.region,
                )
                for f, p, s in zip(federations, people, stations, strict=True)
            ]
        )
        filings = []
        for f, p in zip(federations, people, strict=True):
            above = by_region.get(f.region.parent_id or "")
            if above is not None:
                submitted = local_midnight(start - timedelta(days=60))
                filings.append(
                    _filed(
                        Filing(
                            federation=f,
                            filed_with=above,
                            person=p,
                            number=1,
                            status=Filing.Status.ACCEPTED,
                            submitted_at=submitted,
                            submitted_by=user,
                            decided_at=submitted + timedelta(days=3),
                            decided_by=user,
                        ),
                        f.region,
                    )
                )
        Filing.all_objects.bulk_create(filings)
        duty = []
        for f, p, s in zip(federations, people, stations, strict=True):
            day = start + timedelta(days=zlib.crc32(f.region_id.encode()) % 7)
            while day < date(year + 1, 5, 1):
                held = zlib.crc32(f"{f.region_id}{day}".encode()) % 10 != 0
                duty.append(
                    _filed(
                        DutyDay(
                            workstation=s,
                            person=p,
                            day=day,
                            starts_at=time(9),
                            ends_at=time(12),
                            checked_in_at=local_midnight(day) + timedelta(hours=9)
                            if held
                            else None,
                        ),
                        f.region,
                    )
                )
                day += timedelta(days=7)
        DutyDay.all_objects.bulk_create(duty, batch_size=2000)
    return [
        Fixture(f, f.region, p, s) for f, p, s in zip(federations, people, stations, strict=True)
    ]


def _filed(row, region):
    row.set_region(region)
    return row


class Statement:
    """``INSERT INTO <model> (every column) SELECT <given expressions or defaults> <rest>``."""

    def __init__(self, model: type[models.Model], values: dict[str, str], rest: str, with_=""):
        now = timezone.now()
        columns, select, params = [], [], []
        for field in model._meta.concrete_fields:
            if isinstance(field, models.AutoField) and field.attname not in values:
                continue  # the database assigns it
            columns.append(connection.ops.quote_name(field.column))
            if field.attname in values:
                select.append(values[field.attname])
                continue
            if field.has_default():
                value = field.get_db_prep_save(field.get_default(), connection)
            elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                value = field.get_db_prep_save(now, connection)
            elif field.null:
                value = None
            else:
                value = ""
            if value is None:
                select.append("NULL")
            else:
                select.append("%s")
                params.append(value)
        table = connection.ops.quote_name(model._meta.db_table)
        # SQLite's recursive CTE goes before the INSERT ("WITH ... INSERT INTO ... SELECT").
        self.sql = (
            f"{with_}INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(select)} {rest}"
        )
        self.params = params

    def run(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(self.sql, self.params)
            if cursor.rowcount >= 0:
                return cursor.rowcount
            # SQLite reports no row count for a statement that starts with WITH.
            cursor.execute("SELECT changes()")
            return cursor.fetchone()[0]


def execute(sql: str, params: list | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])


def scalar(sql: str, params: list | None = None):
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return cursor.fetchone()[0]


def generate(
    province: Region,
    cases: int,
    *,
    year: int,
    services_per_case: int = 10,
    intakes_per_case: int = 2,
    trust_keys: bool = False,
    progress=print,
) -> dict[str, int]:
    """Build the data set for ``province`` around ``year``; returns the rows made per table.

    Each table's secondary indexes are dropped while its rows go in and built again after
    (sorting once beats millions of random b-tree inserts). ``trust_keys`` (PostgreSQL, as a
    superuser) skips the foreign-key triggers: the keys are right by construction, and the
    test builds a small set with them on."""
    import time as clock

    federations = federations_of(province)
    if not federations:
        raise ValueError(f"No federation in province {province.code}")
    dialect = Dialect()
    made: dict[str, int] = {}
    started = clock.perf_counter()

    def step(label: str, model: type[models.Model] | None, statement) -> None:
        begun = clock.perf_counter()
        with transaction.atomic():
            if model is None:
                count = statement()
            else:
                with without_indexes(model):
                    count = statement.run()
        if model is not None:
            made[model._meta.model_name] = made.get(model._meta.model_name, 0) + count
        progress(
            f"  {label:<32} {count:>11,} rows {clock.perf_counter() - begun:7.1f} s", flush=True
        )

    if not dialect.postgres:
        # A big page cache while the rows go in (put back after: it is not the application's).
        cache_size = scalar("PRAGMA cache_size")
        execute("PRAGMA cache_size = -1000000")
    else:
        execute("SET maintenance_work_mem = '256MB'")
        if trust_keys:
            execute("SET session_replication_role = replica")
    with transaction.atomic():
        fixtures = build_fixtures(federations, year)
    progress(f"  fixtures for {len(fixtures)} federations", flush=True)
    base = {
        "applicant": _next_id(Applicant),
        "case": _next_id(Case),
        "intake": _next_id(Intake),
        "referral": _next_id(Referral),
        "visit": _next_id(ReturnVisit),
        "service": _next_id(Service),
    }
    try:
        step("staging (bench_case)", None, lambda: _staging(dialect, fixtures, cases, year))
        for label, model, statement in _statements(dialect, base, cases, year, intakes_per_case):
            step(label, model, statement)
        served = scalar("SELECT COUNT(*) FROM bench_case WHERE acc IS NOT NULL")
        per_served = max(1, round(services_per_case * cases / max(served, 1)))
        step("services", Service, _services(dialect, base, per_served))
        step("accommodations", Accommodation, _accommodations(base))
    finally:
        _drop_staging()
        if dialect.postgres:
            execute("RESET session_replication_role")
            execute("RESET maintenance_work_mem")
        else:
            execute(f"PRAGMA cache_size = {int(cache_size)}")
    _reset_sequences()
    progress(f"  built in {clock.perf_counter() - started:.1f} s", flush=True)
    return made


@contextmanager
def without_indexes(model: type[models.Model]):
    """Drop ``model``'s secondary indexes (not those behind a primary key or a unique
    constraint) for the block, then create them again from their saved definitions."""
    table = model._meta.db_table
    if connection.vendor == "postgresql":
        found = (
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT IN "
            "(SELECT c.relname FROM pg_constraint k JOIN pg_class c ON c.oid = k.conindid "
            "WHERE k.conrelid = %s::regclass)"
        )
        params = [table, connection.ops.quote_name(table)]
    else:
        found = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
        found += "AND sql IS NOT NULL"
        params = [table]
    with connection.cursor() as cursor:
        cursor.execute(found, params)
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Check the deferred foreign keys now: PostgreSQL builds no index on a table with
            # pending trigger events.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for _name, definition in indexes:
            cursor.execute(definition)


def _next_id(model: type[models.Model]) -> int:
    return (model.all_objects.aggregate(last=models.Max("pk"))["last"] or 0) + 1


def _drop_staging() -> None:
    for table in ("bench_case", "bench_slot", "bench_digits"):
        execute(f"DROP TABLE IF EXISTS {table}")


def _staging(dialect: Dialect, fixtures: list[Fixture], cases: int, year: int) -> int:
    """``bench_slot`` (the federation of each of ``SLOTS`` slots, by weight), ``bench_digits``
    (0 to 63) and ``bench_case`` (one row per case: its slot, status, and the moments of
    registration, acceptance and closure in Unix seconds); returns the number of cases."""
    _drop_staging()
    execute(
        "CREATE TABLE bench_slot (slot INTEGER PRIMARY KEY, federation_id BIGINT NOT NULL, "
        "province_code VARCHAR(6), city_code VARCHAR(6), county_code VARCHAR(6), "
        "code VARCHAR(6) NOT NULL, provider_id BIGINT NOT NULL, workstation_id BIGINT NOT NULL)"
    )
    cumulative = list(accumulate(weights([fixture.federation for fixture in fixtures])))
    rows = []
    for slot in range(SLOTS):
        at = bisect_left(cumulative, (slot + 0.5) / SLOTS * cumulative[-1])
        fixture = fixtures[min(at, len(fixtures) - 1)]
        rows.append(
            (
                slot,
                fixture.federation.pk,
                *region_codes(fixture.region),
                fixture.region.code,
                fixture.provider.pk,
                fixture.station.pk,
            )
        )
    with connection.cursor() as cursor:
        cursor.executemany("INSERT INTO bench_slot VALUES (%s, %s, %s, %s, %s, %s, %s, %s)", rows)
    execute("CREATE TABLE bench_digits (k INTEGER PRIMARY KEY)")
    with connection.cursor() as cursor:
        cursor.executemany("INSERT INTO bench_digits VALUES (%s)", [(k,) for k in range(64)])
    execute(
        "CREATE TABLE bench_case (n BIGINT PRIMARY KEY, slot INTEGER NOT NULL, "
        "reg BIGINT NOT NULL, st VARCHAR(16) NOT NULL, acc BIGINT, closed BIGINT)"
    )
    before = epoch(local_midnight(date(year - 1, 1, 1)))
    during = epoch(local_midnight(date(year, 1, 1)))
    after = epoch(local_midnight(date(year + 1, 1, 1)))
    until = epoch(local_midnight(date(year + 1, 5, 1)))
    bucket = hashed("n", "bucket", 100)
    reg = (
        f"(CASE WHEN {bucket} < 10 THEN {before} + {hashed('n', 'second', during - before)} "
        f"WHEN {bucket} < 88 THEN {during} + {hashed('n', 'second', after - during)} "
        f"ELSE {after} + {hashed('n', 'second', until - after)} END)"
    )
    accept = f"reg + {hashed('n', 'accept', 7 * DAY)}"
    close = f"{DAY} * (10 + {hashed('n', 'close', 111)})"
    with_, numbers = dialect.numbers(1, cases)
    execute(
        f"{with_}INSERT INTO bench_case (n, slot, reg, st, acc, closed) "
        "SELECT n, slot, reg, st, "
        f"(CASE WHEN st IN ('registered', 'not_accepted') THEN NULL ELSE {accept} END), "
        f"(CASE WHEN st IN ('closed', 'archived') THEN {accept} + {close} ELSE NULL END) "
        f"FROM (SELECT n, {hashed('n', 'slot', SLOTS)} AS slot, {reg} AS reg, "
        f"{pick('n', 'status', STATUSES)} AS st FROM {numbers}) AS fresh"
    )
    return cases


def _statements(dialect: Dialect, base: dict[str, int], cases: int, year: int, intakes: int):
    """The insert statements of applicants, intakes, cases, referrals and return visits."""
    m, d = dialect.moment, dialect.day
    join = f"FROM bench_case c {dialect.join} bench_slot s ON s.slot = c.slot"
    codes = {
        "province_code": "s.province_code",
        "city_code": "s.city_code",
        "county_code": "s.county_code",
    }
    applicant = f"c.n + {base['applicant'] - 1}"
    case = f"c.n + {base['case'] - 1}"
    intake = f"c.n + {base['intake'] - 1}"
    birth = f"(CASE WHEN {hashed('c.n', 'birth', 100)} < 3 THEN NULL ELSE " + d(
        f"({year} - 1970 - 85) * 31556952 + {hashed('c.n', 'birth', 85 * 365)} * {DAY}"
    )
    yield (
        "applicants",
        Applicant,
        Statement(
            Applicant,
            {
                "id": applicant,
                "federation_id": "s.federation_id",
                "name": "'合成申请人'",
                "sex": pick("c.n", "sex", SEXES),
                "birth_date": birth + " END)",
                "disability_category": pick("c.n", "disability", DISABILITIES),
                "disability_grade": pick("c.n", "grade", GRADES, numeric=True),
                "created_at": m("c.reg"),
                **codes,
            },
            join,
        ),
    )
    yield (
        "intakes of the cases",
        Intake,
        Statement(
            Intake,
            {
                "id": intake,
                "federation_id": "s.federation_id",
                "channel": pick("c.n", "channel", CHANNELS),
                "received_at": m(f"c.reg - {hashed('c.n', 'intake', 3600)}"),
                "applicant_id": applicant,
                "in_own_words": "'合成的求助内容'",
                "outcome": "'case'",
                "submission_key": f"'bench-' || ({intake})",
                **codes,
            },
            join,
        ),
    )
    if intakes > 1:
        # The other intakes: n runs past the cases; their slot and moment are hashed afresh.
        with_, numbers = dialect.numbers(cases + 1, cases * intakes)
        start = epoch(local_midnight(date(year - 1, 1, 1)))
        span = epoch(local_midnight(date(year + 1, 5, 1))) - start
        other = f"n + {base['intake'] - 1}"
        yield (
            "intakes closed as consultations",
            Intake,
            Statement(
                Intake,
                {
                    "id": other,
                    "federation_id": "s.federation_id",
                    "channel": pick("n", "channel", CHANNELS),
                    "received_at": m(f"{start} + {hashed('n', 'second', span)}"),
                    "in_own_words": "'合成的咨询内容'",
                    "outcome": pick("n", "intake", INTAKE_OUTCOMES),
                    "answer": "'已当场解答'",
                    "submission_key": f"'bench-' || ({other})",
                    **codes,
                },
                f"FROM {numbers} {dialect.join} bench_slot s "
                f"ON s.slot = {hashed('n', 'slot', SLOTS)}",
                with_,
            ),
        )
    closed = "c.st IN ('closed', 'archived')"
    outcome = pick("c.n", "outcome", OUTCOMES)
    money = f"{hashed('c.n', 'money', 100)} < 30 AND {closed}"
    yield (
        "cases",
        Case,
        Statement(
            Case,
            {
                "id": case,
                "federation_id": "s.federation_id",
                "workstation_id": "s.workstation_id",
                # A serial unique per federation and year: the case's own row number.
                "year": f"{year - 1} + (CASE WHEN c.reg < {epoch(local_midnight(date(year, 1, 1)))}"
                f" THEN 0 WHEN c.reg < {epoch(local_midnight(date(year + 1, 1, 1)))} THEN 1 "
                "ELSE 2 END)",
                "serial": case,
                "number": f"s.code || '-' || ({case})",
                "applicant_id": applicant,
                "intake_id": intake,
                "channel": pick("c.n", "channel", CHANNELS),
                "matter": "'合成的事项说明'",
                "matter_category": pick("c.n", "matter", MATTERS),
                "disability_category": pick("c.n", "disability", DISABILITIES),
                "status": "c.st",
                "registered_at": m("c.reg"),
                "accepted_at": f"(CASE WHEN c.acc IS NULL THEN NULL ELSE {m('c.acc')} END)",
                "not_accepted_at": "(CASE WHEN c.st = 'not_accepted' THEN "
                f"{m(f'c.reg + {2 * DAY}')} ELSE NULL END)",
                "not_accepted_reason": "(CASE WHEN c.st = 'not_accepted' "
                "THEN '不属于受理范围' ELSE '' END)",
                "service_started_at": "(CASE WHEN c.st IN ('in_service', 'referred', 'closed', "
                f"'archived') THEN {m(f'c.acc + {DAY}')} ELSE NULL END)",
                "referred_at": f"(CASE WHEN c.st = 'referred' THEN {m(f'c.acc + {3 * DAY}')} "
                "ELSE NULL END)",
                "closed_at": f"(CASE WHEN {closed} THEN {m('c.closed')} ELSE NULL END)",
                "archived_at": f"(CASE WHEN c.st = 'archived' THEN "
                f"{m(f'c.closed + {DAY} * (30 + ' + hashed('c.n', 'archive', 61) + ')')} "
                "ELSE NULL END)",
                "outcome": f"(CASE WHEN {closed} THEN {outcome} ELSE '' END)",
                "money_recovered": f"(CASE WHEN {money} THEN "
                f"100 * (1 + {hashed('c.n', 'money', 500)}) ELSE NULL END)",
                "archive_due_on": f"(CASE WHEN {closed} THEN {d(f'c.closed + {90 * DAY}')} "
                "ELSE NULL END)",
                "archive_number": f"(CASE WHEN c.st = 'archived' THEN 'A' || ({case}) ELSE '' END)",
                **codes,
            },
            join,
        ),
    )
    # Referrals: every referred case, and one in eight of the other accepted ones.
    referred = f"(c.st = 'referred' OR {hashed('c.n', 'referral', 100)} < 12)"
    sent = f"c.acc + {3 * DAY}"
    settled = pick("c.n", "decided", REFERRAL_STATUSES)
    status = f"(CASE WHEN c.st = 'referred' THEN 'sent' ELSE {settled} END)"
    decided = f"{sent} + {DAY} * {hashed('c.n', 'decided', 15)}"
    is_decided = f"{status} IN ('accepted', 'refused', 'concluded')"
    referral = f"c.n + {base['referral'] - 1}"
    yield (
        "referrals",
        Referral,
        Statement(
            Referral,
            {
                "id": referral,
                "case_id": case,
                "kind": pick("c.n", "target", TARGETS),
                "status": status,
                "consented_on": d(sent),
                "consent_recorded_at": m(sent),
                "prepared_at": m(sent),
                "sent_on": d(sent),
                "sent_at": m(sent),
                "decision_due_on": d(f"{sent} + {7 * DAY}"),
                "decided_on": f"(CASE WHEN {is_decided} THEN {d(decided)} ELSE NULL END)",
                "decided_at": f"(CASE WHEN {is_decided} THEN {m(decided)} ELSE NULL END)",
                "refusal_reason": f"(CASE WHEN {status} = 'refused' THEN '不符合条件' ELSE '' END)",
                "withdrawn_on": f"(CASE WHEN {status} = 'withdrawn' THEN {d(f'{sent} + {DAY}')} "
                "ELSE NULL END)",
                "withdrawn_reason": f"(CASE WHEN {status} = 'withdrawn' THEN '申请人撤回' "
                "ELSE '' END)",
                "concluded_on": f"(CASE WHEN {status} = 'concluded' THEN "
                f"{d(f'{decided} + {30 * DAY}')} ELSE NULL END)",
                **codes,
            },
            f"{join} WHERE c.acc IS NOT NULL AND {referred}",
        ),
    )
    # Return visits: seven closed cases in ten; nine in ten of them done, most with a rating.
    due = f"c.closed + {30 * DAY}"
    visited = f"{due} + {DAY} * {hashed('c.n', 'day', 10)}"
    done = f"{hashed('c.n', 'visit', 10)} < 9"
    visit = f"c.n + {base['visit'] - 1}"
    yield (
        "return visits",
        ReturnVisit,
        Statement(
            ReturnVisit,
            {
                "id": visit,
                "case_id": case,
                "due_on": d(due),
                "done_on": f"(CASE WHEN {done} THEN {d(visited)} ELSE NULL END)",
                "method": f"(CASE WHEN {done} THEN {pick('c.n', 'day', VISIT_METHODS)} "
                "ELSE '' END)",
                "satisfaction": f"(CASE WHEN {done} AND {hashed('c.n', 'satisfaction', 10)} < 8 "
                f"THEN {pick('c.n', 'satisfaction', SATISFACTION, numeric=True)} ELSE NULL END)",
                **codes,
            },
            f"{join} WHERE {closed} AND {hashed('c.n', 'visit', 100)} < 70",
        ),
    )


def _services(dialect: Dialect, base: dict[str, int], per_served: int) -> Statement:
    """1 to ``2 × per_served - 1`` services (``per_served`` on average) for each case that
    was accepted, from its acceptance to 90 days later; ids assigned by the database."""
    m, d = dialect.moment, dialect.day
    row = "(c.n * 64 + k.k)"
    provided = f"c.acc + {DAY} * {hashed(row, 'day', 90)}"
    return Statement(
        Service,
        {
            "case_id": f"c.n + {base['case'] - 1}",
            "kind": pick(row, "kind", SERVICES),
            "provider_id": "s.provider_id",
            "provided_on": d(provided),
            "channel": pick(row, "channel", CHANNELS),
            "recorded_at": m(f"{provided} + 3600"),
            "province_code": "s.province_code",
            "city_code": "s.city_code",
            "county_code": "s.county_code",
        },
        f"FROM bench_case c {dialect.join} bench_slot s ON s.slot = c.slot "
        f"{dialect.join} bench_digits k "
        f"ON k.k < 1 + {hashed('c.n', 'count', min(63, 2 * per_served - 1))} "
        "WHERE c.acc IS NOT NULL",
    )


def _accommodations(base: dict[str, int]) -> Statement:
    """An access arrangement for one service in fifty of those just made."""
    return Statement(
        Accommodation,
        {
            "service_id": "v.id",
            "kind": pick("v.id", "accommodation", ACCOMMODATIONS),
            "provided_by": "'合成'",
            "provided_on": "v.provided_on",
            "province_code": "v.province_code",
            "city_code": "v.city_code",
            "county_code": "v.county_code",
        },
        f"FROM {connection.ops.quote_name(Service._meta.db_table)} v "
        f"WHERE v.id >= {int(base['service'])} AND v.id %% 50 = 7",
    )


def _reset_sequences() -> None:
    """PostgreSQL: move the id sequences past the explicit ids."""
    if connection.vendor != "postgresql":
        return
    from django.core.management.color import no_style

    models_ = [Applicant, Case, Intake, Referral, ReturnVisit, Service, Accommodation]
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models_):
            cursor.execute(sql)
