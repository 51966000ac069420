"""Benchmark of the statistics (issue 7, item 8): a province's annual report at a million cases.

    .venv/bin/python -m bench.statistics                            # SQLite in a temp dir
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \\
        .venv/bin/python -m bench.statistics                        # a throwaway PG database

Creates a throwaway database (never touches var/lawstation.sqlite3 or the DATABASE_URL database
itself: on PostgreSQL it creates and drops ``lawstation_bench_statistics`` next to it), migrates,
loads the region table and Anhui's 121 federations, and builds ``--cases`` cases with about
``--services-per-case`` services each, in SQL (``bench/statistics_data.py``). Then, three times
over, it times the province's annual report end to end (``reports.services.export_report`` of
the ``statistics`` report to XLSX), the figure table alone (``stats.selectors.figures``), and the
baseline: hand-written ``GROUP BY`` statements on the same database computing the same figures,
one statement per source table (conditional aggregates), the least a database has to do to
answer the same questions. Prints min and median of each (after an untimed pass), the ratio to
the baseline and the query counts, compares the figures of the two sides, and exits non-zero
when a ratio is over ``--goal`` (default 5). See bench/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from bench import scratch

BENCH_DB = "lawstation_bench_statistics"
PROVINCE = "340000"
OWN, TOTAL = "own", "total"  # stats.selectors.figures.OWN / TOTAL


# --- The baseline: the same figures in one GROUP BY per source table ---------------------------


@dataclass
class Baseline:
    """The figures (``values[indicator key][area]``, as in ``FigureTable``) and the statements
    that computed them."""

    values: dict[str, dict[str, object]] = field(default_factory=dict)
    statements: list[tuple[str, str, list]] = field(default_factory=list)  # (label, sql, params)


def baseline_statements(region, period) -> list[tuple[str, str, list, list[str]]]:
    """(label, SQL, parameters, indicator key of each column after the area) for ``region``'s
    figures over ``period``: rows filtered on the region's own column, grouped by the area
    directly below (a NULL area is the region's own federation)."""
    from django.db import connection
    from django.utils import timezone

    from cases.models import (
        Accommodation,
        Applicant,
        Case,
        Intake,
        Referral,
        ReturnVisit,
        Service,
    )
    from cases.models.choices import Channel, DisabilityCategory, MatterCategory
    from regions.models import Level
    from stats.indicators import AGE_BANDS, DECISION_NORM_DAYS, SATISFIED_FROM

    ops = connection.ops
    postgres = connection.vendor == "postgresql"
    column = {Level.PROVINCE: "province_code", Level.CITY: "city_code"}.get(
        region.level, "county_code"
    )
    area = {
        Level.PROVINCE: "COALESCE(t.city_code, t.county_code)",
        Level.CITY: "t.county_code",
    }.get(region.level, "NULL")
    first = timezone.make_aware(datetime.combine(period.start, datetime.min.time()))
    after = timezone.make_aware(
        datetime.combine(period.end + timedelta(days=1), datetime.min.time())
    )
    params = {
        "region": region.code,
        "first": ops.adapt_datetimefield_value(first),
        "after": ops.adapt_datetimefield_value(after),
        "first_day": ops.adapt_datefield_value(period.start),
        "last_day": ops.adapt_datefield_value(period.end),
    }

    def table(model) -> str:
        return ops.quote_name(model._meta.db_table)

    def in_moments(col: str) -> str:
        return f"({col} >= %(first)s AND {col} < %(after)s)"

    def in_days(col: str) -> str:
        return f"({col} >= %(first_day)s AND {col} <= %(last_day)s)"

    def count(condition: str) -> str:
        # A FILTER clause (SQL:2003; SQLite 3.30+): the row is skipped, not summed as a 0.
        return f"COUNT(*) FILTER (WHERE {condition})"

    def between(later: str, earlier: str) -> str:
        if postgres:
            return f"({later} - {earlier})"
        return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"

    def statement(label, source, where, columns):
        keys = [key for key, _ in columns]
        select = ", ".join(expr for _, expr in columns)
        sql = (
            f"SELECT {area} AS area, {select} FROM {source} "
            f"WHERE t.{column} = %(region)s AND {where}"
            + ("" if area == "NULL" else f" GROUP BY {area}")
        )
        used = {name: value for name, value in params.items() if f"%({name})s" in sql}
        return (label, sql, used, keys)

    statements = []
    # Intakes: requests for help received, by channel; consultations closed on the spot.
    received = in_moments("t.received_at")
    statements.append(
        statement(
            "intakes",
            f"{table(Intake)} t",
            received,
            [("consultations.total", "COUNT(*)")]
            + [
                (f"consultations.channel.{value}", count(f"t.channel = '{value}'"))
                for value in Channel.values
            ]
            + [("consultations.on_the_spot", count("t.outcome = 'consultation'"))],
        )
    )
    # Cases registered, by what was recorded at registration (grade, sex, age: the applicant).
    end = period.end

    def years_before(years: int) -> date:
        try:
            return end.replace(year=end.year - years)
        except ValueError:  # 29 February
            return end.replace(year=end.year - years, day=28)

    ages = []
    for key, low, high, _label in AGE_BANDS:
        parts = []
        if low:  # born on or before the day they turned ``low``
            parts.append(f"a.birth_date <= %(born_{low})s")
            params[f"born_{low}"] = ops.adapt_datefield_value(years_before(low))
        if high is not None:  # not yet ``high + 1``
            parts.append(f"a.birth_date > %(born_{high + 1})s")
            params[f"born_{high + 1}"] = ops.adapt_datefield_value(years_before(high + 1))
        ages.append((f"cases.age.{key}", " AND ".join(parts)))
    ages.append(("cases.age.unknown", "a.birth_date IS NULL"))
    # One pass over the cases of the period: registered (by what was recorded at registration;
    # grade, sex and age are the applicant's), closed (by outcome, money recovered), archived.
    registered = in_moments("t.registered_at")
    closed = in_moments("t.closed_at")
    archived = in_moments("t.archived_at")
    at_registration = (
        [("cases.registered", "TRUE")]
        + [(f"cases.channel.{v}", f"t.channel = '{v}'") for v in Channel.values]
        + [(f"cases.matter.{v}", f"t.matter_category = '{v}'") for v in MatterCategory.values]
        + [
            (f"cases.disability.{v}", f"t.disability_category = '{v}'")
            for v in DisabilityCategory.values
        ]
        + [("cases.disability.unknown", "t.disability_category = ''")]
        + [(f"cases.grade.{v}", f"a.disability_grade = {v}") for v in (1, 2, 3, 4)]
        + [("cases.grade.unknown", "a.disability_grade IS NULL")]
        + [("cases.sex.m", "a.sex = 'm'"), ("cases.sex.f", "a.sex = 'f'")]
        + [("cases.sex.unknown", "a.sex = ''")]
    )
    statements.append(
        statement(
            "cases (with applicants)",
            f"{table(Case)} t JOIN {table(Applicant)} a ON a.id = t.applicant_id",
            f"({registered} OR {closed} OR {archived})",
            [(key, count(f"{registered} AND {condition}")) for key, condition in at_registration]
            + [(key, count(f"{registered} AND {condition}")) for key, condition in ages]
            + [("cases.closed", count(closed))]
            + [
                (f"cases.outcome.{v}", count(f"{closed} AND t.outcome = '{v}'"))
                for v in Case.Outcome.values
            ]
            + [("cases.archived", count(archived))]
            + [("money.recovered", f"SUM(t.money_recovered) FILTER (WHERE {closed})")],
        )
    )
    # Cases served, by service: a case counts once per kind. The fastest form found on each
    # database (bench/README.md): PostgreSQL groups each case's kinds first, then counts per
    # area (2.2x less work than seven COUNT(DISTINCT ...) at ten million services, which sort
    # on disk); SQLite is fastest with the seven COUNT(DISTINCT ...) themselves (grouping by
    # case first sorts every row through its small page cache: 2x slower).
    if postgres:
        flags = ", ".join(
            f"MAX(CASE WHEN t.kind = '{v}' THEN 1 ELSE 0 END) AS k{i}"
            for i, v in enumerate(Service.Kind.values)
        )
        sums = ", ".join(f"SUM(x.k{i})" for i in range(len(Service.Kind.values)))
        by_case = "t.case_id" if area == "NULL" else f"{area}, t.case_id"
        served = (
            f"SELECT {'NULL' if area == 'NULL' else 'x.area'}, COUNT(*), {sums} "
            f"FROM (SELECT {area} AS area, t.case_id, {flags} "
            f"FROM {table(Service)} t WHERE t.{column} = %(region)s AND "
            f"{in_days('t.provided_on')} GROUP BY {by_case}) x"
            + ("" if area == "NULL" else " GROUP BY x.area")
        )
        statements.append(
            (
                "services",
                served,
                {name: params[name] for name in ("region", "first_day", "last_day")},
                ["cases.served", *(f"cases.service.{v}" for v in Service.Kind.values)],
            )
        )
    else:
        statements.append(
            statement(
                "services",
                f"{table(Service)} t",
                in_days("t.provided_on"),
                [("cases.served", "COUNT(DISTINCT t.case_id)")]
                + [
                    (
                        f"cases.service.{v}",
                        f"COUNT(DISTINCT t.case_id) FILTER (WHERE t.kind = '{v}')",
                    )
                    for v in Service.Kind.values
                ],
            )
        )
    # Referrals sent in the period (target, result) and decided in it (days to decision).
    sent, decided = in_days("t.sent_on"), in_days("t.decided_on")
    took = between("t.decided_on", "t.sent_on")
    withdrawn = (
        "(t.status = 'withdrawn' AND t.withdrawn_on IS NOT NULL AND t.withdrawn_on <= %(last_day)s)"
    )
    by_end = f"t.decided_on <= %(last_day)s AND NOT {withdrawn}"
    statements.append(
        statement(
            "referrals",
            f"{table(Referral)} t",
            f"({sent} OR {decided})",
            [("referrals.sent", count(sent))]
            + [
                (f"referrals.target.{v}", count(f"{sent} AND t.kind = '{v}'"))
                for v in Referral.Kind.values
            ]
            + [
                # Where a referral stood on the last day, from its dates (refusal reasons
                # tell a refusal from an acceptance).
                ("referrals.accepted", count(f"{sent} AND {by_end} AND t.refusal_reason = ''")),
                ("referrals.refused", count(f"{sent} AND {by_end} AND t.refusal_reason <> ''")),
                ("referrals.withdrawn", count(f"{sent} AND {withdrawn}")),
                (
                    "referrals.pending",
                    count(
                        f"{sent} AND NOT {withdrawn} "
                        "AND (t.decided_on IS NULL OR t.decided_on > %(last_day)s)"
                    ),
                ),
                ("referrals.decided", count(decided)),
                (
                    "referrals.decided_within_norm",
                    count(f"{decided} AND {took} <= {DECISION_NORM_DAYS}"),
                ),
                ("referrals.decision_days_total", f"SUM({took}) FILTER (WHERE {decided})"),
            ],
        )
    )
    statements.append(
        statement(
            "return visits",
            f"{table(ReturnVisit)} t",
            in_days("t.done_on"),
            [
                ("return_visits.done", "COUNT(*)"),
                ("return_visits.rated", "COUNT(t.satisfaction)"),
                ("return_visits.satisfied", count(f"t.satisfaction >= {SATISFIED_FROM}")),
            ],
        )
    )
    statements.append(
        statement(
            "accommodations",
            f"{table(Accommodation)} t",
            in_days("t.provided_on"),
            [
                ("accommodations.arranged", "COUNT(*)"),
                ("accommodations.sign_language", count("t.kind = 'sign_language'")),
            ],
        )
    )
    statements += _coverage_statements(statement, table, in_days)
    return statements


def _coverage_statements(statement, table, in_days) -> list:
    """Duty days held in the period; groups, workstations, filings and providers at its end
    (small tables; the same definitions as ``stats.selectors.figure_sources``)."""
    from people.models import Person
    from workstations.models import CoordinationGroup, DutyDay, Filing, StatusChange, Workstation

    providers = ", ".join(f"'{kind}'" for kind in Person.Kind.values if kind != "staff")
    return [
        statement(
            "duty days",
            f"{table(DutyDay)} t",
            in_days("t.day"),
            [("duty.days_held", "COUNT(t.checked_in_at)")],
        ),
        statement(
            "coordination groups",
            f"{table(CoordinationGroup)} t",
            "t.established_on <= %(last_day)s "
            "AND (t.dissolved_on IS NULL OR t.dissolved_on > %(last_day)s)",
            [("coverage.groups", "COUNT(*)")],
        ),
        statement(
            "workstations",
            f"{table(Workstation)} t",
            f"(SELECT c.status FROM {table(StatusChange)} c WHERE c.workstation_id = t.id "
            "AND c.effective_on <= %(last_day)s ORDER BY c.effective_on DESC, c.id DESC "
            "LIMIT 1) = 'established'",
            [("coverage.workstations", "COUNT(*)")],
        ),
        statement(
            "filings",
            f"{table(Filing)} t",
            "t.status = 'accepted' AND t.decided_at < %(after)s AND NOT EXISTS (SELECT 1 FROM "
            f"{table(Filing)} l WHERE l.federation_id = t.federation_id AND l.number > t.number "
            "AND l.decided_at < %(after)s)",
            [("coverage.filings", "COUNT(DISTINCT t.federation_id)")],
        ),
        statement(
            "lawyers and legal workers",
            f"{table(Person)} t",
            f"t.kind IN ({providers}) AND t.active_from <= %(last_day)s "
            "AND (t.active_until IS NULL OR t.active_until >= %(last_day)s)",
            [("coverage.lawyers", "COUNT(*)")],
        ),
    ]


def baseline(region, period, statements=None) -> Baseline:
    """Run the baseline statements and shape their rows like a figure table's values."""
    from django.db import connection

    from stats.indicators import BY_KEY, INDICATORS

    result = Baseline()
    values: dict[str, dict[str, object]] = {}
    with connection.cursor() as cursor:
        for label, sql, params, keys in statements or baseline_statements(region, period):
            cursor.execute(sql, params)
            result.statements.append((label, sql, params))
            for key in keys:
                values.setdefault(key, {})
            for row in cursor.fetchall():
                area = row[0] or OWN
                for key, value in zip(keys, row[1:], strict=True):
                    values[key][area] = value
    areas = {area for row in values.values() for area in row}
    for key, row in values.items():
        money = BY_KEY.get(key) is not None and BY_KEY[key].kind == "money"
        for area in areas:
            value = row.get(area) or 0
            row[area] = Decimal(value).quantize(Decimal("0.01")) if money else int(value)
        row[TOTAL] = sum(row[area] for area in areas)
    for indicator in INDICATORS:
        if indicator.kind != "ratio" or indicator.numerator not in values:
            continue
        top, bottom = values[indicator.numerator], values[indicator.denominator]
        values[indicator.key] = {
            area: None
            if not bottom[area]
            else (Decimal(top[area]) * indicator.scale / Decimal(bottom[area])).quantize(
                Decimal("0.1"), rounding=ROUND_HALF_UP
            )
            for area in top
        }
    result.values = values
    return result


def compare(expected: dict, actual: dict) -> list[str]:
    """Where the figure table and the baseline differ (keys and areas both have)."""
    differences = []
    for key in sorted(expected.keys() & actual.keys()):
        for area in sorted(expected[key].keys() & actual[key].keys()):
            mine, theirs = expected[key][area], actual[key][area]
            if mine != theirs and not (mine in (0, None) and theirs in (0, None)):
                differences.append(f"{key} [{area}]: baseline {mine}, figure table {theirs}")
    return differences


# --- Running ------------------------------------------------------------------------------------


def prepare_environment(args: argparse.Namespace) -> str:
    """Choose the throwaway database before Django is imported; returns a description."""
    return scratch.prepare_environment(args, BENCH_DB, "statistics.sqlite3")


def setup_database() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_regions", verbosity=0)
    from regions.models import Region
    from regions.services import ensure_federations

    ensure_federations(Region.objects.filter(province_code=PROVINCE))


def analyse() -> None:
    """PostgreSQL: refresh the planner's statistics, as autovacuum would in production. SQLite
    is left without ``ANALYZE`` statistics, as the application's database is."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def discard() -> None:
    scratch.discard(BENCH_DB)


@dataclass
class Side:
    """One way of getting the figures, timed run after run: wall-clock and this process's CPU
    seconds, the queries of the last run (with their times) and its result or error."""

    label: str
    run: Callable[[], object]
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    queries: int = 0
    captured: list[dict] = field(default_factory=list)
    result: object = None
    error: str = ""

    def measure(self) -> None:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        wall, cpu = time.perf_counter(), time.process_time()
        try:
            with CaptureQueriesContext(connection) as context:
                result = self.run()
        except Exception as exc:
            self.error = f"{type(exc).__name__}: {exc}"
            return
        self.wall.append(time.perf_counter() - wall)
        self.cpu.append(time.process_time() - cpu)
        self.queries, self.captured, self.result = len(context), context.captured_queries, result

    def median(self) -> float:
        return statistics.median(self.wall)

    def ratio(self, reference: Side) -> float:
        return self.median() / reference.median()

    def line(self, reference: Side | None) -> str:
        if not self.wall:
            return f"{self.label:<28} failed: {self.error}"
        ratio = "" if reference is None else f"{self.ratio(reference):.2f}x"
        return (
            f"{self.label:<28} {self.queries:>5} {min(self.wall):9.2f} {self.median():9.2f} "
            f"{min(self.cpu):9.2f} {statistics.median(self.cpu):9.2f}  {ratio}"
        )


def sides(region, period, year: int, export: bool) -> list[Side]:
    from accounts.roles import CAPABILITIES
    from regions.scoping import scope_for_region
    from stats.selectors.figures import figure_table

    statements = baseline_statements(region, period)
    found = [
        Side("baseline GROUP BY", lambda: baseline(region, period, statements)),
        Side("figure_table", lambda: figure_table(region, period)),
    ]
    if export:
        from reports.services import export_report

        scope = scope_for_region(region, frozenset().union(*CAPABILITIES.values()))

        def run_export():
            return export_report(
                "statistics",
                scope=scope,
                actor=None,
                actor_label="bench",
                params={"period": str(year)},
                fmt="xlsx",
            )

        found.append(Side("export_report statistics xlsx", run_export))
    return found


def breakdown(measured: list[Side]) -> None:
    """Seconds per query of the baseline and of the figure table (their last run), side by
    side by the table each reads."""
    import re

    columns = []
    for side in measured[:2]:
        times: dict[str, float] = {}
        for query in getattr(side, "captured", []):
            found = re.search(r'FROM "?(\w+)"?', query["sql"])
            table = found[1] if found else "?"
            times[table] = times.get(table, 0.0) + float(query["time"])
        columns.append(times)
    print(f"\n{'table (last run, seconds)':<34} {'baseline':>9} {'figures':>9}")
    for table in sorted(columns[0].keys() | columns[1].keys(), key=lambda t: -columns[0].get(t, 0)):
        mine, theirs = columns[0].get(table), columns[1].get(table)
        print(
            f"{table:<34} {'' if mine is None else f'{mine:9.2f}':>9} "
            f"{'' if theirs is None else f'{theirs:9.2f}':>9}"
        )


def explain(side: Side) -> None:
    """The plan of every query ``side`` ran in its last run."""
    from django.db import connection

    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    for number, query in enumerate(getattr(side, "captured", []), 1):
        sql = query["sql"]
        if not sql.lstrip().upper().startswith("SELECT"):
            continue
        print(f"--- {side.label} #{number}: {sql[:160]}")
        with connection.cursor() as cursor:
            try:
                cursor.execute(prefix + sql)
            except Exception as exc:  # a query Django printed with its parameters inlined
                print(f"    (cannot explain: {exc})")
                continue
            for row in cursor.fetchall():
                print("    " + " ".join(str(c) for c in row))


def explain_baseline(region, period) -> None:
    from django.db import connection

    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    for label, sql, params, _keys in baseline_statements(region, period):
        print(f"--- baseline {label}")
        with connection.cursor() as cursor:
            cursor.execute(prefix + sql, params)
            for row in cursor.fetchall():
                print("    " + " ".join(str(c) for c in row))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1_000_000, help="cases to generate")
    parser.add_argument("--services-per-case", type=int, default=10, help="services per case")
    parser.add_argument("--intakes-per-case", type=int, default=2, help="intakes per case")
    parser.add_argument("--year", type=int, default=2025, help="the year reported")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs of each side")
    parser.add_argument("--goal", type=float, default=5.0, help="largest ratio allowed")
    parser.add_argument("--no-export", action="store_true", help="time the figure table only")
    parser.add_argument("--explain", action="store_true", help="print the query plans")
    parser.add_argument("--sqlite", help="SQLite file (default: temp)")
    parser.add_argument("--reuse", action="store_true", help="measure the data already there")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the database (PostgreSQL, or the SQLite file in its temporary directory)",
    )
    args = parser.parse_args(argv)
    print("Database:", prepare_environment(args), flush=True)
    import django

    django.setup()
    from django.db import connection

    from lawstation import periods
    from regions.models import Region

    try:
        if not args.reuse:
            started = time.perf_counter()
            setup_database()
            print(f"Migrated, regions loaded in {time.perf_counter() - started:.1f} s", flush=True)
            from bench.statistics_data import generate

            made = generate(
                Region.objects.get(code=PROVINCE),
                args.cases,
                year=args.year,
                services_per_case=args.services_per_case,
                intakes_per_case=args.intakes_per_case,
                trust_keys=True,
            )
            print(f"Built {made}", flush=True)
        # Measure on a fresh connection: the generator's big SQLite page cache is not the
        # application's (closing also checkpoints the write-ahead log).
        connection.close()
        started = time.perf_counter()
        analyse()
        print(f"Analysed in {time.perf_counter() - started:.1f} s", flush=True)
        province = Region.objects.get(code=PROVINCE)
        period = periods.year(args.year)
        measured = sides(province, period, args.year, not args.no_export)
        # One untimed pass reads the tables into the caches, so the side measured first is
        # not the one that pays for it; then the order turns each run.
        for side in measured[:2]:
            with contextlib.suppress(NotImplementedError):
                side.run()
        for run in range(args.repeats):
            for side in measured[run % len(measured) :] + measured[: run % len(measured)]:
                side.measure()
        if args.explain:
            explain_baseline(province, period)
            for side in measured[1:2]:
                explain(side)
        report = _report(measured, args, connection.vendor, province)
        if not measured[1].error:
            breakdown(measured)
    finally:
        if not args.keep:
            discard()
    return report


def _report(measured: list[Side], args, vendor: str, province) -> int:
    from cases.models import Case, Service

    reference = measured[0]
    cases, services = Case.all_objects.count(), Service.all_objects.count()
    print(
        f"\n{province.name} annual report {args.year} on {vendor}: {cases:,} cases, "
        f"{services:,} services; {args.repeats} runs each, seconds"
    )
    print(f"{'':<28} {'queries':>5} {'wall min':>9} {'wall med':>9} {'cpu min':>9} "
          f"{'cpu med':>9}  ratio (median wall / baseline)")  # fmt: skip
    ok = True
    for side in measured:
        print(side.line(None if side is reference else reference))
        if side is not reference and side.wall and side.ratio(reference) > args.goal:
            ok = False
    figures = measured[1]
    if figures.result is not None:
        differences = compare(reference.result.values, figures.result.values)
        shared = len(reference.result.values.keys() & figures.result.values.keys())
        print(
            f"\nFigures compared: {shared} indicators in both; "
            f"{len(differences)} differences" + (":" if differences else "")
        )
        for line in differences[:30]:
            print("  " + line)
    print(f"Goal: every ratio <= {args.goal:g}: {'met' if ok else 'NOT MET'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
