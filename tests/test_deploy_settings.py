"""Production settings pass Django's deployment checklist; the local profile is loopback-only."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DJANGO_SETTINGS_MODULE",
            "LAWSTATION_PROFILE",
            "SECRET_KEY",
            "FIELD_ENCRYPTION_KEY",
            "FIELD_HASH_KEY",
            "STATS_PSEUDONYM_KEY",
            "DEBUG",
            "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by the browser tests for Playwright only
        }
    }
    environment.update(env)
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_reports_nothing_with_production_settings(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        LAWSTATION_PROFILE="production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="lawstation.example.org",
        FIELD_ENCRYPTION_KEY=secrets.token_hex(16),
        FIELD_HASH_KEY=secrets.token_hex(32),
        STATS_PSEUDONYM_KEY=secrets.token_urlsafe(32),
        LAWSTATION_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_fails_without_the_pseudonym_key(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        LAWSTATION_PROFILE="production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="lawstation.example.org",
        FIELD_ENCRYPTION_KEY=secrets.token_hex(16),
        FIELD_HASH_KEY=secrets.token_hex(32),
        LAWSTATION_VAR_DIR=str(tmp_path),
    )
    assert result.returncode != 0
    assert "stats.E001" in result.stdout + result.stderr


def test_check_deploy_fails_without_identifier_keys_and_generates_none(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        LAWSTATION_PROFILE="production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="lawstation.example.org",
        LAWSTATION_VAR_DIR=str(tmp_path),
    )
    assert result.returncode != 0
    assert "cases.E001" in result.stdout + result.stderr
    assert not (tmp_path / "field_encryption_key").exists()
    assert not (tmp_path / "field_hash_key").exists()


def test_check_deploy_fails_when_debug_is_on(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        LAWSTATION_PROFILE="production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="lawstation.example.org",
        DEBUG="true",
        LAWSTATION_VAR_DIR=str(tmp_path),
    )
    assert result.returncode != 0
    assert "W018" in result.stdout + result.stderr


def test_secret_key_is_generated_once_and_kept_private(tmp_path):
    script = "from django.conf import settings; print(settings.SECRET_KEY)"
    first = run_manage("shell", "--no-imports", "-c", script, LAWSTATION_VAR_DIR=str(tmp_path))
    second = run_manage("shell", "--no-imports", "-c", script, LAWSTATION_VAR_DIR=str(tmp_path))
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    assert len(first.stdout.strip()) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_sqlite_runs_in_wal_with_full_sync_and_secure_delete(tmp_path):
    script = (
        "from django.db import connection\n"
        "c = connection.cursor()\n"
        "print([c.execute(f'PRAGMA {p}').fetchone()[0] "
        "for p in ('journal_mode', 'synchronous', 'secure_delete', 'foreign_keys')])"
    )
    result = run_manage(
        "shell", "--no-imports", "-c", script, LAWSTATION_VAR_DIR=str(tmp_path), DATABASE_URL=""
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['wal', 2, 1, 1]"
