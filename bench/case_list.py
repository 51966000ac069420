"""Benchmark of the case list: does finding work stay fast at a million cases?

    .venv/bin/python -m bench.case_list --cases 1000000            # SQLite in a temp dir
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \\
        .venv/bin/python -m bench.case_list --cases 1000000        # a throwaway PG database

Creates a throwaway database (never touches var/lawstation.sqlite3 or the DATABASE_URL
database itself: on PostgreSQL it creates and drops ``lawstation_bench`` next to it), migrates,
loads the region table and Anhui's 121 federations, and measures the case-list page through
Django's test client for a county, a city and the provincial clerk over a set of filters: first
with no case at all, then after generating N synthetic cases. Prints p50/p95 per role and filter
and the ratio p95(N) / p95(empty) (the goal is at most 3x). See bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

BENCH_DBS = {"full": "lawstation_bench", "empty": "lawstation_bench_empty"}
ROLES = {"county": "340102", "city": "340100", "province": "340000"}
DATABASES: dict[str, str] = {}  # "full"/"empty" → the connection's NAME


def prepare_environment(args: argparse.Namespace) -> str:
    """Choose the two throwaway databases before Django is imported; returns a description."""
    scratch = Path(tempfile.mkdtemp(prefix="lawstation-bench-"))
    os.environ["LAWSTATION_VAR_DIR"] = str(scratch)
    os.environ["LAWSTATION_PROFILE"] = "local"
    # The test settings differ only in static storage (no collectstatic) and the hasher.
    os.environ["DJANGO_SETTINGS_MODULE"] = "lawstation.settings_test"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        with psycopg.connect(url, autocommit=True) as admin:
            for name in BENCH_DBS.values():
                if not args.reuse:
                    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
                exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
                if not exists.fetchone():
                    admin.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = urlunsplit(
            urlsplit(url)._replace(path="/" + BENCH_DBS["full"])
        )
        DATABASES.update(BENCH_DBS)
        return f"PostgreSQL databases {', '.join(BENCH_DBS.values())}"
    full = Path(args.sqlite) if args.sqlite else scratch / "bench.sqlite3"
    DATABASES.update(full=str(full), empty=str(scratch / "empty.sqlite3"))
    os.environ["DATABASE_URL"] = f"sqlite:///{full}"
    return f"SQLite {full} (empty baseline: {DATABASES['empty']})"


def use(which: str) -> None:
    """Point the default connection at the "full" or the "empty" database."""
    from django.db import connection

    connection.close()
    connection.settings_dict["NAME"] = DATABASES[which]


def setup_database(which: str) -> None:
    from django.core.management import call_command

    use(which)
    call_command("migrate", verbosity=0)
    call_command("load_regions", verbosity=0)
    from regions.models import Region
    from regions.services import ensure_federations

    ensure_federations(Region.objects.filter(province_code="340000"))


def clerks() -> dict[str, object]:
    """A clerk in each measured federation (and a provider per federation for services)."""
    from django.utils import timezone

    from accounts.models import Membership, User
    from accounts.roles import Role
    from people.models import Person
    from regions.models import Federation
    from regions.scoping import region_codes, unscoped

    users = {}
    with unscoped("benchmark fixture"):
        for label, code in ROLES.items():
            federation = Federation.objects.select_related("region").get(region_id=code)
            user, _ = User.objects.get_or_create(username=f"bench-{code}")
            membership = Membership(user=user, federation=federation, role=Role.CLERK)
            membership.province_code, membership.city_code, membership.county_code = region_codes(
                federation.region
            )
            if not Membership.all_objects.filter(user=user).exists():
                membership.save()
            users[label] = user
        have = set(Person.all_objects.values_list("federation_id", flat=True))
        people = []
        for federation in Federation.objects.select_related("region"):
            if federation.pk in have:
                continue
            person = Person(
                federation=federation, name="合成律师", kind="lawyer",
                active_from=timezone.localdate(), licence_number="BENCH",
            )  # fmt: skip
            person.set_region(federation.region)
            people.append(person)
        Person.all_objects.bulk_create(people)
    return users


def filters(role: str, deep_cursor: str) -> dict[str, dict[str, str]]:
    child = {"province": "340200", "city": "340103", "county": "340102"}[role]
    year = str(time.localtime().tm_year - 1)
    today = time.strftime("%Y-%m-%d")
    ninety = time.strftime("%Y-%m-%d", time.localtime(time.time() - 90 * 86_400))
    return {
        "all": {},
        "region": {"region": child},
        "status in service": {"status": "in_service"},
        "status not accepted": {"status": "not_accepted"},
        "service mediation": {"service": "mediation"},
        "service defence": {"service": "defence"},
        "matter+disability": {"matter": "education", "disability": "2"},
        "channel letter": {"channel": "letter"},
        "last 90 days": {"registered_from": ninety, "registered_to": today},
        "overdue": {"overdue": "on"},
        "open risk": {"risk": "on"},
        "number prefix": {"q": f"{ROLES[role]}-{year}-00"},
        "name prefix": {"q": "王"},
        "deep page": {"after": deep_cursor},
    }


def deep_cursor(client, url: str, pages: int) -> str:
    """The cursor ``pages`` pages down (or a synthetic one when there are fewer)."""
    import re

    from django.utils import timezone

    from cases.models import Case
    from cases.selectors.lists import make_cursor

    cursor = ""
    for _ in range(pages):
        html = client.get(url + ("?after=" + cursor if cursor else "")).content.decode()
        found = re.search(r"after=([^\"&]+)\"", html)
        if not found:
            break
        from urllib.parse import unquote

        cursor = unquote(found[1])
    if cursor:
        return cursor
    fake = Case(pk=10**9, registered_at=timezone.now() - timezone.timedelta(days=365))
    return make_cursor(fake)


def timed(client, url: str, requests: int) -> tuple[float, float]:
    """(p50, p95) in ms of ``requests`` GETs, after three warm-up requests."""
    for _ in range(3):  # warm caches and the connection
        assert client.get(url).status_code == 200, url
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, url
    timings.sort()
    return statistics.median(timings), timings[min(len(timings) - 1, int(len(timings) * 0.95))]


def measure(users: dict, requests: int, pages: int) -> dict[tuple[str, str, str], tuple]:
    """Every role x filter, on the empty then on the full database, cell by cell (so a busy
    machine slows both sides of a ratio alike)."""
    from django.test import Client
    from django.urls import reverse

    url = reverse("cases:list")
    results = {}
    for role in ROLES:
        clients, cursors = {}, {}
        for which in ("empty", "full"):
            use(which)
            clients[which] = Client()
            clients[which].force_login(users[which][role])
            cursors[which] = deep_cursor(clients[which], url, pages)
        for name in filters(role, ""):
            for which in ("empty", "full"):
                use(which)
                query = filters(role, cursors[which])[name]
                full = url + ("?" + urlencode(query) if query else "")
                results[(which, role, name)] = timed(clients[which], full, requests)
    return results


def report(results: dict, total: int) -> bool:
    print(f"\n{'role':9} {'filter':22} {'p50 empty':>10} {'p95 empty':>10} "
          f"{'p50 N':>9} {'p95 N':>9} {'ratio':>6}")  # fmt: skip
    ok = True
    for (which, role, name), (p50, p95) in results.items():
        if which != "full":
            continue
        e50, e95 = results[("empty", role, name)]
        ratio = p95 / e95
        ok &= ratio <= 3
        flag = "" if ratio <= 3 else "  > 3x"
        print(f"{role:9} {name:22} {e50:10.1f} {e95:10.1f} {p50:9.1f} {p95:9.1f} "
              f"{ratio:6.2f}{flag}")  # fmt: skip
    print(f"\nN = {total:,} cases; times in ms; ratio = p95(N) / p95(empty); goal <= 3")
    return ok


def explain(users: dict) -> None:
    """The plan of the list query for every role and filter (does it use an index?)."""
    from django.db import connection
    from django.utils import timezone

    from cases.forms.lists import CaseFilterForm
    from cases.selectors.lists import filtered_cases
    from regions.middleware import scope_for_membership
    from regions.scoping import activate, regions_within

    for role, user in users.items():
        scope = scope_for_membership(user.membership)
        for name, query in filters(role, "").items():
            if name == "deep page":
                continue
            form = CaseFilterForm(query, regions=list(regions_within(scope)))
            assert form.is_valid(), form.errors
            with activate(scope):
                cases = filtered_cases(
                    scope, form.to_filter(), today=timezone.localdate(),
                    acceptance_cutoff=timezone.now() - timezone.timedelta(days=7),
                ).order_by("-registered_at", "-id")[:51]  # fmt: skip
                sql, params = cases.query.sql_with_params()
                prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
                with connection.cursor() as cursor:
                    cursor.execute(prefix + sql, params)
                    plan = [" ".join(str(c) for c in row) for row in cursor.fetchall()]
            print(f"--- {role} / {name}")
            print("    " + "\n    ".join(plan))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=100_000, help="cases to generate")
    parser.add_argument("--requests", type=int, default=50, help="timed requests per cell")
    parser.add_argument("--pages", type=int, default=20, help="depth of the deep-page cell")
    parser.add_argument("--sqlite", help="SQLite file of the full database (default: temp)")
    parser.add_argument("--reuse", action="store_true", help="keep the cases already there")
    parser.add_argument("--explain", action="store_true", help="print the query plans at N")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL databases")
    args = parser.parse_args(argv)
    print("Database:", prepare_environment(args), flush=True)
    import django

    django.setup()
    started = time.perf_counter()
    users = {}
    for which in ("empty", "full"):
        setup_database(which)
        users[which] = clerks()
    print(f"Migrated and loaded regions in {time.perf_counter() - started:.1f} s", flush=True)
    try:
        from bench.synthetic import generate
        from cases.models import Case

        use("full")
        have = Case.all_objects.count()
        started = time.perf_counter()
        if 0 < have < args.cases:
            raise SystemExit(f"The database holds {have:,} cases: use a fresh one.")
        made = generate(args.cases) if not have else {}
        analyse()
        print(f"Generated {made} in {time.perf_counter() - started:.1f} s", flush=True)
        if args.explain:
            explain(users["full"])
        ok = report(measure(users, args.requests, args.pages), max(have, args.cases))
    finally:
        if not args.keep:
            drop_postgres()
    return 0 if ok else 1


def analyse() -> None:
    """PostgreSQL: refresh the planner's statistics, as autovacuum would in production. SQLite
    is left without ``ANALYZE`` statistics, as the application's database is."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def drop_postgres() -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    import psycopg

    connection.close()
    admin_url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        for name in BENCH_DBS.values():
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')


if __name__ == "__main__":
    sys.exit(main())
