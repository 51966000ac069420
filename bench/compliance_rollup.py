"""Benchmark of the compliance roll-up: a national roll-up of every workstation for a year.

    .venv/bin/python -m bench.compliance_rollup                     # SQLite in a temp dir
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \\
        .venv/bin/python -m bench.compliance_rollup                 # a throwaway PG database

Creates a throwaway database (never touches var/lawstation.sqlite3 or the DATABASE_URL database
itself: on PostgreSQL it creates and drops ``lawstation_bench_compliance`` next to it), migrates,
loads the national region table, gives every region a federation and an established workstation
(about 3,200) and a year of records for every indicator, written with ``bulk_create`` (and the
case-list bench's synthetic cases, linked to the workstations): a formal head and a lawyer,
premises checks, a public notice published on two channels, a duty day in most months, budget,
financial rule and spending, coordination contacts, the daily manager's filing. Then it times
the national roll-up of the last complete year end to end (workstations, indicators of the year
and of the three years before for the trend, the tallies) and prints the time and the number
of queries. See bench/README.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from bench import scratch

BENCH_DB = "lawstation_bench_compliance"


def prepare_environment(args: argparse.Namespace) -> str:
    """Choose the throwaway database before Django is imported; returns a description."""
    return scratch.prepare_environment(args, BENCH_DB, "compliance.sqlite3")


def setup_database() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_regions", verbosity=0)
    from regions.models import Region
    from regions.services import ensure_federations

    ensure_federations(Region.objects.all())


def build(year: int, cases: int) -> dict[str, int]:
    """Every federation's workstation and a year of records (bulk), then synthetic cases."""
    from bench.compliance_data import build_records

    made = build_records(year)
    if cases:
        from django.db.models import OuterRef, Subquery

        from bench.synthetic import generate
        from cases.models import Case
        from workstations.models import Workstation

        made |= {
            f"synthetic {k}s": v for k, v in generate(cases, progress=lambda *a, **k: None).items()
        }
        station = Workstation.all_objects.filter(federation=OuterRef("federation")).values("pk")
        Case.all_objects.update(workstation=Subquery(station[:1]))
    return made


def time_rollup(year: int, repeats: int) -> dict[str, object]:
    """The national roll-up (the year and its trend over four years), and the indicators of
    the one year alone; wall-clock and this process's CPU time (SQLite runs in-process)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from compliance.selectors.rollup import national_rollup
    from compliance.selectors.scorecards import scores_of
    from lawstation import periods
    from regions.scoping import unscoped
    from workstations.models import Workstation

    period = periods.year(year)
    today = timezone.localdate()
    out: dict[str, object] = {"wall": [], "cpu": [], "one_wall": [], "one_cpu": []}
    for _ in range(repeats):
        with CaptureQueriesContext(connection) as captured:
            wall, cpu = time.perf_counter(), time.process_time()
            result = national_rollup(period, today=today)
            out["wall"].append(time.perf_counter() - wall)
            out["cpu"].append(time.process_time() - cpu)
        out["queries"], out["stations"] = len(captured), result.total.workstations
        with unscoped("bench: one period's indicators"), CaptureQueriesContext(connection) as one:
            wall, cpu = time.perf_counter(), time.process_time()
            stations = list(Workstation.objects.select_related("federation__region"))
            scores_of(None, stations, period)
            out["one_wall"].append(time.perf_counter() - wall)
            out["one_cpu"].append(time.process_time() - cpu)
        out["one_queries"] = len(one)
    return out


def analyse() -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def discard() -> None:
    scratch.discard(BENCH_DB)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--year", type=int, help="the year rolled up (default: last complete)")
    parser.add_argument("--cases", type=int, default=100_000, help="synthetic cases to generate")
    parser.add_argument("--repeats", type=int, default=3, help="timed roll-ups")
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
    from django.utils import timezone

    year = args.year or timezone.localdate().year - 1
    try:
        started = time.perf_counter()
        if not args.reuse:
            setup_database()
            made = build(year, args.cases)
            print(f"Built {made} in {time.perf_counter() - started:.1f} s", flush=True)
        analyse()
        figures = time_rollup(year, args.repeats)
    finally:
        if not args.keep:
            discard()
    print(
        f"\nNational roll-up of {year} with its four-year trend: {figures['stations']:,} "
        f"workstations, {figures['queries']} queries; wall {_times(figures['wall'])}; "
        f"process CPU {_times(figures['cpu'])}"
    )
    print(
        f"One year's indicators alone: {figures['one_queries']} queries; wall "
        f"{_times(figures['one_wall'])}; process CPU {_times(figures['one_cpu'])}"
    )
    return 0


def _times(values: list[float]) -> str:
    return f"min {min(values):.2f} s, median {statistics.median(values):.2f} s ({len(values)} runs)"


if __name__ == "__main__":
    sys.exit(main())
