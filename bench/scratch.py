"""The throwaway database a benchmark runs in, chosen before Django is imported: a SQLite file in
a temporary directory (or ``--sqlite FILE``), or, when ``DATABASE_URL`` names PostgreSQL, a
database of the benchmark's own next to it, created (or kept with ``--reuse``). ``discard`` at the
end drops that database or deletes the temporary directory (gigabytes at a million cases)."""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


def prepare_environment(args: argparse.Namespace, database: str, sqlite_name: str) -> str:
    """Point the settings at the benchmark's database; returns a description of it."""
    scratch = Path(tempfile.mkdtemp(prefix="lawstation-bench-"))
    _made.append(scratch)
    os.environ["LAWSTATION_VAR_DIR"] = str(scratch)
    os.environ["LAWSTATION_PROFILE"] = "local"
    os.environ["DJANGO_SETTINGS_MODULE"] = "lawstation.settings_test"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        with psycopg.connect(url, autocommit=True) as admin:
            if not args.reuse:
                admin.execute(f'DROP DATABASE IF EXISTS "{database}"')
            exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database])
            if not exists.fetchone():
                admin.execute(f'CREATE DATABASE "{database}"')
        os.environ["DATABASE_URL"] = urlunsplit(urlsplit(url)._replace(path="/" + database))
        return f"PostgreSQL database {database}"
    path = Path(args.sqlite) if args.sqlite else scratch / sqlite_name
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    return f"SQLite {path}"


_made: list[Path] = []


def discard(database: str) -> None:
    """Drop the benchmark's PostgreSQL database, and delete the temporary directories made for
    this run (the SQLite file in it, unless it was given with ``--sqlite``)."""
    from django.db import connection

    vendor = connection.vendor
    connection.close()
    if vendor == "postgresql":
        import psycopg

        admin_url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{database}"')
    while _made:
        shutil.rmtree(_made.pop(), ignore_errors=True)
